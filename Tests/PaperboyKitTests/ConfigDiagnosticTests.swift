import Foundation
@testable import PaperboyContent
@testable import PaperboyCore
import Testing

/// Every diagnostic reading `site.yml` and `topics.yml` can give (SiteConfig, Taxonomy, the YAML
/// subset under both, and the loader around them): a minimal bad document, the line it names
/// and the exact message.
@Suite("site.yml and topics.yml diagnostics")
struct ConfigDiagnosticTests {
    enum File: String, Sendable { case site = "Content/site.yml", topics = "Content/topics.yml" }

    struct Row: Sendable, CustomTestStringConvertible {
        var file: File
        var text: String
        var line: Int?
        var message: String
        var testDescription: String { "\(file.rawValue): \(message)" }
        init(_ file: File, _ text: String, _ line: Int?, _ message: String) {
            (self.file, self.text, self.line, self.message) = (file, text, line, message)
        }
    }

    static let site = "title: T\nbase_url: https://example.org/\n"
    static func baseURL(_ url: String, _ why: String) -> Row {
        Row(
            .site, "title: T\nbase_url: \(url)\n", 2,
            "`base_url`: \(url) is not a usable base URL: \(why) (example: https://user.github.io/archive/)")
    }

    static let siteRows: [Row] = [
        Row(.site, "base_url: https://example.org/\n", 1, "missing `title`"),
        Row(.site, "title: T\n", 1, "missing `base_url`"),
        Row(.site, "", 1, "missing `base_url`"),
        Row(.site, "base_url: https://example.org/\n# a comment\ntitle: [a, b]\n", 3, "`title` must be a text"),
        // A value on the lines below its key is named by its first line.
        Row(.site, "title:\n  x: 1\nbase_url: https://example.org/\n", 2, "`title` must be a text"),
        Row(.site, site + "description:\n  - a\n", 4, "`description` must be a text"),
        Row(.site, site + "author: [a]\n", 3, "`author` must be a text"),
        Row(.site, "title: T\nbase_url: [https://example.org/]\n", 2, "`base_url` must be a text"),
        baseURL("example.org", "it needs http:// or https://"),
        baseURL("ftp://example.org/", "the scheme must be http or https"),
        baseURL("javascript://example.org/", "the scheme must be http or https"),
        baseURL("https://user:pw@example.org/", "it may not contain a user name or password"),
        baseURL("https://example.org:0/", "the port must be a number from 1 to 65535"),
        baseURL("https://example.org:x/", "the port must be a number from 1 to 65535"),
        baseURL("https:///a/", "the host must be a domain name like example.org (write international names in punycode)"),
        baseURL("https://bücher.de/", "the host must be a domain name like example.org (write international names in punycode)"),
        baseURL("https://-x.org/", "the host must be a domain name like example.org (write international names in punycode)"),
        baseURL("https://example.org/?a=1", "it may not have a query or fragment"),
        baseURL("https://example.org/a#b", "it may not have a query or fragment"),
        baseURL("https://example.org/a%zz/", "the path holds characters a URL cannot carry raw; percent-encode them"),
        baseURL("https://example.org/数学/", "the path holds characters a URL cannot carry raw; percent-encode them"),
        baseURL("https://example.org/index.html", "it must name a folder, not a file"),
        baseURL("https://example.org/a/../b/", "the path may not contain . or .. segments"),
        Row(.site, site + "feed_items: 0\n", 3, "`feed_items` must be a whole number from 1 to 10000"),
        Row(.site, site + "feed_items: 10001\n", 3, "`feed_items` must be a whole number from 1 to 10000"),
        Row(.site, site + "feed_items: ten\n", 3, "`feed_items` must be a whole number from 1 to 10000"),
        Row(.site, site + "feed_items: 99999999999999999999\n", 3, "`feed_items` must be a whole number from 1 to 10000"),
        Row(.site, site + "feed_items: [5]\n", 3, "`feed_items` must be a whole number from 1 to 10000"),
        Row(.site, site + "language: en_GB\n", 3, "`language` must be a language tag like en or en-GB"),
        Row(.site, site + "language: \"\"\n", 3, "`language` must be a language tag like en or en-GB"),
        Row(.site, site + "language: français\n", 3, "`language` must be a language tag like en or en-GB"),
        Row(.site, site + "language: [en]\n", 3, "`language` must be a text"),
    ]

    static let topic = "topics:\n  - slug: a\n    name: A\n    phrases: [x]\n"
    static func weighted(_ lowest: Int) -> String { "a list, or lines `WEIGHT: [...]` with a whole number from \(lowest) to 100" }
    static func known(_ keys: Set<String>) -> String { keys.sorted().map { "`\($0)`" }.joined(separator: ", ") }

