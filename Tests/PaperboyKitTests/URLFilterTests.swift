import Foundation
@testable import PaperboyContent
@testable import PaperboyCore
@testable import PaperboyFeeds
@testable import PaperboyRender
@testable import PaperboySite
import Testing

/// The URL filter on hand-edited `code:` and `arxiv:` values: a paper file as a person may write
/// it, loaded, put in a site and rendered with the repository's templates; the table gives the
/// links the paper page carries. A `code:` URL that is not http(s) with a host is left out of the
/// page (no link, no diagnostic: `check` does not look at URLs); an `arxiv:` id always becomes a
/// path under https://arxiv.org/abs/ (and /pdf/, and https://huggingface.co/papers/), percent-encoded.
@Suite("URL filter: hand-edited code and arxiv values")
struct URLFilterTests {
    struct Row: Sendable, CustomTestStringConvertible {
        /// The front matter line as written by hand.
        var line: String
        /// The links of the paper page, decoded from the HTML attribute (nil: no link).
        var expected: [String]
        var testDescription: String { line.debugDescription }
    }

    /// The hrefs the paper page links to, besides the site's own pages (arXiv, PDF and code
    /// links), and the page itself.
    static func links(frontMatter line: String) throws -> (hrefs: [String], html: String) {
        let text = "---\ntitle: \"A Paper\"\nslug: a-paper\nfirst_seen: 2026-11-26\n\(line)\n---\nThe abstract.\n"
        let paper = try Paper(fileText: text, file: "Content/papers/a-paper.md")
        let date = CalendarDate("2026-11-26")!
        let archive = Archive(
            site: SiteConfig(title: "T", description: "D", baseURL: "https://example.org/"), taxonomy: Taxonomy(topics: []),
            days: [Day(date: date, source: "feed.txt", papers: ["a-paper"])], papers: ["a-paper": paper])
        let model = SiteModel(archive: archive)
        let templates = try TemplateLibrary(folder: TestFixtures.repositoryRoot.appendingPathComponent("Templates").path)
        let html = PageRenderer(model: model, templates: templates).render(.paper(0))
        guard let start = html.range(of: "<ul class=\"paper-links\">"), let end = html[start.upperBound...].range(of: "</ul>") else {
            return ([], html)
        }
        var hrefs: [String] = []
        var rest = html[start.upperBound..<end.lowerBound]
        while let open = rest.range(of: "<a href=\"") {
            let close = rest[open.upperBound...].firstIndex(of: "\"")!
            hrefs.append(LinkResolver.decodingCharacterReferences(String(rest[open.upperBound..<close])))
            rest = rest[close...]
        }
        return (hrefs, html)
    }

    /// How many `<script` the page holds: its JSON-LD's alone, whatever the file says.
    static func scripts(_ html: String) -> Int { html.components(separatedBy: "<script").count - 1 }

