import Foundation
@testable import PaperboyContent
@testable import PaperboyCore
@testable import PaperboyIngest
@testable import PaperboyMarkdown
@testable import PaperboySite
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Fuzz targets, input mutators and the properties every input must satisfy.
///
/// A target takes raw bytes and runs one reader of untrusted text (the feed pipeline, the
/// front-matter reader, the Content file readers, the YAML subset, site.yml, topics.yml).
/// Whatever the bytes, it must return (no crash, no hang) and either accept them, with the
/// invariants below holding, or refuse them with a ``Diagnostic`` in `FILE:LINE: message`
/// or `FILE: message` form naming the file it was given and a line that exists.
enum Fuzz {
    enum Target: String, CaseIterable, Sendable {
        case feed, frontmatter, paper, day, yaml, site, topics

        /// The file name diagnostics must carry.
        var fileName: String {
            switch self {
            case .feed: return "trending-2026-12-01.txt"
            case .frontmatter, .paper: return "Content/papers/fuzz-paper.md"
            case .day: return "Content/days/2026-12-01.md"
            case .yaml, .site: return "Content/site.yml"
            case .topics: return "Content/topics.yml"
            }
        }
    }

    /// A property that does not hold, with the input that broke it.
    struct Violation: Error, CustomStringConvertible {
        var target: Target
        var message: String
        var input: [UInt8]
        /// The execution that found it, when a fuzz run did.
        var index: Int?
        var description: String { "\(target.rawValue): \(message) (input of \(input.count) bytes)" }
    }

    enum Outcome: Equatable {
        case accepted
        case refused(Diagnostic)
    }

    /// Runs `target` on `input` and checks every property; throws the first violation.
    @discardableResult
    static func run(_ target: Target, _ input: [UInt8]) throws(Violation) -> Outcome {
        var problem: String?
        do throws(Diagnostic) {
            problem = try accept(target, input)
        } catch {
            if let problem = check(error, target: target, input: input) { throw Violation(target: target, message: problem, input: input) }
            return .refused(error)
        }
        if let problem { throw Violation(target: target, message: problem, input: input) }
        return .accepted
    }

    /// Reads `input` with the target's reader; a returned text is a broken property.
    static func accept(_ target: Target, _ input: [UInt8]) throws(Diagnostic) -> String? {
        let file = target.fileName
        switch target {
        case .feed:
            return try feed(input, file: file)
        case .frontmatter:
            // The values accepted are those in the text: written again, they read back the same.
            let document = try FrontMatterDocument.parse(text(input), file: file)
            if let problem = try FuzzValues.yamlReadsBack(document.frontMatter, file: file) { return problem }
            let again = try FrontMatterDocument.parse("---\n" + FuzzValues.yaml(document.frontMatter) + "---\n" + document.body, file: file)
            if again.frontMatter != document.frontMatter || again.body != document.body {
                return
                    "a front matter document does not read back from its own writing: \(document.frontMatter) became \(again.frontMatter)"
            }
        case .paper:
            let paper = try Paper(fileText: text(input), file: file)
            // What Paperboy writes for a paper reads back as the same paper (the body gains a final
            // newline when it had none), and writing it again gives the same bytes.
            var expected = paper
            expected.abstract = withFinalNewline(paper.abstract)
            let written = paper.fileText
            let again = try Paper(fileText: written, file: file)
            if again != expected { return "a paper does not survive fileText -> Paper(fileText:): \(expected) became \(again)" }
            if again.fileText != written { return "writing a paper file twice gives different bytes" }
        case .day:
            var lines: [Int] = []
            let day = try Day(fileText: text(input), file: file, slugLines: &lines)
            if lines.count != day.papers.count || lines.contains(where: { $0 < 1 }) {
                return "slugLines \(lines) do not match papers \(day.papers)"
            }
            var expected = day
            expected.note = withFinalNewline(day.note)
            var again: [Int] = []
            let reread = try Day(fileText: day.fileText, file: file, slugLines: &again)
            if reread != expected { return "a day does not survive fileText -> Day(fileText:): \(expected) became \(reread)" }
            if reread.fileText != day.fileText { return "writing a day file twice gives different bytes" }
        case .yaml:
            return try FuzzValues.yamlReadsBack(YAMLParser.parse(Substring(text(input)), file: file), file: file)
        case .site:
            let site = try SiteConfig(yaml: text(input), file: file)
            let again = try SiteConfig(yaml: FuzzValues.siteYAML(site), file: file)
            if again != site { return "an accepted site.yml does not read back from its own writing: \(site) became \(again)" }
        case .topics:
            let taxonomy = try Taxonomy(yaml: text(input), file: file)
            let again = try Taxonomy(yaml: FuzzValues.topicsYAML(taxonomy), file: file)
            if again != taxonomy { return "an accepted topics.yml does not read back from its own writing: \(taxonomy) became \(again)" }
            // Rules that load must classify without trouble.
            _ = TopicClassifier(taxonomy: taxonomy).ruleTopics(title: "Diffusion language models", text: "mixture of experts")
        }
        return nil
    }