    static let topicsRows: [Row] = [
        Row(.topics, "", 1, "missing `topics`, the list of topic rules"),
        Row(.topics, "title_weight: 2\n", 1, "missing `topics`, the list of topic rules"),
        Row(.topics, "# rules\ntopics: none\n", 2, "`topics` must be a list of `- slug:` entries"),
        Row(.topics, "topics:\n  slug: a\n", 2, "`topics` must be a list of `- slug:` entries"),
        Row(.topics, "topics:\n  - just a text\n", 2, "each topic needs `slug`, `name` and `phrases`"),
        Row(.topics, topic + "  - [a, b]\n", 5, "each topic needs `slug`, `name` and `phrases`"),
        Row(.topics, "topics:\n  - name: A\n    phrases: [x]\n", 2, "each topic needs a `slug` of a-z, 0-9 and dashes"),
        Row(
            .topics, "topics:\n  - name: A\n    slug: Not_A_Slug\n    phrases: [x]\n", 3, "each topic needs a `slug` of a-z, 0-9 and dashes"
        ),
        Row(.topics, "topics:\n  - name: A\n    slug: a--b\n", 3, "each topic needs a `slug` of a-z, 0-9 and dashes"),
        Row(.topics, topic + "  - slug: other\n    name: O\n    phrases: [y]\n", 5, "`other` is reserved for papers that match no topic"),
        Row(.topics, topic + "  - slug: a\n    name: A again\n    phrases: [y]\n", 5, "topic `a` is defined twice"),
        Row(.topics, "topics:\n  - slug: a\n    phrases: [x]\n", 2, "topic `a` needs a `name`"),
        Row(.topics, "topics:\n  - slug: a\n    name: \"\"\n    phrases: [x]\n", 2, "topic `a` needs a `name`"),
        Row(.topics, "topics:\n  - slug: a\n    name: A\n", 2, "topic `a` needs `phrases`, a list of texts"),
        Row(.topics, "topics:\n  - slug: a\n    name: A\n    phrases: []\n", 4, "topic `a` needs `phrases`, a list of texts"),
        Row(
            .topics, "topics:\n  - slug: a\n    name: A\n    phrases:\n      k: v\n", 5,
            "topic `a`: `phrases` must be \(weighted(0)), not `k`"),
        Row(
            .topics, "topics:\n  - slug: a\n    name: A\n    phrases:\n      101: [x]\n", 5,
            "topic `a`: `phrases` must be \(weighted(0)), not `101`"),
        Row(
            .topics, "topics:\n  - slug: a\n    name: A\n    phrases:\n      -1: [x]\n", 5,
            "topic `a`: `phrases` must be \(weighted(0)), not `-1`"),
        Row(
            .topics, "topics:\n  - slug: a\n    name: A\n    phrases:\n      4:\n        k: v\n", 6,
            "topic `a`: `phrases` weight 4 needs a list of texts"),
        Row(.topics, "topics:\n  - slug: a\n    name: A\n    phrases:\n      - k: v\n", 5, "topic `a`: `phrases` must be \(weighted(0))"),
        Row(.topics, topic + "    title_phrases:\n      x: [y]\n", 6, "topic `a`: `title_phrases` must be \(weighted(0)), not `x`"),
        Row(.topics, topic + "    veto:\n      x: y\n", 6, "topic `a`: `veto` must be a list of phrases"),
        Row(.topics, topic + "    categories:\n      0: [cs.CV]\n", 6, "topic `a`: `categories` must be \(weighted(1)), not `0`"),
        Row(.topics, topic + "    relative_score: 101\n", 5, "`relative_score` must be a whole number from 0 to 100"),
        Row(.topics, topic + "    phrase: [y]\n", 5, "topic `a`: unknown key `phrase` (known: \(known(Taxonomy.topicKeys)))"),
        Row(.topics, topic + "titel_weight: 3\n", 5, "unknown key `titel_weight` (known: \(known(Taxonomy.fileKeys)))"),
        Row(.topics, topic + "relative_score: -1\n", 5, "`relative_score` must be a whole number from 0 to 100"),
        Row(.topics, topic + "repeat_limit: 0\n", 5, "`repeat_limit` must be a whole number from 1 to 100"),
        Row(.topics, topic + "keyword_weight: 101\n", 5, "`keyword_weight` must be a whole number from 0 to 100"),
        Row(.topics, topic + "    minimum_score: 0\n", 5, "`minimum_score` must be a whole number from 1 to 1000"),
        Row(.topics, topic + "    minimum_score: 1001\n", 5, "`minimum_score` must be a whole number from 1 to 1000"),
        Row(.topics, topic + "    minimum_score: -1\n", 5, "`minimum_score` must be a whole number from 1 to 1000"),
        Row(.topics, topic + "title_weight: 0\n", 5, "`title_weight` must be a whole number from 1 to 100"),
        Row(.topics, topic + "title_weight: 101\n", 5, "`title_weight` must be a whole number from 1 to 100"),
        Row(.topics, "minimum_score: 2.5\n" + topic, 1, "`minimum_score` must be a whole number from 1 to 1000"),
        Row(.topics, topic + "maximum_topics: 4\n", 5, "`maximum_topics` must be a whole number from 1 to 3"),
        Row(.topics, topic + "maximum_topics: [1]\n", 5, "`maximum_topics` must be a whole number from 1 to 3"),
    ]