    static let codeRows: [Row] = [
        // Accepted, as written.
        .init(line: "code: https://github.com/a/b", expected: ["https://github.com/a/b"]),
        .init(line: "code: http://github.com/a/b", expected: ["http://github.com/a/b"]),
        .init(line: "code: HTTPS://GitHub.com/a/b", expected: ["HTTPS://GitHub.com/a/b"]),
        .init(line: "code: \"  https://github.com/a/b  \"", expected: ["https://github.com/a/b"]),
        .init(line: "code: [https://a.org/x, 'https://b.org/y']", expected: ["https://a.org/x", "https://b.org/y"]),
        .init(line: "code: https://a.org/x?q=1&r=2#frag", expected: ["https://a.org/x?q=1&r=2#frag"]),
        .init(line: "code: https://user:secret@a.org/x", expected: ["https://user:secret@a.org/x"]),
        .init(line: "code: https://a.org:8443/x", expected: ["https://a.org:8443/x"]),
        // Other schemes, whatever their case or the white space around or inside them: no link.
        .init(line: "code: javascript:alert(1)", expected: []),
        .init(line: "code: JavaScript:alert(1)", expected: []),
        .init(line: "code: \"JAVASCRIPT:alert(document.cookie)\"", expected: []),
        .init(line: "code: \" javascript:alert(1)\"", expected: []),
        .init(line: "code: \"java\\tscript:alert(1)\"", expected: []),
        .init(line: "code: \"java\\nscript:alert(1)\"", expected: []),
        .init(line: "code: \"\\u0001javascript:alert(1)\"", expected: []),
        .init(line: "code: \"data:text/html,<script>alert(1)</script>\"", expected: []),
        .init(line: "code: \"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"", expected: []),
        .init(line: "code: vbscript:msgbox(1)", expected: []),
        .init(line: "code: ftp://a.org/x", expected: []),
        .init(line: "code: file:///etc/passwd", expected: []),
        .init(line: "code: mailto:a@b.org", expected: []),
        .init(line: "code: \"javascript:https://a.org/\"", expected: []),
        .init(line: "code: \"https:javascript:alert(1)\"", expected: []),
        // No host: relative, scheme-relative, empty.
        .init(line: "code: /relative/path", expected: []),
        .init(line: "code: github.com/a/b", expected: []),
        .init(line: "code: //evil.org/x", expected: []),
        .init(line: "code: https://", expected: []),
        .init(line: "code: https:///evil.org", expected: []),
        .init(line: "code: \"https:/a.org\"", expected: []),
        .init(line: "code: \"https:\\\\\\\\a.org\"", expected: []),
        .init(line: "code: \"\"", expected: []),
        .init(line: "code:", expected: []),
        // Characters a URL cannot carry raw are percent-encoded: quotes, angle brackets, white space, non-ASCII, stray `%`.
        .init(line: "code: 'https://a.org/\"onmouseover=\"alert(1)'", expected: ["https://a.org/%22onmouseover=%22alert(1)"]),
        .init(line: "code: \"https://a.org/'onmouseover='alert(1)\"", expected: ["https://a.org/'onmouseover='alert(1)"]),
        .init(
            line: "code: \"https://a.org/\\\"><script>alert(1)</script>\"",
            expected: ["https://a.org/%22%3E%3Cscript%3Ealert(1)%3C/script%3E"]),
        .init(line: "code: \"https://a.org/a b\"", expected: ["https://a.org/a%20b"]),
        .init(line: "code: \"https://a.org/a\\tb\\nc\\rd\"", expected: ["https://a.org/a%09b%0Ac%0Dd"]),
        .init(line: "code: \"https://a.org/{x}|^`\\\\\"", expected: ["https://a.org/%7Bx%7D%7C%5E%60%5C"]),
        .init(line: "code: https://bücher.de/a", expected: ["https://b%C3%BCcher.de/a"]),
        .init(line: "code: https://a.org/数学", expected: ["https://a.org/%E6%95%B0%E5%AD%A6"]),
        .init(line: "code: \"https://a.org/\\u202Egnp.exe\"", expected: ["https://a.org/%E2%80%AEgnp.exe"]),
        .init(line: "code: https://a.org/a%20b%2F", expected: ["https://a.org/a%20b%2F"]),
        .init(line: "code: https://a.org/100%", expected: ["https://a.org/100%25"]),
        .init(line: "code: https://a.org/%zz%4", expected: ["https://a.org/%25zz%254"]),
        .init(line: "code: \"https://a.org/\\u0000\"", expected: ["https://a.org/%00"]),
    ]

    @Test("code: only http and https URLs with a host become links, percent-encoded", arguments: codeRows)
    func code(_ row: Row) throws {
        let (hrefs, html) = try Self.links(frontMatter: row.line)
        #expect(hrefs == row.expected, "\(row.line)")
        #expect(Self.scripts(html) == 1, "\(row.line)")
        for href in hrefs {
            #expect(href.lowercased().hasPrefix("https://") || href.lowercased().hasPrefix("http://"))
            #expect(
                !href.unicodeScalars.contains { $0.value <= 0x20 || $0.value >= 0x7F || "\"<>\\^`{|}".unicodeScalars.contains($0) },
                "\(href)")
        }
    }

    static func arxiv(_ path: String) -> [String] {
        ["https://arxiv.org/abs/" + path, "https://arxiv.org/pdf/" + path, "https://huggingface.co/papers/" + path]
    }

