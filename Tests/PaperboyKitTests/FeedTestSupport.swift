import Foundation
@testable import PaperboyContent
@testable import PaperboyCore
@testable import PaperboySite
import TestSupport
import Testing
#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A small site, built by hand, with a hostile paper, for the feed tests.
enum FeedFixture {
    static let baseURL = "https://example.org/archive/"
    static let hostileTitle = "<script>alert(1)</script> & \"quotes\" ]]> 'apos' مرحبا 🚀"
    /// cmark-gfm-style HTML with relative links in every form, and markup that must survive.
    static let hostileAbstractHTML = """
        <p>See <a href="../other-paper/">the other paper</a>, <a href="#method">the method</a>, \
        <a href="/root/x?a=1&amp;b=2">a root link</a>, <a href="https://arxiv.org/abs/2501.00001">arXiv</a>, \
        <a href="//cdn.example.net/y">a network path</a>, <a href="mailto:a@b.c">mail</a> and <b>bold</b> \
        &amp; ]]&gt; <img src="fig.png" alt="fig" /></p>
        <p>مرحبا 🚀 &lt;script&gt;</p>

        """
    /// The same HTML as a feed must carry it: every link absolute.
    static let hostileAbstractResolved = """
        <p>See <a href="https://example.org/archive/papers/other-paper/">the other paper</a>, \
        <a href="https://example.org/archive/papers/hostile/#method">the method</a>, \
        <a href="https://example.org/root/x?a=1&amp;b=2">a root link</a>, <a href="https://arxiv.org/abs/2501.00001">arXiv</a>, \
        <a href="https://cdn.example.net/y">a network path</a>, <a href="mailto:a@b.c">mail</a> and <b>bold</b> \
        &amp; ]]&gt; <img src="https://example.org/archive/papers/hostile/fig.png" alt="fig" /></p>
        <p>مرحبا 🚀 &lt;script&gt;</p>

        """
    static let hostileExcerpt = "See the other paper & <b>bold</b> ]]> \"q\" 'a' مرحبا 🚀"

    static func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

    static func paper(
        _ slug: String, title: String? = nil, firstSeen: String, arxiv: String? = nil, authors: [String] = [], topics: [String],
        html: String? = nil, excerpt: String? = nil, appearances: [(String, Int)]
    ) -> PaperModel {
        PaperModel(
            paper: LoadedPaper(
                Paper(
                    slug: slug, title: title ?? "Paper \(slug)", firstSeen: date(firstSeen), arxiv: arxiv, authors: authors,
                    abstract: "")),
            topics: topics,
            abstractHTML: html ?? "<p>Abstract of \(slug).</p>\n",
            excerpt: excerpt ?? "Abstract of \(slug).",
            appearances: appearances.map { .init(date: date($0.0), rank: $0.1) })
    }

    /// Three days; five papers; feedItems = 3 so limits show.
    ///
    /// - 2026-11-26: hostile (1), p2 (2), p3 (3, first seen the day before)
    /// - 2026-11-25: p3 (1), p4 (2... first seen 11-24)
    /// - 2026-11-24: p4 (1), p5 (2)
    static func model(feedItems: Int = 3, author: String = "") -> SiteModel {
        let papers: [PaperModel] = [
            paper(
                "hostile", title: hostileTitle, firstSeen: "2026-11-26", authors: ["Ada <Lovelace>", "Bob & \"Co\""],
                topics: ["llm", "vision"], html: hostileAbstractHTML, excerpt: hostileExcerpt,
                appearances: [("2026-11-26", 1)]),
            paper("p2", firstSeen: "2026-11-26", topics: ["other"], appearances: [("2026-11-26", 2)]),
            paper(
                "p3", firstSeen: "2026-11-25", arxiv: "2511.01234", authors: ["Carol"], topics: ["llm"],
                appearances: [("2026-11-25", 1), ("2026-11-26", 3)]),
            paper("p4", firstSeen: "2026-11-24", topics: ["llm"], appearances: [("2026-11-24", 1), ("2026-11-25", 2)]),
            paper("p5", firstSeen: "2026-11-24", topics: ["other"], appearances: [("2026-11-24", 2)]),
        ]
        var byslug: [String: PaperModel] = [:]
        for paper in papers { byslug[paper.slug] = paper }
        let days = [
            DayModel(date: date("2026-11-24"), source: "a.txt", papers: ["p4", "p5"], noteHTML: ""),
            DayModel(
                date: date("2026-11-25"), source: "b.txt", papers: ["p3", "p4"],
                noteHTML: "<p>A <a href=\"../2026-11-24/\">note</a> &amp; more.</p>\n"),
            DayModel(date: date("2026-11-26"), source: "c.txt", papers: ["hostile", "p2", "p3"], noteHTML: ""),
        ]
        let topics = [
            TopicModel(slug: "llm", name: "Language models & <LLMs>", papers: ["hostile", "p3", "p4"]),
            TopicModel(slug: "vision", name: "Vision", papers: ["hostile"]),
            TopicModel(slug: "other", name: "Other", papers: ["p2", "p5"]),
        ]
        let site = SiteConfig(
            title: "Paper & Boy \"Archive\"", description: "Trending <papers>", baseURL: baseURL,
            language: "en-GB", author: author, feedItems: feedItems)
        return SiteModel(
            site: site, days: days, papers: byslug, topics: topics,
            papersNewestFirst: ["hostile", "p2", "p3", "p4", "p5"])
    }