    /// The YAML subset's diagnostics, in both files.
    static let yamlRows: [Row] = [
        Row(.site, "title: T\n\tbase_url: x\n", 2, "tab used for indentation; YAML needs spaces"),
        Row(.topics, "topics:\n\t- slug: a\n", 2, "tab used for indentation; YAML needs spaces"),
        Row(.site, "  title: T\nbase_url: https://example.org/\n", 2, "unexpected indentation"),
        Row(.site, "title: T\n  base_url: https://example.org/\n", 2, "unexpected indentation"),
        Row(.topics, "topics:\n  - a\n    - b\n", 3, "unexpected indentation"),
        Row(
            .topics, "topics:\n" + (1...40).map { String(repeating: "  ", count: $0) + "- k\($0):\n" }.joined(), 17,
            "nested more than 32 levels deep"),
        Row(
            .site, "title: T\ndeep:\n" + (1...40).map { String(repeating: " ", count: $0) + "k\($0):\n" }.joined(), 34,
            "nested more than 32 levels deep"),
        Row(.site, site + "just some words\n", 3, "expected `key: value`, found `just some words`"),
        Row(
            .site, site + String(repeating: "w", count: 70) + "\n", 3,
            "expected `key: value`, found `" + String(repeating: "w", count: 60) + "…`"),
        Row(.topics, topic + "    phrases: [y]\n", 5, "duplicate key `phrases`"),
        Row(.site, site + "'title': U\n", 3, "duplicate key `title`"),
        Row(.site, site + "author: {name: A}\n", 3, "flow mappings `{...}` are not supported; use one `key: value` per line"),
        Row(
            .site, site + "description: |\n  long\n", 3,
            "multi-line scalars (`|`, `>`) are not supported in front matter; put long text in quotes on one line"),
        Row(
            .site, site + "description: >\n", 3,
            "multi-line scalars (`|`, `>`) are not supported in front matter; put long text in quotes on one line"),
        Row(.site, site + "author: &a A\n", 3, "anchors, aliases and tags are not supported"),
        Row(.site, site + "author: *a\n", 3, "anchors, aliases and tags are not supported"),
        Row(.topics, topic + "    note: !!str A\n", 5, "anchors, aliases and tags are not supported"),
        Row(.site, site + "author: \"A\" B\n", 3, "unexpected text after the closing quote: ` B`"),
        Row(.topics, "topics:\n  - slug: a\n    name: A\n    phrases: [x, y\n", 4, "a `[` list must close with `]` on the same line"),
        Row(.topics, "topics:\n  - slug: a\n    name: A\n    phrases: [\"x\" \"y\"]\n", 4, "expected `,` between list items"),
        Row(.topics, "topics:\n  - slug: a\n    name: A\n    phrases: [x, [y]]\n", 4, "nested lists are not supported"),
        Row(.site, site + "author: \"\\x4\"\n", 3, "invalid `\\x` escape in a quoted string"),
        Row(.site, site + "author: \"\\uD800\"\n", 3, "invalid `\\u` escape in a quoted string"),
        Row(.site, site + "author: \"\\U00110000\"\n", 3, "invalid `\\U` escape in a quoted string"),
        Row(.site, site + "author: \"\\q\"\n", 3, "unknown escape `\\q` in a quoted string"),
        Row(.site, site + "author: \"A\n", 3, "a quoted string is not closed on its line"),
        Row(.topics, "topics:\n  - slug: a\n    name: 'A\n", 3, "a quoted string is not closed on its line"),
        Row(.site, site + "\"auth\\qor\": A\n", 3, "unknown escape `\\q` in a quoted string"),
        // Lines count from the first, whatever the line ends.
        Row(
            .site, "title: T\r\nbase_url: https://example.org/\r\n\r\nfeed_items: 0\r\n", 4,
            "`feed_items` must be a whole number from 1 to 10000"),
    ]

