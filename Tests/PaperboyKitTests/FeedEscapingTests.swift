import Foundation
@testable import PaperboyFeeds
@testable import PaperboyMarkdown
import Testing

@Suite("Feed escaping")
struct FeedEscapingTests {
    @Test func xmlEscapesTheFiveSpecialCharacters() {
        #expect(XMLEscaping.escape(#"<a href="x">&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;")
        #expect(XMLEscaping.escape("]]>") == "]]&gt;")
        #expect(XMLEscaping.escape("&amp;") == "&amp;amp;")
        #expect(XMLEscaping.escape("plain text") == "plain text")
        #expect(XMLEscaping.escape("") == "")
    }

    @Test func xmlKeepsUnicodeAsIs() {
        let text = "مرحبا 🚀 TÜLU 数学 \u{200F}\u{202E} e\u{301} 👩‍👩‍👧 \u{7F}\u{85}\u{FFFD}\u{10FFFF}"
        #expect(XMLEscaping.escape(text) == text)
        #expect(XMLEscaping.escapeAttribute(text) == text)
    }

    @Test func xmlDropsWhatXML10CannotCarry() {
        let text = "a\u{0}b\u{1}\u{8}\u{B}\u{C}\u{E}\u{1F}c\u{FFFE}d\u{FFFF}e\tf\ng\rh\u{EFBF}\u{FFFD}"
        #expect(XMLEscaping.escape(text) == "abcde\tf\ng&#13;h\u{EFBF}\u{FFFD}")
        #expect(XMLEscaping.escapeAttribute(text) == "abcde&#9;f&#10;g&#13;h\u{EFBF}\u{FFFD}")
        #expect(XMLEscaping.removingDisallowedCharacters(text) == "abcde\tf\ng\rh\u{EFBF}\u{FFFD}")
        #expect(XMLEscaping.removingDisallowedCharacters("clean") == "clean")
        #expect(!XMLEscaping.isAllowed("\u{0}"))
        #expect(XMLEscaping.isAllowed("\u{9}") && XMLEscaping.isAllowed("\u{E000}") && XMLEscaping.isAllowed("\u{10000}"))
    }

    @Test func xmlEscapedTextRoundTripsThroughAParser() throws {
        let text = "<script>alert(1)</script> & \"q\" ]]> 'a' مرحبا 🚀\r\n\tend"
        let document = "<r a=\"\(XMLEscaping.escapeAttribute(text))\">\(XMLEscaping.escape(text))</r>"
        let root = try #require(ParsedXML.parse(Array(document.utf8)))
        #expect(root.text == text)
        #expect(root.attributes["a"] == text)
    }

    @Test func jsonEscapesByHand() {
        #expect(JSONEscaping.quoted(#"a"b\c"#) == #""a\"b\\c""#)
        #expect(JSONEscaping.quoted("<a href='x'>&</a>") == #""\u003ca href='x'\u003e\u0026\u003c/a\u003e""#)
        #expect(JSONEscaping.quoted("l\u{2028}p\u{2029}") == #""l\u2028p\u2029""#)
        #expect(JSONEscaping.quoted("n\nr\rt\t\u{0}\u{1F}\u{7F}") == #""n\nr\rt\t\u0000\u001f"# + "\u{7F}\"")
        #expect(JSONEscaping.quoted("مرحبا 🚀") == "\"مرحبا 🚀\"")
        #expect(JSONEscaping.quoted("") == "\"\"")
    }

