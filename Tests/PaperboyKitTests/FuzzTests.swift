import Foundation
@testable import PaperboyCore
@testable import PaperboyIngest
@testable import PaperboySite
import Testing

/// Fuzzing the readers of untrusted text with a seeded PRNG: mutations of the real capture, of
/// the hostile catalogue and of Content files (bit flips, line drops and duplications, `---`,
/// quotes, control characters, huge lines, deep nesting, random bytes). Each target runs a fixed
/// number of executions (``Fuzz/executions``; `PAPERBOY_FUZZ_SCALE` multiplies them) from a fixed
/// seed (`PAPERBOY_FUZZ_SEED`: a number, or `random`); `PAPERBOY_FUZZ_INDEX` runs one execution
/// alone. A failure names its seed and execution and carries the whole input.
/// Inputs that once broke something are kept in `Tests/Fixtures/fuzz-corpus/` and replayed.
@Suite("Fuzz: feed parser and front-matter readers")
struct FuzzTests {
    /// Executions of this process's fuzz tests, for the summary line.
    nonisolated(unsafe) static var total = 0
    static let totalLock = NSLock()

    func fuzz(_ targets: [Fuzz.Target]) {
        let seed = Fuzz.seed()
        let only = Fuzz.onlyIndex()
        for target in targets {
            let began = DispatchTime.now()
            let report = Fuzz.fuzz(target, executions: Fuzz.executions(target), seed: seed, only: only)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - began.uptimeNanoseconds) / 1e9
            let total = Self.totalLock.withLock {
                Self.total += report.executions
                return Self.total
            }
            print(
                String(
                    format: "fuzz %@: %d executions in %.1f s (%d accepted, slowest %.3f s: execution %d), seed %llu; %d executions so far",
                    target.rawValue, report.executions, seconds, report.accepted, report.slowest, report.slowestIndex, seed, total))
            #expect(report.executions > 0)
            for violation in report.violations {
                Issue.record("\(violation) — \(Fuzz.replay(violation, seed: seed))")
            }
        }
    }

    @Test("the feed pipeline: decode, detect, parse, escape, slug, paper file round trip")
    func feedParser() {
        fuzz([.feed])
    }

    @Test("front matter, paper files and day files")
    func contentFiles() {
        fuzz([.frontmatter, .paper, .day])
    }

    @Test("the YAML subset, site.yml and topics.yml")
    func configuration() {
        fuzz([.yaml, .site, .topics])
    }

    /// Generated values (YAML trees, site.yml, topics.yml, papers) written with the project's
    /// writers read back equal: a fixed number per kind from the fuzz seed, each replayable.
    @Test("generated values read back as written", arguments: FuzzValues.Kind.allCases)
    func valuesReadBack(_ kind: FuzzValues.Kind) {
        let seed = Fuzz.seed()
        let count = max(1, Int((400 * (ProcessInfo.processInfo.environment["PAPERBOY_FUZZ_SCALE"].flatMap(Double.init) ?? 1)).rounded()))
        var failures = 0
        for index in Fuzz.onlyIndex().map({ [$0] }) ?? Array(0..<count) where failures < 5 {
            let (problem, written) = FuzzValues.check(kind, seed: seed, index: index)
            guard let problem else { continue }
            failures += 1
            Issue.record(
                "\(kind.rawValue): \(problem) — seed \(seed), execution \(index); replay with PAPERBOY_FUZZ_SEED=\(seed) PAPERBOY_FUZZ_INDEX=\(index); written (\(written.utf8.count) bytes, base64 \(Data(written.utf8).base64EncodedString())): \(written.debugDescription)"
            )
        }
    }

    /// What a corpus input is known to do, for the inputs kept because they once broke something.
    enum Expected {
        case accepted(titles: [String]?)
        case refused(String)
    }

    static let expected: [String: Expected] = [
        // A stack overflow (SIGSEGV) before YAMLParser bounded its recursion.
        "paper-deep-nesting.md": .refused("nested more than 32 levels deep"),
        "yaml-deep-mappings.yml": .refused("nested more than 32 levels deep"),
        "day-deep-nesting.md": .refused("nested more than 32 levels deep"),
        "topics-deep-nesting.yml": .refused("nested more than 32 levels deep"),
        // 77 s for 30,000 `)` before PlainTextMarkdown counted parentheses once.
        "feed-paren-bomb.txt": .accepted(titles: ["Parenthesis Bomb"]),
        // Lone CR glued two lines together (and dropped the CR with a warning).
        "feed-lone-cr.txt": .accepted(titles: ["Title One", "Title Two"]),
        "feed-mixed-line-endings.txt": .accepted(titles: ["A", "B", "C"]),
        // Two captures pasted together filed the chrome as papers.
        "feed-chrome-in-the-middle.txt": .refused(
            "page chrome (\"Get trending papers in your email inbox once a day!\") in the middle of the feed"),
        // 50,000 trailing spaces took seconds (`Substring.dropLast()` in a loop is quadratic).
        "yaml-trailing-spaces.yml": .accepted(titles: nil),
        // Paper files that did not read back: a combining mark merged with the opening quote or an
        // escape (`invalid \u escape`: the archive refused every later ingest and build), a
        // prepended mark swallowed the closing quote.
        "feed-zalgo-line-separator.txt": .accepted(titles: nil),
        "feed-combining-marks-first.txt": .accepted(titles: nil),
        "feed-hebrew-point-and-prepend.txt": .accepted(titles: [
            "\u{05BC}Bayesian Optimization Meets Self-Distillation", "Prepended Mark Last \u{0600}",
        ]),
        // `arxiv: arXiv: # ...` read as the id "" and was written back as no id at all.
        "paper-arxiv-prefix-only.md": .accepted(titles: nil),
        // DEL, C1 controls and noncharacters reached the HTML (Nu checker errors).
        "feed-del-c1-noncharacters.txt": .accepted(titles: ["DEL and C1 Title", "Noncharacters"]),
    ]

    @Test(
        "every kept input replays: no crash, no hang, the stated outcome",
        arguments: FileIO.list(Fuzz.corpusFolder).filter { !$0.hasPrefix(".") })
    func corpus(_ name: String) throws {
        let target = try #require(Fuzz.Target.allCases.first { name.hasPrefix($0.rawValue + "-") }, "\(name): name it <target>-*.ext")
        let input = try FileIO.read(Fuzz.corpusFolder + "/" + name)
        // No time limit: the inputs kept for their slowness grow linearly in `pathological`.
        let outcome: Fuzz.Outcome
        do { outcome = try Fuzz.run(target, input) } catch {
            Issue.record("\(name): \(error)")
            return
        }
        switch Self.expected[name] {
        case let .refused(fragment)?:
            guard case let .refused(diagnostic) = outcome else {
                Issue.record("\(name): accepted, expected a refusal with \(fragment)")
                return
            }
            #expect(diagnostic.message.contains(fragment), "\(name): \(diagnostic)")
        case let .accepted(titles)?:
            #expect(outcome == .accepted, "\(name): \(outcome)")
            if target == .feed, let titles {
                let parsed = try TrendingFeedParser().parse(try FeedDecoding.decode(input, file: name), file: name)
                #expect(parsed.entries.map(\.title) == titles, "\(name)")
            }
        case nil:
            break  // a seed: any outcome that keeps the properties
        }
    }

    /// An input that once took quadratic time, made at any size.
    struct Pathological: Sendable, CustomTestStringConvertible {
        var label: String
        var target: Fuzz.Target
        /// The size the growth is measured from (and twice it).
        var n: Int
        var make: @Sendable (Int) -> String
        var testDescription: String { label }
    }

    static let pathologicalInputs: [Pathological] = [
        .init(label: "a feed of n chrome lines", target: .feed, n: 20_000) {
            String(repeating: "Get trending papers in your email inbox!\n", count: $0) + "Title\nText\n"
        },
        .init(label: "a URL and n `)`", target: .feed, n: 25_000) {
            "Parenthesis Bomb\nsee http://x.org/" + String(repeating: ")", count: $0)
        },
        .init(label: "n `(` and `[`", target: .feed, n: 25_000) { "Brackets\n" + String(repeating: "([", count: $0 / 2) },
        .init(label: "n trailing spaces in front matter", target: .paper, n: 40_000) {
            "---\ntitle: x" + String(repeating: " ", count: $0) + "\nslug: x\nfirst_seen: 2026-12-01\n---\n"
        },
        .init(label: "n spaces in a flow list", target: .day, n: 40_000) {
            "---\ndate: 2026-12-01\npapers: [a" + String(repeating: " ", count: $0) + ", b]\n---\n"
        },
        .init(label: "n `#` and quotes", target: .yaml, n: 25_000) { "a: " + String(repeating: "\"#' ", count: $0 / 4) + "\n" },
        .init(label: "n keys", target: .yaml, n: 8_000) { (0..<$0).map { "k\($0): v\n" }.joined() },
    ]

    /// These inputs once took seconds to minutes (time growing with the square of their size). A
    /// wall-clock limit would depend on the machine; the time for 2n over the time for n does not.
    @Test("generated pathological inputs take time linear in their size", arguments: pathologicalInputs)
    func pathological(_ input: Pathological) throws {
        let growth = try Growth.measure(n: input.n, { Array(input.make($0).utf8) }) { bytes in try Fuzz.run(input.target, bytes) }
        #expect(growth.ratio < Growth.linear, "\(input.label): \(growth)")
        print("pathological \(input.label): \(growth)")
    }

    /// A run of `e.g.` made the excerpt quadratic: 35 s to build one such paper. It reads a
    /// bounded prefix now, so its time may not grow with the text at all.
    @Test(
        "excerpts of pathological abstracts take time linear in their size",
        arguments: [
            ("e.g. ", 20_000), ("a.b. ", 20_000), (". ", 50_000), ("x", 100_000), ("e\u{301}", 50_000),
        ])
    func excerpts(_ unit: String, _ n: Int) throws {
        let growth = try Growth.measure(n: n, { String(repeating: unit, count: $0) }) { text in
            let excerpt = SiteModel.excerpt(of: text)
            #expect(excerpt.count <= 300)
        }
        #expect(growth.ratio < Growth.linear, "\(unit.debugDescription) × n: \(growth)")
    }
}
