import Foundation
import Testing
@testable import PaperboyKit

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
            print(String(format: "fuzz %@: %d executions in %.1f s (%d accepted, slowest %.3f s: execution %d), seed %llu; %d executions so far",
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
        "feed-chrome-in-the-middle.txt": .refused("page chrome (\"Get trending papers in your email inbox once a day!\") in the middle of the feed"),
        // 50,000 trailing spaces took seconds (`Substring.dropLast()` in a loop is quadratic).
        "yaml-trailing-spaces.yml": .accepted(titles: nil),
        // Paper files that did not read back: a combining mark merged with the opening quote or an
        // escape (`invalid \u escape`: the archive refused every later ingest and build), a
        // prepended mark swallowed the closing quote.
        "feed-zalgo-line-separator.txt": .accepted(titles: nil),
        "feed-combining-marks-first.txt": .accepted(titles: nil),
        "feed-hebrew-point-and-prepend.txt": .accepted(titles: ["\u{05BC}Bayesian Optimization Meets Self-Distillation", "Prepended Mark Last \u{0600}"]),
        // `arxiv: arXiv: # ...` read as the id "" and was written back as no id at all.
        "paper-arxiv-prefix-only.md": .accepted(titles: nil),
        // DEL, C1 controls and noncharacters reached the HTML (Nu checker errors).
        "feed-del-c1-noncharacters.txt": .accepted(titles: ["DEL and C1 Title", "Noncharacters"]),
    ]

    @Test("every kept input replays: no crash, no hang, the stated outcome", arguments: FileIO.list(Fuzz.corpusFolder).filter { !$0.hasPrefix(".") })
    func corpus(_ name: String) throws {
        let target = try #require(Fuzz.Target.allCases.first { name.hasPrefix($0.rawValue + "-") }, "\(name): name it <target>-*.ext")
        let input = try FileIO.read(Fuzz.corpusFolder + "/" + name)
        let start = DispatchTime.now()
        let outcome: Fuzz.Outcome
        do { outcome = try Fuzz.run(target, input) } catch {
            Issue.record("\(name): \(error)")
            return
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        #expect(seconds < 5, "\(name) took \(seconds) s")
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

    @Test("generated pathological inputs stay fast", arguments: [
        ("feed of 250,000 chrome lines", Fuzz.Target.feed, String(repeating: "Get trending papers in your email inbox!\n", count: 250_000) + "Title\nText\n"),
        ("a URL and 99,000 `)`", Fuzz.Target.feed, "Parenthesis Bomb\nsee http://x.org/" + String(repeating: ")", count: 99_000)),
        ("99,000 `(` and `[`", Fuzz.Target.feed, "Brackets\n" + String(repeating: "([", count: 49_000)),
        ("150,000 trailing spaces in front matter", Fuzz.Target.paper, "---\ntitle: x" + String(repeating: " ", count: 150_000) + "\nslug: x\nfirst_seen: 2026-12-01\n---\n"),
        ("150,000 spaces in a flow list", Fuzz.Target.day, "---\ndate: 2026-12-01\npapers: [a" + String(repeating: " ", count: 150_000) + ", b]\n---\n"),
        ("100,000 `#` and quotes", Fuzz.Target.yaml, "a: " + String(repeating: "\"#' ", count: 25_000) + "\n"),
        ("100,000 keys", Fuzz.Target.yaml, (0..<100_000).map { "k\($0): v\n" }.joined()),
    ])
    func pathological(_ label: String, _ target: Fuzz.Target, _ text: String) throws {
        let start = DispatchTime.now()
        try Fuzz.run(target, Array(text.utf8))
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        #expect(seconds < 5, "\(label) took \(seconds) s")
    }

    @Test("excerpts of pathological abstracts stay fast")
    func excerpts() {
        // A run of `e.g.` made the excerpt quadratic: 35 s to build one such paper.
        for text in [String(repeating: "e.g. ", count: 20_000), String(repeating: "a.b. ", count: 20_000), String(repeating: ". ", count: 50_000),
                     String(repeating: "x", count: 100_000), String(repeating: "e\u{301}", count: 50_000)] {
            let start = DispatchTime.now()
            let excerpt = SiteModel.excerpt(of: text)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            #expect(seconds < 1, "excerpt of \(text.prefix(10))… took \(seconds) s")
            #expect(excerpt.count <= 300)
        }
    }
}