    /// A file body as Paperboy writes it: ending in a line feed unless empty.
    static func withFinalNewline(_ body: String) -> String {
        body.isEmpty || body.utf8.last == 0x0A ? body : body + "\n"
    }

    /// Content files reach the readers only as valid UTF-8 (the loader refuses the rest first).
    static func text(_ input: [UInt8]) -> String { String(decoding: input, as: UTF8.self) }

    /// The ingest pipeline up to the files it would write: decode, detect, parse, escape, slug, write, read back.
    static func feed(_ input: [UInt8], file: String) throws(Diagnostic) -> String? {
        let text = try FeedDecoding.decode(input, file: file)
        // Named as a fetched daily list, so JSON inputs reach the Hugging Face parser.
        let parser = try FeedFormat.auto.parser(for: text, fileName: "hf-daily-2026-12-01.json", file: file)
        let parsed = try parser.parse(text, file: file)
        for warning in parsed.warnings {
            if let problem = check(warning, target: .feed, input: input) { return "warning: " + problem }
        }
        let date = CalendarDate("2026-12-01")!
        for (index, entry) in parsed.entries.enumerated() {
            for (name, value, limit) in [
                ("title", entry.title, TrendingFeedParser.maximumTitleLength), ("text", entry.text, TrendingFeedParser.maximumLineLength),
            ] {
                if value.isEmpty || value.count > limit { return "\(name) of entry \(index) is empty or too long: \(value.count)" }
                if value.unicodeScalars.contains(where: {
                    $0 == "\n" || $0 == "\r" || !FeedDecoding.isXMLCharacter($0) || !FeedDecoding.isHTMLCharacter($0)
                }) {
                    return
                        "\(name) of entry \(index) holds a line break or a character XML/HTML cannot carry: \(value.debugDescription.prefix(200))"
                }
                if value.first?.isWhitespace == true || value.last?.isWhitespace == true {
                    return "\(name) of entry \(index) is not trimmed: \(value.debugDescription.prefix(200))"
                }
                if TrendingFeedParser.headerLines.contains(value) { return "page chrome taken as the \(name) of entry \(index)" }
            }
            let slug = Slug.make(from: entry.title)
            if !Slug.isValid(slug) { return "invalid slug \(slug) for \(entry.title.debugDescription)" }
            // The paper file ingest would write reads back as the same paper: nothing is lost.
            if index < 40 {
                let paper = Paper(
                    slug: slug, title: entry.title, firstSeen: date, code: PlainTextMarkdown.githubURLs(in: entry.text),
                    abstract: PlainTextMarkdown.escape(entry.text) + "\n")
                let again = try Paper(fileText: paper.fileText, file: "Content/papers/\(slug).md")
                if again != paper { return "paper file of entry \(index) does not read back: \(entry.title.debugDescription)" }
            }
        }
        return nil
    }

