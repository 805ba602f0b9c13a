import Foundation
@testable import PaperboyMarkdown
import TestSupport
import Testing

/// The feed's text is plain text: stored as Markdown, it must render exactly as written.
@Suite("PlainTextMarkdown")
struct PlainTextMarkdownTests {
    static let hostile: [String] = [
        "``double backticks''",
        "`code` and ``more``",
        "a*b*c",
        "*emphasis* and **strong** and ***both***",
        "_x_ and __y__ and a_b_c",
        "<1%",
        "x_1 + x_2 < 5% of 10^3",
        "# not a heading",
        "## not a heading either #",
        "1. not a list",
        "2) not a list",
        "2024. A year",
        "- not a list",
        "+ not a list",
        "* not a list",
        "> not a quote",
        "= not a setext line",
        "--- not a rule",
        "***",
        "___",
        "[x](y)",
        "[x]: https://example.org",
        "![img](a.png)",
        "[^1] footnote",
        "<script>alert(1)</script>",
        "<div>block</div>",
        "<!-- comment -->",
        "<https://example.org>",
        "&amp;",
        "&lt;b&gt; and &#42; and &#x2A; and &copy;",
        "AT&T and R&D; Q&A",
        "\\",
        "\\\\",
        "a \\* b \\_ c \\\\ d",
        "C:\\path\\to\\file",
        "~~x~~",
        "~x~ and ~~~y~~~",
        "| a | b |",
        "a | b",
        "$x^2$ and $$y$$",
        "100% <-> 200%",
        "trailing backslash \\",
        "tab\tinside",
        "non-breaking\u{A0}space and \u{2003}em space",
        "TÜLU 3 数学 🚀 émoji",
        ":smile: and :+1:",
        "foo@example.com and a_b@example.org",
        "mailto:foo@example.com",
        "https://github.com/a/b_c.",
        "(see https://x.org/a_(b))",
        "www.example.com",
        "Code: https://github.com/zjunlp/LookAheadTuning.",
        "https://github.com/kmswin1/Syntriever{https://github.com/kmswin1/Syntriever}.",
        "\\url{https://github.com/Fantabulous-J/Self-Training-DPR}",
        "https://github.com/xo28/efficient-",
        "http://github.com/WangYueFt/rfs/.",
        "https://wandb.ai/landskape/APP, and more",
        "see https://x.org/a*b*c and https://x.org/_d_",
        "https://x.org/?a=1&b=2&amp;c=3 done",
        "<https://x.org/a_b>",
        "https://x.org/a_b<c_d>",
        "HTTPS://EXAMPLE.ORG/A_B",
        "ftp://ftp.example.org/pub/a_b_c",
        "数学：https://github.com/a/b_c",
        "1https://x.org/a_b",
        "_https://x.org/a_b",
        "xhttps://x.org/a_b",
        "https://a.b_c/*x*",
        "https://x_y.example.com/*x*",
        "\"www.example.com/*x*\"",
        "WWW.EXAMPLE.COM/*x*",
        "(www.example.com/a_b)",
        "*www.example.com/a_b*",
        "wwwexample.com/*x*",
        "https://x.org/a* b*",
        "see https://a.org/x/*. and https://b.org/y*.",
        "https://x.org/a_ b_",
        "https://x.org/a&amp;",
        "https://x.org/a&amp; and *b*",
        "https://x.org/a.~ and ~b~",
        "http://localhost:8080/a_b",
        "https://",
        "https:// x",
        "www.",
        "a https://x.org/a_b_c https://y.org/_d_ b",
    ]