    static let arxivRows: [Row] = [
        .init(line: "arxiv: 2502.12345", expected: arxiv("2502.12345")),
        .init(line: "arxiv: arXiv:2502.12345v2", expected: arxiv("2502.12345")),
        .init(line: "arxiv: \"  ARXIV: 2502.12345 v3 \"", expected: arxiv("2502.12345")),
        .init(line: "arxiv: hep-th/9901001", expected: arxiv("hep-th/9901001")),
        .init(line: "arxiv: \"\"", expected: []),
        .init(line: "arxiv: \"arXiv:\"", expected: []),
        // Whatever the id, the link stays on arxiv.org: the id is a path below /abs/ and /pdf/.
        .init(line: "arxiv: javascript:alert(1)", expected: arxiv("javascript:alert(1)")),
        .init(line: "arxiv: \"data:text/html,x\"", expected: arxiv("data:text/html,x")),
        .init(line: "arxiv: //evil.org/x", expected: arxiv("//evil.org/x")),
        .init(line: "arxiv: \"@evil.org\"", expected: arxiv("@evil.org")),
        .init(line: "arxiv: ../../evil", expected: arxiv("../../evil")),
        .init(line: "arxiv: \"\\\\\\\\evil.org\"", expected: arxiv("%5C%5Cevil.org")),
        .init(line: "arxiv: \"\\\"><script>alert(1)</script>\"", expected: arxiv("%22%3E%3Cscript%3Ealert(1)%3C/script%3E")),
        .init(line: "arxiv: \"2502.12345'onclick='x\"", expected: arxiv("2502.12345'onclick='x")),
        .init(line: "arxiv: \"2502 12345\"", expected: arxiv("2502%2012345")),
        // Inside, a tab is encoded; at the end, white space is trimmed (by the filter, after normalizing).
        .init(line: "arxiv: \"2502\\t12345\\n\"", expected: arxiv("2502%0912345")),
        .init(line: "arxiv: 数学.12345", expected: arxiv("%E6%95%B0%E5%AD%A6.12345")),
        .init(line: "arxiv: 2502.12345%41", expected: arxiv("2502.12345%41")),
        .init(line: "arxiv: 2502.12345%zz", expected: arxiv("2502.12345%25zz")),
        .init(line: "arxiv: \"2502.12345?x=1#y\"", expected: arxiv("2502.12345?x=1#y")),
    ]

    @Test("arxiv: every id is a path on arxiv.org, percent-encoded", arguments: arxivRows)
    func arxiv(_ row: Row) throws {
        let (hrefs, html) = try Self.links(frontMatter: row.line)
        #expect(hrefs == row.expected, "\(row.line)")
        #expect(Self.scripts(html) == 1, "\(row.line)")
        for href in hrefs {
            let onArxiv = href.hasPrefix("https://arxiv.org/abs/") || href.hasPrefix("https://arxiv.org/pdf/")
            #expect(onArxiv || href.hasPrefix("https://huggingface.co/papers/"), "\(href)")
            #expect(URL(string: href)?.host == (onArxiv ? "arxiv.org" : "huggingface.co"), "\(href)")
        }
    }

    @Test("the filter itself: http(s) with a host, or nil")
    func httpURL() {
        let rows: [(String, String?)] = [
            ("https://a.org", "https://a.org"), ("http://a.org/", "http://a.org/"), ("hTtPs://a.org/x", "hTtPs://a.org/x"),
            ("\t https://a.org/x \n", "https://a.org/x"), ("https://a.org/a b", "https://a.org/a%20b"),
            ("javascript:alert(1)", nil), ("JaVaScRiPt:alert(1)", nil), ("data:,x", nil), ("vbscript:x", nil), ("https:", nil),
            ("https://", nil), ("https:///x", nil), ("https://?x", nil), ("https://#x", nil), ("//a.org", nil), ("/x", nil), ("", nil),
            ("   ", nil),
        ]
        for (input, expected) in rows {
            #expect(URLEscaping.httpURL(input) == expected, "\(input.debugDescription)")
        }
    }
}