    /// A diagnostic must name the file, a real line, and read `FILE:LINE: message`; else the problem.
    static func check(_ error: Diagnostic, target: Target, input: [UInt8]) -> String? {
        let file = target.fileName
        if error.file != file { return "diagnostic names \(error.file), not \(file): \(error)" }
        if error.message.isEmpty || error.message.contains("\n") {
            return "diagnostic message is empty or has a line break: \(error.description.debugDescription)"
        }
        let prefix = error.line.map { "\(file):\($0): " } ?? "\(file): "
        if !error.description.hasPrefix(prefix) { return "diagnostic is not in FILE:LINE: form: \(error)" }
        if let line = error.line {
            let breaks = input.reduce(0) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
            if line < 1 || line > breaks + 2 { return "diagnostic line \(line) is outside the input (\(breaks) line breaks): \(error)" }
        }
        return nil
    }

    // MARK: Seeds

    static let root = TestFixtures.repositoryRoot

    static func file(_ relative: String) -> [UInt8] {
        (try? Array(Data(contentsOf: root.appendingPathComponent(relative)))) ?? []
    }

    /// Seed inputs per target: real files of the repository and the hostile catalogue.
    static func seeds(for target: Target) -> [[UInt8]] {
        switch target {
        case .feed:
            var seeds: [[UInt8]] = []
            let sample = file("Tests/Fixtures/trending-2026-11-26.txt")
            let lines = sample.split(separator: 0x0A, omittingEmptySubsequences: false)
            // Windows of the real capture: with and without the chrome, 1 to 12 entries.
            for start in stride(from: 3, to: min(lines.count, 120), by: 7) {
                let end = min(lines.count, start + 2 * (1 + start % 12))
                seeds.append(Array(lines[start..<end].joined(separator: [0x0A])))
                seeds.append(Array(lines[0..<3].joined(separator: [0x0A])) + [0x0A] + Array(lines[start..<end].joined(separator: [0x0A])))
            }
            seeds.append(Array(lines.prefix(40).joined(separator: [0x0A])))
            let hostile = root.appendingPathComponent("Tests/Fixtures/hostile").path
            for name in FileIO.list(hostile) where name.hasSuffix(".txt") {
                if let bytes = try? FileIO.read(hostile + "/" + name) { seeds.append(bytes) }
            }
            return seeds + corpus(for: target)
        case .paper, .frontmatter, .yaml:
            var seeds = FileIO.list(root.appendingPathComponent("Content/papers").path).prefix(12).map { file("Content/papers/" + $0) }
            seeds.append(
                Array(
                    """
                    ---
                    title: "A \\"Full\\" Paper: TÜLU 3 — 数学 🚀"
                    slug: a-full-paper-tulu-3
                    first_seen: 2026-11-26
                    arxiv: arXiv:2502.12345v2
                    authors: ["Ada Lovelace", 'Alan Turing']
                    code:
                      - "https://github.com/a/b"
                      - https://github.com/c/d
                    summary: 'One sentence: it''s short.'
                    topics: [diffusion, other]   # by hand
                    ---
                    The abstract, in *Markdown*.

                    """.utf8))
            if target == .yaml {
                seeds.append(file("Content/site.yml"))
                seeds.append(file("Content/topics.yml"))
            }
            return seeds + corpus(for: target)
        case .day:
            return [
                file("Content/days/2026-11-26.md"), Array("---\ndate: 2026-12-01\nsource: \"x.txt\"\npapers: []\n---\nA note.\n".utf8),
                Array("---\r\ndate: 2026-12-01\r\npapers:\r\n- a\r\n- b-c\r\n---\r\n".utf8),
            ] + corpus(for: target)
        case .site:
            return [file("Content/site.yml"), Array("title: x\nbase_url: https://e.org/a/\nfeed_items: 7\nlanguage: en-GB\n".utf8)]
                + corpus(for: target)
        case .topics:
            return [file("Content/topics.yml"), Array("topics:\n- slug: a\n  name: A\n  phrases: [x y, z]\n  minimum_score: 1\n".utf8)]
                + corpus(for: target)
        }
    }