    /// Texts with a URL that must become a link, and the link each must become.
    static let links: [(text: String, link: String)] = [
        ("https://github.com/a/b_c.", #"<a href="https://github.com/a/b_c">https://github.com/a/b_c</a>"#),
        ("(see https://x.org/a_(b))", #"<a href="https://x.org/a_(b)">https://x.org/a_(b)</a>"#),
        ("www.example.com", #"<a href="http://www.example.com">www.example.com</a>"#),
        ("Code: https://github.com/zjunlp/LookAheadTuning.", #"<a href="https://github.com/zjunlp/LookAheadTuning">"#),
        ("http://github.com/WangYueFt/rfs/.", #"<a href="http://github.com/WangYueFt/rfs/">"#),
        ("数学：https://github.com/a/b_c", #"<a href="https://github.com/a/b_c">https://github.com/a/b_c</a>"#),
        ("ftp://ftp.example.org/pub/a_b_c", #"<a href="ftp://ftp.example.org/pub/a_b_c">"#),
        ("(www.example.com/a_b)", #"<a href="http://www.example.com/a_b">www.example.com/a_b</a>"#),
        ("https://x.org/?a=1&b=2 done", #"<a href="https://x.org/?a=1&amp;b=2">https://x.org/?a=1&amp;b=2</a>"#),
        ("HTTPS://EXAMPLE.ORG/A_B", #"<a href="HTTPS://EXAMPLE.ORG/A_B">"#),
    ]

    let renderer = MarkdownRenderer()

    /// Renders the escaped text; returns a reason when the round trip fails.
    func roundTripProblem(_ text: String) -> String? {
        let markdown = PlainTextMarkdown.escape(text)
        let (html, plain) = renderer.render(markdown)
        var plainText = plain
        while plainText.hasSuffix("\n") { plainText.removeLast() }
        if plainText != text {
            return
                "plain text differs\n  text:     \(text.debugDescription)\n  markdown: \(markdown.debugDescription)\n  plain:    \(plainText.debugDescription)"
        }
        if let tag = Self.disallowedTag(in: html) {
            return
                "HTML has \(tag)\n  text: \(text.debugDescription)\n  markdown: \(markdown.debugDescription)\n  html: \(html.debugDescription)"
        }
        guard html.hasPrefix("<p>"), html.hasSuffix("</p>\n") else {
            return "not one paragraph\n  text: \(text.debugDescription)\n  html: \(html.debugDescription)"
        }
        return nil
    }

    /// The first tag other than `<p>`, `</p>`, `<a href="...">` and `</a>`.
    static func disallowedTag(in html: String) -> String? {
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { return String(rest[open...]) }
            let tag = rest[open...close]
            let allowed =
                tag == "<p>" || tag == "</p>" || tag == "</a>"
                || (tag.hasPrefix("<a href=\"") && tag.hasSuffix("\">")
                    && tag.dropFirst(9).dropLast(2).allSatisfy { $0 != "\"" && $0 != "<" })
            if !allowed { return String(tag) }
            rest = rest[rest.index(after: close)...]
        }
        return nil
    }

    @Test(arguments: hostile)
    func hostileTextsRenderAsWritten(text: String) {
        let problem = roundTripProblem(text)
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func everyTextAndTitleOfTheSampleRendersAsWritten() throws {
        var failures: [String] = []
        for (title, text) in try TestFixtures.sampleEntries() {
            for value in [title, text] {
                if let problem = roundTripProblem(value) { failures.append(problem) }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.prefix(5).joined(separator: "\n"))")
    }

    @Test func everyURLOfTheSampleBecomesALink() throws {
        var checked = 0
        for (_, text) in try TestFixtures.sampleEntries() {
            let html = renderer.html(PlainTextMarkdown.escape(text))
            // Every URL that starts a word (after white space or an opening bracket) is linked.
            let words = text.split(whereSeparator: { $0 == " " }).map { $0.drop(while: { "({[\"'".contains($0) }) }
            for word in words where word.hasPrefix("https://") || word.hasPrefix("http://") {
                var url = String(word)
                while let last = url.last, ".,;:!?)}]'\"*_".contains(last) { url.removeLast() }
                let prefix = String(url.prefix(while: { $0 != "{" && $0 != "}" }))
                let escaped = prefix.replacingOccurrences(of: "&", with: "&amp;")
                #expect(html.contains("<a href=\"\(escaped)"), "\(url) is not linked in \(html)")
                checked += 1
            }
        }
        #expect(checked >= 40)
    }

    @Test(arguments: links)
    func urlsBecomeLinks(text: String, link: String) {
        let html = renderer.html(PlainTextMarkdown.escape(text))
        #expect(html.contains(link), "\(html)")
        #expect(roundTripProblem(text) == nil)
    }

    @Test func markdownLookingTextIsNotRenderedAsMarkup() {
        let html = renderer.html(PlainTextMarkdown.escape("<script>alert(1)</script> *a* `b` [c](d) ~~e~~"))
        #expect(html == "<p>&lt;script&gt;alert(1)&lt;/script&gt; *a* `b` [c](d) ~~e~~</p>\n")
        #expect(renderer.html(PlainTextMarkdown.escape("&amp;")) == "<p>&amp;amp;</p>\n")
        #expect(renderer.html(PlainTextMarkdown.escape("# not a heading")) == "<p># not a heading</p>\n")
        #expect(renderer.html(PlainTextMarkdown.escape("1. not a list")) == "<p>1. not a list</p>\n")
    }

    @Test func plainTextWithoutSpecialsIsUnchanged() {
        let text = "We propose LanPaint, a training-free method (see Section 3) with 95.2% accuracy."
        #expect(PlainTextMarkdown.escape(text) == text)
    }

    @Test func generatedTextsRenderAsWritten() {
        let fragments = [
            "*", "**", "_", "__", "`", "``", "~", "~~", "[", "]", "(", ")", "<", ">", "&", "&amp;", "&#42;", "&copy;",
            "\\", "!", "#", "|", "-", "+", "1.", "2)", ":", "=", "'", "\"", ".", ",", ";", "?", "{", "}", "$", "@",
            "https://x.org/a_b", "https://github.com/a/b_c.", "www.example.com", "WWW.EXAMPLE.COM/*a*",
            "ftp://x.org/a_b", "http://localhost/a_b", "a@b.com", "<script>", "x_1", "a*b", "word", "TÜLU", "数学：",
            "é", "🚀", "\u{A0}", "://", "http", "https:", "HTTP://A.B/_x_", "www", "w", "www.", "~www.a.com~", "_www.a.com_",
            "(www.a.com/(x))", "mailto:a_b@c.org", "xmpp:x@y.org/r", "a.b_c", "x.y", "/", "//", "&lt;", "&x1;", "1)", "10.",
        ]
        let separators = ["", " ", " ", " ", "  "]
        let seed = SplitMix64.seed(from: "PAPERBOY_SEED", fixed: 0x5eed)
        var generator = SplitMix64(seed: seed)
        var failures: [String] = []
        var tried = 0
        // PAPERBOY_FUZZ_ITERATIONS=200000 swift test ... explores further.
        let iterations = ProcessInfo.processInfo.environment["PAPERBOY_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 4000
        for _ in 0..<iterations {
            var text = ""
            for _ in 0..<Int.random(in: 1...10, using: &generator) {
                text += fragments.randomElement(using: &generator)!
                text += separators.randomElement(using: &generator)!
            }
            text = text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            tried += 1
            if let problem = roundTripProblem(text) { failures.append(problem) }
        }
        #expect(tried > 3000)
        #expect(
            failures.isEmpty,
            "seed \(seed) (PAPERBOY_SEED): \(failures.count) of \(tried) failed:\n\(failures.prefix(8).joined(separator: "\n"))")
    }

    @Test func githubURLsAreFoundWithoutTrailingPunctuation() throws {
        #expect(
            PlainTextMarkdown.githubURLs(in: "Code: https://github.com/zjunlp/LookAheadTuning.") == [
                "https://github.com/zjunlp/LookAheadTuning"
            ])
        #expect(
            PlainTextMarkdown.githubURLs(in: "(https://github.com/a/b) and https://github.com/a/b, again") == ["https://github.com/a/b"])
        #expect(PlainTextMarkdown.githubURLs(in: "see https://gitlab.com/a/b and https://github.com/") == [])
        #expect(PlainTextMarkdown.githubURLs(in: "at http://github.com/WangYueFt/rfs/.") == ["http://github.com/WangYueFt/rfs/"])
        #expect(PlainTextMarkdown.githubURLs(in: "no url here") == [])
        let all = try TestFixtures.sampleEntries().flatMap { PlainTextMarkdown.githubURLs(in: $0.text) }
        #expect(all.count >= 40)
        #expect(all.allSatisfy { $0.lowercased().contains("github.com/") && !$0.hasSuffix(".") && !$0.hasSuffix(",") })
    }
}