    /// A bigger model: `count` papers over `count / 10` days, all in one topic (for pagination and limits).
    static func bigModel(count: Int, feedItems: Int = 50) -> SiteModel {
        var papers: [String: PaperModel] = [:]
        var days: [DayModel] = []
        var start = date("2026-01-01")
        var newestFirst: [String] = []
        for dayIndex in 0..<(count / 10) {
            var slugs: [String] = []
            for rank in 1...10 {
                let slug = "paper-\(dayIndex)-\(rank)"
                slugs.append(slug)
                papers[slug] = paper(slug, firstSeen: start.description, topics: ["big"], appearances: [(start.description, rank)])
            }
            days.append(DayModel(date: start, source: "\(start).txt", papers: slugs, noteHTML: ""))
            newestFirst.insert(contentsOf: slugs, at: 0)
            start = start.next
        }
        let site = SiteConfig(title: "Big", description: "", baseURL: "http://localhost:8000/", feedItems: feedItems)
        return SiteModel(
            site: site, days: days, papers: papers,
            topics: [TopicModel(slug: "big", name: "Big", papers: newestFirst)], papersNewestFirst: newestFirst)
    }
}

/// A parsed XML element, for checking rendered feeds with a real parser (libxml2 via FoundationXML).
final class ParsedXML {
    let name: String
    let attributes: [String: String]
    var children: [ParsedXML] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// The first child called `name`.
    func child(_ name: String) -> ParsedXML? { children.first { $0.name == name } }
    /// Every child called `name`.
    func all(_ name: String) -> [ParsedXML] { children.filter { $0.name == name } }
    /// Every descendant called `name`, in document order.
    func descendants(_ name: String) -> [ParsedXML] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.descendants(name) }
    }

    /// Parses `bytes`; nil when the document is not well-formed.
    static func parse(_ bytes: [UInt8]) -> ParsedXML? {
        let parser = XMLParser(data: Data(bytes))
        let builder = Builder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else { return nil }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: ParsedXML?
        var stack: [ParsedXML] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            let element = ParsedXML(name: elementName, attributes: attributeDict)
            if let parent = stack.last { parent.children.append(element) } else { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}

/// Running helper programs (python3, jing) from the tests.
enum FeedTools {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let validation = repositoryRoot.appendingPathComponent("Tests/Validation")
    static let parseFeedScript = validation.appendingPathComponent("parse_feed.py").path
    static let validateSiteScript = validation.appendingPathComponent("validate_site.py").path
    static let atomSchema = validation.appendingPathComponent("atom.rnc").path

    /// Runs `arguments` (the first found on PATH through /usr/bin/env); nil when it cannot start.
    static func run(_ arguments: [String]) -> (status: Int32, stdout: String, stderr: String)? {
        guard let outcome = try? ProcessRunner.run("/usr/bin/env", arguments) else { return nil }
        return (outcome.status, outcome.stdout, outcome.stderr)
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// python3 with feedparser, and the parse_feed.py script.
    static let hasFeedparser: Bool = exists(parseFeedScript) && run(["python3", "-c", "import feedparser"])?.status == 0

    /// python3 with feedparser, and the validate_site.py script.
    static let hasSiteValidator: Bool = exists(validateSiteScript) && run(["python3", "-c", "import feedparser"])?.status == 0

    /// jing on PATH, and the Atom schema.
    static let hasJing: Bool = exists(atomSchema) && run(["sh", "-c", "command -v jing"])?.status == 0

    // A missing validator is a test failure that says what to install, in CI and locally:
    // a skipped validator would let every feed pass unchecked.

    static func requireFeedparser(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try #require(exists(parseFeedScript), "Tests/Validation/parse_feed.py is missing", sourceLocation: sourceLocation)
        try #require(
            hasFeedparser, "feedparser is not installed for python3: pip install feedparser (make test installs it)",
            sourceLocation: sourceLocation)
    }

    static func requireSiteValidator(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try #require(exists(validateSiteScript), "Tests/Validation/validate_site.py is missing", sourceLocation: sourceLocation)
        try #require(
            hasSiteValidator, "feedparser is not installed for python3: pip install feedparser (make test installs it)",
            sourceLocation: sourceLocation)
    }

    static func requireJing(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try #require(exists(atomSchema), "Tests/Validation/atom.rnc is missing", sourceLocation: sourceLocation)
        try #require(
            hasJing, "jing is not on PATH: apt-get install jing (macOS: brew install jing-trang; make test installs it)",
            sourceLocation: sourceLocation)
    }

    /// Writes `files` under a new temporary folder and returns it.
    static func write(_ files: [OutputFile]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-feeds-\(UUID().uuidString)")
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents).write(to: url)
        }
        return folder
    }
}

extension [OutputFile] {
    /// The file at `path`.
    subscript(path path: String) -> OutputFile? { first { $0.path == path } }
}

/// The file at `path` of `files`, parsed as XML; a test failure when it is missing or not well-formed.
func parsedXML(_ files: [OutputFile], _ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ParsedXML {
    let file = try #require(files[path: path], "no \(path)", sourceLocation: sourceLocation)
    return try #require(ParsedXML.parse(file.contents), "\(path) is not well-formed XML", sourceLocation: sourceLocation)
}

/// The file at `path` of `files`, parsed as a JSON object.
func parsedJSON(_ files: [OutputFile], _ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    let file = try #require(files[path: path], "no \(path)", sourceLocation: sourceLocation)
    let object = try JSONSerialization.jsonObject(with: Data(file.contents))
    return try #require(object as? [String: Any], "\(path) is not a JSON object", sourceLocation: sourceLocation)
}