    static let corpusFolder = root.appendingPathComponent("Tests/Fixtures/fuzz-corpus").path

    /// The kept inputs for a target: `fuzz-corpus/<target>-*`.
    static func corpus(for target: Target) -> [[UInt8]] {
        FileIO.list(corpusFolder).filter { $0.hasPrefix(target.rawValue + "-") }.compactMap { try? FileIO.read(corpusFolder + "/" + $0) }
    }

    // MARK: Mutations

    static let tokens: [String] = [
        "---\n", "...\n", "\"", "'", ": ", ":", "- ", "-", "  ", "    ", "\t", "#", " # ", "[", "]", "[a, \"b\"]", "{", "}", "\\", "\\u",
        "\\x4", "\\U0010FFFF",
        "&", "*", "|", ">", "!", "\r", "\r\n", "\n", "\n\n", "\u{FEFF}", "\u{202E}", "\u{2066}", "\u{0}", "\u{1}", "\u{7}", "\u{1B}",
        "\u{7F}",
        "\u{85}", "\u{9F}", "\u{2028}", "\u{A0}", "\u{3000}", "🚀", "👩‍👩‍👧", "e\u{301}", "ß", "İ", "ﬁ", "]]>", "<![CDATA[",
        "<script>alert(1)</script>", "javascript:alert(1)", "data:text/html,x", "http://x.org/", "https://github.com/a/b_c).",
        "www.example.com",
        ")))))))))", "((((", "e.g. ", "`", "``", "~~", "_", "1. ", "> ", "&amp;", "&#0;",
        "Get trending papers in your email inbox once a day!\n", "Get trending papers in your email inbox!\n", "Subscribe",
        "title: x\n", "slug: x\n", "slug: a--b\n", "first_seen: 2026-02-30\n", "first_seen: 2026-12-01\n", "arxiv: \n", "topics: [a, b]\n",
        "topics:\n  - a\n", "authors:\n  - x\n", "papers:\n  - a\n", "papers: []\n", "date: 2026-12-01\n", "base_url: https://e.org/\n",
        "feed_items: 99999999999999999999\n", "- slug: t\n  name: T\n  phrases: [p]\n", "minimum_score: -1\n", "&anchor ", "*alias",
        "!tag ",
        String(Character(Unicode.Scalar(0xFFFE)!)), String(Character(Unicode.Scalar(0x1FFFF)!)),
        String(Character(Unicode.Scalar(0xFDD0)!)), String(Character(Unicode.Scalar(0x10FFFF)!)),
    ]
    static let interestingBytes: [UInt8] = [
        0x00, 0x09, 0x0A, 0x0D, 0x20, 0x22, 0x23, 0x27, 0x2D, 0x3A, 0x5B, 0x5C, 0x5D, 0x7B, 0x7D, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED,
        0xEF, 0xF0, 0xF4, 0xF8, 0xFF,
    ]