    @Test func jsonRoundTripsThroughJSONSerialization() throws {
        var text = "<script>alert(1)</script> & \"quotes\" ]]> 'apos' \\ / مرحبا 🚀 \u{2028}\u{2029}\u{E2}\u{80}"
        for value in 0..<0x20 { text.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        let json = "[" + JSONEscaping.quoted(text) + "]"
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&") && !json.contains("\u{2028}"))
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
        #expect(parsed == [text])
    }

    @Test(arguments: [
        ("https://x.org/a", "https://x.org/a"),
        ("mailto:a@b.c", "mailto:a@b.c"),
        ("ftp://f.org/", "ftp://f.org/"),
        ("//cdn.net/x", "https://cdn.net/x"),
        ("#frag", "https://example.org/archive/papers/p/#frag"),
        ("?q=1", "https://example.org/archive/papers/p/?q=1"),
        ("", "https://example.org/archive/papers/p/"),
        ("/x/y", "https://example.org/x/y"),
        ("/a/../b/./c", "https://example.org/b/c"),
        ("fig.png", "https://example.org/archive/papers/p/fig.png"),
        ("./fig.png#f", "https://example.org/archive/papers/p/fig.png#f"),
        ("../q/", "https://example.org/archive/papers/q/"),
        ("../../", "https://example.org/archive/"),
        ("../../../../../x", "https://example.org/x"),
        ("..", "https://example.org/archive/papers/"),
        ("a:b", "a:b"),
        ("1a:b", "https://example.org/archive/papers/p/1a:b"),
        ("x/y:z", "https://example.org/archive/papers/p/x/y:z"),
    ])
    func linksResolveAgainstThePermalink(reference: String, resolved: String) {
        let resolver = LinkResolver(baseURL: "https://example.org/archive/")
        #expect(resolver.resolve(reference, against: "https://example.org/archive/papers/p/") == resolved)
    }

    @Test func linkResolverFindsOriginAndScheme() {
        let resolver = LinkResolver(baseURL: "http://localhost:8000/")
        #expect(resolver.origin == "http://localhost:8000")
        #expect(resolver.scheme == "http")
        #expect(resolver.resolve("//h/x", against: "http://localhost:8000/papers/p/") == "http://h/x")
        #expect(resolver.resolve("/x", against: "http://localhost:8000/papers/p/") == "http://localhost:8000/x")
    }

    @Test func linksInHTMLBecomeAbsolute() {
        let resolver = LinkResolver(baseURL: FeedFixture.baseURL)
        let permalink = FeedFixture.baseURL + "papers/hostile/"
        #expect(
            resolver.absolutizingLinks(inHTML: FeedFixture.hostileAbstractHTML, against: permalink)
                == FeedFixture.hostileAbstractResolved)
        let untouched = "<p>a href=&quot;x&quot; <a href=\"https://x.org/?a=1&amp;b=2\">x</a></p>"
        #expect(resolver.absolutizingLinks(inHTML: untouched, against: permalink) == untouched)
        #expect(resolver.absolutizingLinks(inHTML: "<p>no links</p>", against: permalink) == "<p>no links</p>")
        // cmark writes `'` in a URL as &#x27;: decoded, resolved, escaped again.
        #expect(
            resolver.absolutizingLinks(inHTML: "<a href=\"it&#x27;s?a&amp;b\">", against: permalink)
                == "<a href=\"\(permalink)it&#39;s?a&amp;b\">")
    }

    @Test func markdownAbstractsGetAbsoluteLinks() {
        let html = MarkdownRenderer().html(
            "See [the other](../other/), [root](/r), ![fig](fig.png \"A 'fig'\") and **bold** & https://x.org/a?b=1&c=2.")
        let resolved = LinkResolver(baseURL: FeedFixture.baseURL).absolutizingLinks(
            inHTML: html, against: FeedFixture.baseURL + "papers/p/")
        #expect(resolved.contains("href=\"https://example.org/archive/papers/other/\""))
        #expect(resolved.contains("href=\"https://example.org/r\""))
        #expect(resolved.contains("src=\"https://example.org/archive/papers/p/fig.png\""))
        #expect(resolved.contains("<strong>bold</strong>"))
        #expect(resolved.contains("href=\"https://x.org/a?b=1&amp;c=2\""))
        #expect(!resolved.contains("href=\"/") && !resolved.contains("href=\".") && !resolved.contains("src=\"f"))
    }
}