    func check(_ row: Row) {
        var diagnostic: Diagnostic?
        do throws(Diagnostic) {
            switch row.file {
            case .site: _ = try SiteConfig(yaml: row.text, file: row.file.rawValue)
            case .topics: _ = try Taxonomy(yaml: row.text, file: row.file.rawValue)
            }
        } catch { diagnostic = error }
        guard let error = diagnostic else {
            Issue.record("accepted: \(row.text.debugDescription)")
            return
        }
        #expect(error.file == row.file.rawValue)
        #expect(error.line == row.line, "\(row.text.debugDescription): \(error)")
        #expect(error.message == row.message, "\(row.text.debugDescription): \(error)")
    }

    @Test("site.yml", arguments: siteRows)
    func siteFile(_ row: Row) { check(row) }

    @Test("topics.yml", arguments: topicsRows)
    func topicsFile(_ row: Row) { check(row) }

    @Test("the YAML subset under both", arguments: yamlRows)
    func yaml(_ row: Row) { check(row) }

    // MARK: Through the loader

    /// A Content folder with the given site.yml and topics.yml bytes (nil: no such file) and one
    /// paper whose front matter has `paperTopics`; the loader's diagnostics.
    static func load(site: [UInt8]?, topics: [UInt8]?, paperTopics: String = "") throws -> (root: String, diagnostics: [Diagnostic]) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-config-\(UUID().uuidString)").path
        try FileIO.createDirectory(root + "/days")
        try FileIO.createDirectory(root + "/papers")
        if let site { try FileIO.write(site, to: root + "/site.yml") }
        if let topics { try FileIO.write(topics, to: root + "/topics.yml") }
        try FileIO.write(Array("---\ndate: 2026-11-26\npapers:\n  - a-paper\n---\n".utf8), to: root + "/days/2026-11-26.md")
        let paper = "---\ntitle: \"A Paper\"\nslug: a-paper\nfirst_seen: 2026-11-26\n\(paperTopics)---\nText.\n"
        try FileIO.write(Array(paper.utf8), to: root + "/papers/a-paper.md")
        let diagnostics = ContentLoader(content: root).load().diagnostics
        try? FileManager.default.removeItem(atPath: root)
        return (root, diagnostics)
    }

    static let goodSite = Array(site.utf8)
    static let goodTopics = Array(topic.utf8)

    @Test("the loader: a missing file, bytes that are not UTF-8 (with the line), paper topics topics.yml does not define")
    func loader() throws {
        var (root, diagnostics) = try Self.load(site: nil, topics: Self.goodTopics)
        #expect(diagnostics.map(\.description) == ["\(root)/site.yml: No such file or directory"])

        (root, diagnostics) = try Self.load(site: Self.goodSite, topics: nil)
        #expect(diagnostics.map(\.description) == ["\(root)/topics.yml: No such file or directory"])

        (root, diagnostics) = try Self.load(
            site: Array("title: T\r\n# caf".utf8) + [0xE9] + Array("\r\nbase_url: https://example.org/\n".utf8), topics: Self.goodTopics)
        #expect(diagnostics.map(\.description) == ["\(root)/site.yml:2: not valid UTF-8"])

        (root, diagnostics) = try Self.load(
            site: Self.goodSite,
            topics: Array("topics:\n\n  - slug: a\n    name: ".utf8) + [0xFF, 0x41] + Array("\n    phrases: [x]\n".utf8))
        #expect(diagnostics.map(\.description) == ["\(root)/topics.yml:4: not valid UTF-8"])

        (root, diagnostics) = try Self.load(site: Self.goodSite, topics: Self.goodTopics, paperTopics: "summary: \"S\"\ntopics: [a, b]\n")
        #expect(diagnostics.map(\.description) == ["\(root)/papers/a-paper.md:6: topic \"b\" is not defined in topics.yml"])

        (root, diagnostics) = try Self.load(site: Self.goodSite, topics: Self.goodTopics, paperTopics: "topics: [a, other, a]\n")
        #expect(diagnostics.map(\.description) == ["\(root)/papers/a-paper.md:5: a topic is listed twice in `topics`"])

        // Both files bad: both reported, each with its line.
        (root, diagnostics) = try Self.load(site: Array("title: T\n".utf8), topics: Array((Self.topic + "maximum_topics: 9\n").utf8))
        #expect(
            diagnostics.map(\.description) == [
                "\(root)/site.yml:1: missing `base_url`", "\(root)/topics.yml:5: `maximum_topics` must be a whole number from 1 to 3",
            ])
    }
}