    static func mutate(_ input: [UInt8], seeds: [[UInt8]], target: Target, random: inout some RandomNumberGenerator) -> [UInt8] {
        var bytes = input
        let rounds = Int.random(in: 1...4, using: &random)
        for _ in 0..<rounds {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &random)
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<12:  // flip bits
                for _ in 0..<Int.random(in: 1...8, using: &random) where !bytes.isEmpty {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
                }
            case 12..<22:  // interesting bytes
                for _ in 0..<Int.random(in: 1...4, using: &random) where !bytes.isEmpty {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] = interestingBytes.randomElement(using: &random)!
                }
            case 22..<50:  // a token, often at a line start
                var at = position
                if Bool.random(using: &random), let lineStart = bytes[..<position].lastIndex(of: 0x0A) { at = lineStart + 1 }
                bytes.insert(contentsOf: Array(tokens.randomElement(using: &random)!.utf8), at: min(at, bytes.count))
            case 50..<62:  // drop, duplicate or swap lines
                var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                guard !lines.isEmpty else { break }
                let a = Int.random(in: 0..<lines.count, using: &random)
                let b = Int.random(in: 0..<lines.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: lines.remove(at: a)
                case 1: lines.insert(lines[a], at: b)
                default: lines.swapAt(a, b)
                }
                bytes = Array(lines.joined(separator: [0x0A]))
            case 62..<68:  // truncate
                bytes = Array(bytes.prefix(position))
            case 68..<74:  // splice in part of another seed
                if let other = seeds.randomElement(using: &random), !other.isEmpty {
                    let start = Int.random(in: 0..<other.count, using: &random)
                    let end = min(other.count, start + Int.random(in: 1...400, using: &random))
                    bytes.insert(contentsOf: other[start..<end], at: position)
                }
            case 74..<79:  // change every line ending
                let ending: [UInt8] = [[0x0D, 0x0A], [0x0D], [0x0A, 0x0D]].randomElement(using: &random)!
                bytes = Array(bytes.split(separator: 0x0A, omittingEmptySubsequences: false).joined(separator: ending))
            case 79..<84:  // random bytes
                bytes.insert(
                    contentsOf: (0..<Int.random(in: 1...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) },
                    at: position)
            case 84..<88:  // a random Unicode scalar
                let ranges: [ClosedRange<UInt32>] = [
                    0...0x7F, 0x80...0x7FF, 0x800...0xD7FF, 0xE000...0xFFFF, 0x10000...0x10FFFF, 0x200B...0x206F,
                ]
                let range = ranges.randomElement(using: &random)!
                if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &random)) {
                    bytes.insert(contentsOf: Array(String(Character(scalar)).utf8), at: position)
                }
            case 88..<89:  // a long line: around the parser's limits
                let length = [399, 400, 401, 99_999, 100_000, 100_001, 150_000].randomElement(using: &random)!
                let unit = Array(["x", "é", "🚀", " ", ")", "e.g. "].randomElement(using: &random)!.utf8)
                var line: [UInt8] = []
                while line.count < length { line += unit }
                bytes.insert(contentsOf: line + [0x0A], at: position)
            case 89..<94:  // deep nesting (YAML recursion)
                let depth = Int.random(in: 1...200, using: &random)
                var nested = Array("deep:\n".utf8)
                for level in 1...depth {
                    nested += Array(repeating: 0x20, count: level) + Array((level % 2 == 0 ? "-\n" : "k\(level):\n").utf8)
                }
                let insertAt = target == .feed ? position : (bytes.firstIndex(of: 0x0A).map { $0 + 1 } ?? 0)
                bytes.insert(contentsOf: nested, at: min(insertAt, bytes.count))
            case 94..<97:  // a whole new input of random bytes
                bytes = (0..<Int.random(in: 0...512, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            default:  // a whole new input of random tokens
                bytes = (0..<Int.random(in: 1...40, using: &random)).flatMap { _ in Array(tokens.randomElement(using: &random)!.utf8) }
            }
        }
        // Front matter targets: keep most inputs valid UTF-8 so the parsers, not the decoder, get exercised.
        if target != .feed, Int.random(in: 0..<4, using: &random) > 0 {
            bytes = Array(String(decoding: bytes, as: UTF8.self).utf8)
        }
        return bytes
    }

    // MARK: Driver

    /// Executions per target in one `swift test` run: about 20 s of fuzzing in all on this
    /// project's 2-core machine, but a fixed number, so that a run does not depend on the
    /// machine's speed or load. `PAPERBOY_FUZZ_SCALE` multiplies them (`scripts/fuzz.sh`).
    static let executions: [Target: Int] = [.feed: 1_000, .frontmatter: 700, .paper: 600, .day: 180, .yaml: 400, .site: 400, .topics: 250]

    static func executions(_ target: Target) -> Int {
        let scale = ProcessInfo.processInfo.environment["PAPERBOY_FUZZ_SCALE"].flatMap(Double.init) ?? 1
        return max(1, Int((Double(executions[target]!) * scale).rounded()))
    }

    /// The seed: `PAPERBOY_FUZZ_SEED` (a number replays a run, `random` asks for a new one), else a fixed one.
    static func seed() -> UInt64 { SplitMix64.seed(from: "PAPERBOY_FUZZ_SEED", fixed: 20_261_201) }

    /// `PAPERBOY_FUZZ_INDEX`: run only that execution (with the seed of the failure), to replay it alone.
    static func onlyIndex() -> Int? { ProcessInfo.processInfo.environment["PAPERBOY_FUZZ_INDEX"].flatMap { Int($0) } }

    /// The input of execution `index`: the `index`-th seed input, then mutations. It depends on
    /// the seed, the target, the index and the seed inputs only, never on an earlier execution,
    /// so one execution replays alone.
    static func input(_ target: Target, seed: UInt64, index: Int, seeds: [[UInt8]]) -> [UInt8] {
        if index < seeds.count { return seeds[index] }
        var mixer = SplitMix64(
            seed: seed ^ (UInt64(Target.allCases.firstIndex(of: target)!) << 48) ^ (UInt64(index) &* 0x2545_F491_4F6C_DD1D))
        var random = SplitMix64(seed: mixer.next())
        let base = seeds.isEmpty ? [] : seeds.randomElement(using: &random)!
        return mutate(base, seeds: seeds, target: target, random: &random)
    }

    /// How to run a failing input again: the seed and index, and the whole input (base64, and
    /// escaped) to keep in the corpus, where it replays whatever the seed inputs become.
    static func replay(_ violation: Violation, seed: UInt64) -> String {
        let index = violation.index.map { " PAPERBOY_FUZZ_INDEX=\($0)" } ?? ""
        return "seed \(seed), execution \(violation.index.map(String.init) ?? "?"); replay with PAPERBOY_FUZZ_SEED=\(seed)\(index) "
            + "swift test --filter FuzzTests; or keep it: echo '\(Data(violation.input).base64EncodedString())' | base64 -d > "
            + "Tests/Fixtures/fuzz-corpus/\(violation.target.rawValue)-NAME; input (\(violation.input.count) bytes): \(text(violation.input).debugDescription)"
    }

    /// Where the input being run is kept while it runs: after a crash it holds the culprit.
    static func currentInputPath(_ target: Target) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-fuzz-current-\(target.rawValue)").path
    }

    struct Report {
        var executions = 0
        var accepted = 0
        /// The slowest execution and its index: reported, not judged (a wall-clock limit would make
        /// the outcome depend on the machine; `pathological` tests compare n with 2n instead).
        var slowest = 0.0
        var slowestIndex = 0
        var violations: [Violation] = []
    }

    /// Runs `executions` inputs of `target` (or only execution `only`); every input is checked by ``run(_:_:)``.
    static func fuzz(_ target: Target, executions: Int, seed: UInt64, only: Int? = nil) -> Report {
        let seeds = seeds(for: target)
        var report = Report()
        let keep = currentInputPath(target)
        for index in only.map({ [$0] }) ?? Array(0..<executions) {
            guard report.violations.count < 5 else { break }
            let input = input(target, seed: seed, index: index, seeds: seeds)
            try? FileIO.write(input, to: keep)
            let began = DispatchTime.now()
            do throws(Violation) {
                if try run(target, input) == .accepted { report.accepted += 1 }
            } catch {
                var violation = error
                violation.index = index
                report.violations.append(violation)
                save(violation)
            }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - began.uptimeNanoseconds) / 1e9
            if elapsed > report.slowest { (report.slowest, report.slowestIndex) = (elapsed, index) }
            report.executions += 1
        }
        unlink(keep)
        return report
    }

    /// Keeps a failing input where it can be copied into the corpus.
    static func save(_ violation: Violation) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "paperboy-fuzz-failure-\(violation.target.rawValue)-\(violation.input.hashValue & 0xFFFFFF)"
        ).path
        try? FileIO.write(violation.input, to: path)
        print("fuzz \(violation.target.rawValue): failing input kept in \(path)")
    }
}
