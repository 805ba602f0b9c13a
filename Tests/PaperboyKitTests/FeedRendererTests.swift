import Foundation
@testable import PaperboyContent
@testable import PaperboyCore
@testable import PaperboyFeeds
@testable import PaperboySite
import Testing

@Suite("Feed rendering")
struct FeedRendererTests {
    let model = FeedFixture.model()
    let files: [OutputFile]
    let base = FeedFixture.baseURL

    init() {
        files = FeedRenderer(model: model).render()
    }

    func xml(_ path: String) throws -> ParsedXML { try parsedXML(files, path) }

    func text(_ path: String) throws -> String {
        String(decoding: try #require(files[path: path]).contents, as: UTF8.self)
    }

    @Test func rendersEveryFileOnceInAFixedOrder() {
        #expect(
            files.map(\.path) == [
                "feed.xml", "atom.xml", "feed.json",
                "days/feed.xml", "days/atom.xml",
                "topics/llm/feed.xml", "topics/llm/atom.xml",
                "topics/vision/feed.xml", "topics/vision/atom.xml",
                "topics/other/feed.xml", "topics/other/atom.xml",
                "feeds.opml", "sitemap.xml", "robots.txt",
            ])
    }

    @Test func outputIsDeterministic() {
        for _ in 0..<3 {
            let again = FeedRenderer(model: FeedFixture.model()).render()
            #expect(again.map(\.path) == files.map(\.path))
            #expect(again.map(\.contents) == files.map(\.contents))
        }
    }

    @Test func rssChannel() throws {
        let rss = try xml("feed.xml")
        #expect(rss.name == "rss")
        #expect(rss.attributes["version"] == "2.0")
        #expect(rss.attributes["xmlns:atom"] == "http://www.w3.org/2005/Atom")
        #expect(rss.attributes["xmlns:dc"] == "http://purl.org/dc/elements/1.1/")
        let channel = try #require(rss.child("channel"))
        #expect(channel.child("title")?.text == "Paper & Boy \"Archive\"")
        #expect(channel.child("link")?.text == base)
        #expect(channel.child("description")?.text == "Trending <papers>")
        #expect(channel.child("language")?.text == "en-GB")
        // The feed's date is its newest item's, not the build time.
        #expect(channel.child("lastBuildDate")?.text == "Thu, 26 Nov 2026 00:00:00 +0000")
        #expect(channel.child("pubDate")?.text == "Thu, 26 Nov 2026 00:00:00 +0000")
        let selfLink = try #require(channel.child("atom:link"))
        #expect(selfLink.attributes == ["href": base + "feed.xml", "rel": "self", "type": "application/rss+xml"])
    }

    @Test func rssItems() throws {
        let items = try #require(try xml("feed.xml").child("channel")).all("item")
        // feedItems = 3: the three newest papers, newest first, ties by rank.
        #expect(items.map { $0.child("guid")?.text } == ["hostile", "p2", "p3"].map { base + "papers/\($0)/" })
        #expect(items.map { $0.child("link")?.text } == items.map { $0.child("guid")?.text })
        #expect(items.allSatisfy { $0.child("guid")?.attributes["isPermaLink"] == "true" })
        #expect(
            items.map { $0.child("pubDate")?.text } == [
                "Thu, 26 Nov 2026 00:00:00 +0000", "Thu, 26 Nov 2026 00:00:00 +0000", "Wed, 25 Nov 2026 00:00:00 +0000",
            ])
        let hostile = items[0]
        #expect(hostile.child("title")?.text == FeedFixture.hostileTitle)
        #expect(hostile.child("description")?.text == FeedFixture.hostileAbstractResolved)
        #expect(hostile.all("dc:creator").map(\.text) == ["Ada <Lovelace>", "Bob & \"Co\""])
        #expect(hostile.all("category").map(\.text) == ["Language models & <LLMs>", "Vision"])
        #expect(hostile.all("category").map { $0.attributes["domain"] } == [base + "topics/llm/", base + "topics/vision/"])
        #expect(items[1].all("dc:creator").isEmpty)
    }

    @Test func exactEscapingInTheRawXML() throws {
        let rss = try text("feed.xml")
        #expect(
            rss.contains(
                "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; ]]&gt; &#39;apos&#39; مرحبا 🚀</title>"))
        // The abstract's HTML is escaped exactly once: its own `&amp;` becomes `&amp;amp;`.
        #expect(
            rss.contains(
                "&lt;b&gt;bold&lt;/b&gt; &amp;amp; ]]&amp;gt; &lt;img src=&quot;https://example.org/archive/papers/hostile/fig.png&quot;"))
        for file in files where file.path.hasSuffix(".xml") || file.path.hasSuffix(".opml") {
            let text = String(decoding: file.contents, as: UTF8.self)
            #expect(!text.contains("<![CDATA["), "\(file.path) uses CDATA")
            #expect(!text.contains("<script"), "\(file.path) has a raw <script")
            #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"") && text.hasSuffix(">\n"))
        }
    }

    @Test func atomFeed() throws {
        let feed = try xml("atom.xml")
        #expect(feed.name == "feed")
        #expect(feed.attributes["xmlns"] == "http://www.w3.org/2005/Atom")
        #expect(feed.attributes["xml:lang"] == "en-GB")
        #expect(feed.child("title")?.text == "Paper & Boy \"Archive\"")
        #expect(feed.child("id")?.text == base + "atom.xml")
        #expect(feed.child("updated")?.text == "2026-11-26T00:00:00Z")
        let links = feed.all("link")
        #expect(links.first { $0.attributes["rel"] == "self" }?.attributes["href"] == base + "atom.xml")
        #expect(links.first { $0.attributes["rel"] == "alternate" }?.attributes["href"] == base)
        // No site author: the feed's author is the site title (Atom requires one).
        #expect(feed.child("author")?.child("name")?.text == "Paper & Boy \"Archive\"")

        let entries = feed.all("entry")
        #expect(entries.map { $0.child("id")?.text } == ["hostile", "p2", "p3"].map { base + "papers/\($0)/" })
        #expect(entries.map { $0.child("link")?.attributes["href"] } == entries.map { $0.child("id")?.text })
        #expect(entries.map { $0.child("published")?.text } == ["2026-11-26T00:00:00Z", "2026-11-26T00:00:00Z", "2026-11-25T00:00:00Z"])
        #expect(entries.map { $0.child("updated")?.text } == entries.map { $0.child("published")?.text })
        let hostile = entries[0]
        #expect(hostile.child("title")?.text == FeedFixture.hostileTitle)
        #expect(hostile.child("content")?.attributes["type"] == "html")
        #expect(hostile.child("content")?.text == FeedFixture.hostileAbstractResolved)
        #expect(hostile.child("summary")?.text == FeedFixture.hostileExcerpt)
        #expect(hostile.all("author").map { $0.child("name")?.text } == ["Ada <Lovelace>", "Bob & \"Co\""])
        #expect(
            hostile.all("category").map(\.attributes) == [
                ["term": "llm", "label": "Language models & <LLMs>", "scheme": base + "topics/"],
                ["term": "vision", "label": "Vision", "scheme": base + "topics/"],
            ])
        // A paper with an arXiv id links its abstract page as related; one without, nothing.
        let related = entries.map { $0.all("link").filter { $0.attributes["rel"] == "related" }.map { $0.attributes["href"] } }
        #expect(related == [[], [], ["https://arxiv.org/abs/2511.01234"]])
        #expect(entries[2].all("author").map { $0.child("name")?.text } == ["Carol"])
    }

    @Test func atomFeedAuthorIsTheSiteAuthorWhenThereIsOne() throws {
        let files = FeedRenderer(model: FeedFixture.model(author: "Jo & Co")).render()
        let feed = try parsedXML(files, "atom.xml")
        #expect(feed.child("author")?.child("name")?.text == "Jo & Co")
        let json = try parsedJSON(files, "feed.json")
        #expect((json["authors"] as? [[String: String]]) == [["name": "Jo & Co"]])
    }

    @Test func jsonFeed() throws {
        let json = try parsedJSON(files, "feed.json")
        #expect(json["version"] as? String == "https://jsonfeed.org/version/1.1")
        #expect(json["title"] as? String == "Paper & Boy \"Archive\"")
        #expect(json["home_page_url"] as? String == base)
        #expect(json["feed_url"] as? String == base + "feed.json")
        #expect(json["language"] as? String == "en-GB")
        #expect(json["authors"] == nil)
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == ["hostile", "p2", "p3"].map { base + "papers/\($0)/" })
        #expect(items.map { $0["url"] as? String } == items.map { $0["id"] as? String })
        #expect(items.map { $0["date_published"] as? String } == ["2026-11-26T00:00:00Z", "2026-11-26T00:00:00Z", "2026-11-25T00:00:00Z"])
        let hostile = items[0]
        #expect(hostile["title"] as? String == FeedFixture.hostileTitle)
        #expect(hostile["content_html"] as? String == FeedFixture.hostileAbstractResolved)
        #expect(hostile["summary"] as? String == FeedFixture.hostileExcerpt)
        #expect((hostile["authors"] as? [[String: String]]) == [["name": "Ada <Lovelace>"], ["name": "Bob & \"Co\""]])
        #expect(hostile["tags"] as? [String] == ["Language models & <LLMs>", "Vision"])
        #expect(items[1]["authors"] == nil)
        // Safe to inline anywhere: no raw <, > or & in the file.
        let raw = try text("feed.json")
        #expect(!raw.contains("<") && !raw.contains(">") && !raw.contains("&"))
    }

    @Test func topicFeeds() throws {
        for topic in model.topics {
            let rss = try #require(try xml("topics/\(topic.slug)/feed.xml").child("channel"))
            #expect(rss.child("link")?.text == base + "topics/\(topic.slug)/")
            #expect(rss.child("atom:link")?.attributes["href"] == base + "topics/\(topic.slug)/feed.xml")
            #expect(rss.child("title")?.text == "Paper & Boy \"Archive\": \(topic.name)")
            let expected = topic.papers.prefix(3).map { base + "papers/\($0)/" }
            #expect(rss.all("item").map { $0.child("guid")?.text } == expected)
            let newest = model.papers[topic.papers[0]]!.paper.firstSeen
            #expect(rss.child("lastBuildDate")?.text == newest.rfc822)

            let atom = try xml("topics/\(topic.slug)/atom.xml")
            #expect(
                atom.all("link").first { $0.attributes["rel"] == "self" }?.attributes["href"]
                    == base + "topics/\(topic.slug)/atom.xml")
            #expect(
                atom.all("link").first { $0.attributes["rel"] == "alternate" }?.attributes["href"]
                    == base + "topics/\(topic.slug)/")
            #expect(atom.all("entry").map { $0.child("id")?.text } == expected)
            #expect(atom.child("updated")?.text == newest.rfc3339)
        }
        // The topic's feed date is its own newest paper's: `other` has p2 (11-26) and p5 (11-24).
        #expect(try xml("topics/other/feed.xml").child("channel")?.child("pubDate")?.text == "Thu, 26 Nov 2026 00:00:00 +0000")
    }

    @Test func dailyDigest() throws {
        let channel = try #require(try xml("days/feed.xml").child("channel"))
        #expect(channel.child("link")?.text == base + "days/")
        #expect(channel.child("atom:link")?.attributes["href"] == base + "days/feed.xml")
        #expect(channel.child("lastBuildDate")?.text == "Thu, 26 Nov 2026 00:00:00 +0000")
        let items = channel.all("item")
        #expect(items.map { $0.child("guid")?.text } == ["2026-11-26", "2026-11-25", "2026-11-24"].map { base + "days/\($0)/" })
        #expect(items.map { $0.child("link")?.text } == items.map { $0.child("guid")?.text })
        #expect(
            items.map { $0.child("title")?.text } == [
                "Trending papers of 26 November 2026", "Trending papers of 25 November 2026", "Trending papers of 24 November 2026",
            ])
        #expect(
            items.map { $0.child("pubDate")?.text } == [
                "Thu, 26 Nov 2026 00:00:00 +0000", "Wed, 25 Nov 2026 00:00:00 +0000", "Tue, 24 Nov 2026 00:00:00 +0000",
            ])
        #expect(
            items[0].child("description")?.text == """
                <ol>
                <li><a href="https://example.org/archive/papers/hostile/">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; ]]&gt; &#39;apos&#39; مرحبا 🚀</a></li>
                <li><a href="https://example.org/archive/papers/p2/">Paper p2</a></li>
                <li><a href="https://example.org/archive/papers/p3/">Paper p3</a></li>
                </ol>

                """)
        // The day's note comes first, its links absolute too.
        #expect(
            items[1].child("description")?.text.hasPrefix(
                "<p>A <a href=\"https://example.org/archive/days/2026-11-24/\">note</a> &amp; more.</p>\n<ol>\n") == true)

        let atom = try xml("days/atom.xml")
        #expect(atom.child("updated")?.text == "2026-11-26T00:00:00Z")
        #expect(atom.all("entry").map { $0.child("id")?.text } == items.map { $0.child("guid")?.text })
        #expect(atom.all("entry").map { $0.child("content")?.text } == items.map { $0.child("description")?.text })
    }

    @Test func feedItemsLimitsEveryFeed() throws {
        let big = FeedFixture.bigModel(count: 120, feedItems: 7)
        let files = FeedRenderer(model: big).render()
        for path in ["feed.xml", "topics/big/feed.xml"] {
            let items = try #require(try parsedXML(files, path).child("channel")).all("item")
            #expect(items.map { $0.child("link")?.text } == big.papersNewestFirst.prefix(7).map { "http://localhost:8000/papers/\($0)/" })
        }
        let days = try parsedXML(files, "days/atom.xml")
        #expect(days.all("entry").count == 7)
        #expect(days.all("entry").first?.child("id")?.text == "http://localhost:8000/days/\(big.days.last!.date)/")
        let json = try parsedJSON(files, "feed.json")
        #expect((json["items"] as? [Any])?.count == 7)
        // An empty description falls back to a sentence (RSS requires one).
        #expect(try parsedXML(files, "feed.xml").child("channel")?.child("description")?.text.isEmpty == false)
    }

    @Test func emptyArchiveStillGivesValidFeeds() throws {
        let site = SiteConfig(title: "Empty", description: "", baseURL: "https://e.org")
        let files = FeedRenderer(model: SiteModel(site: site, days: [], papers: [:], topics: [], papersNewestFirst: [])).render()
        #expect(
            files.map(\.path) == [
                "feed.xml", "atom.xml", "feed.json", "days/feed.xml", "days/atom.xml", "feeds.opml", "sitemap.xml", "robots.txt",
            ])
        for file in files where file.path.hasSuffix(".xml") || file.path.hasSuffix(".opml") {
            #expect(ParsedXML.parse(file.contents) != nil, "\(file.path)")
        }
        #expect(try parsedXML(files, "atom.xml").child("updated")?.text == "1970-01-01T00:00:00Z")
        let json = try parsedJSON(files, "feed.json")
        #expect((json["items"] as? [Any])?.isEmpty == true)
    }

    @Test func opmlListsEveryFeed() throws {
        let opml = try xml("feeds.opml")
        #expect(opml.name == "opml")
        #expect(opml.attributes["version"] == "2.0")
        #expect(opml.child("head")?.child("title")?.text == "Paper & Boy \"Archive\": feeds")
        let outlines = try #require(opml.child("body")).descendants("outline")
        #expect(outlines.allSatisfy { $0.attributes["text"]?.isEmpty == false })
        let feeds = outlines.filter { $0.attributes["xmlUrl"] != nil }
        let feedPaths = files.map(\.path).filter { $0.hasSuffix("feed.xml") || $0.hasSuffix("atom.xml") || $0.hasSuffix("feed.json") }
        #expect(feeds.map { $0.attributes["xmlUrl"] } == feedPaths.map { base + $0 })
        #expect(feeds.allSatisfy { $0.attributes["type"] == "rss" && $0.attributes["htmlUrl"]?.hasPrefix(base) == true })
        #expect(feeds.first { $0.attributes["xmlUrl"] == base + "topics/llm/atom.xml" }?.attributes["htmlUrl"] == base + "topics/llm/")
        #expect(feeds.first { $0.attributes["xmlUrl"] == base + "days/feed.xml" }?.attributes["htmlUrl"] == base + "days/")
    }

    @Test func sitemapListsEveryPage() throws {
        let urlset = try xml("sitemap.xml")
        #expect(urlset.name == "urlset")
        #expect(urlset.attributes["xmlns"] == "http://www.sitemaps.org/schemas/sitemap/0.9")
        let urls = urlset.all("url").map { ($0.child("loc")?.text ?? "", $0.child("lastmod")?.text ?? "") }
        let expected: [(String, String)] = [
            ("", "2026-11-26"), ("days/", "2026-11-26"),
            ("days/2026-11-26/", "2026-11-26"), ("days/2026-11-25/", "2026-11-25"), ("days/2026-11-24/", "2026-11-24"),
            ("topics/", "2026-11-26"), ("feeds/", "2026-11-26"), ("search/", "2026-11-26"),
            ("topics/llm/", "2026-11-26"), ("topics/vision/", "2026-11-26"), ("topics/other/", "2026-11-26"),
            // A paper's date is its last appearance: p3 trended again on 11-26, p4 on 11-25.
            ("papers/hostile/", "2026-11-26"), ("papers/p2/", "2026-11-26"), ("papers/p3/", "2026-11-26"),
            ("papers/p4/", "2026-11-25"), ("papers/p5/", "2026-11-24"),
        ]
        // Order in a sitemap carries no meaning; every page once, with its date.
        #expect(urls.map { $0.0 + " " + $0.1 }.sorted() == expected.map { base + $0.0 + " " + $0.1 }.sorted())
        #expect(Set(urls.map(\.0)).count == urls.count)
        #expect(try !text("sitemap.xml").contains("404"))
    }

    @Test func sitemapPaginatesTopics() throws {
        #expect(TopicPagination.pageSize == 50)
        // Archive pages are full 50s counted from the oldest; the front page keeps 50 to 99.
        #expect(TopicPagination.archivePageCount(0) == 0)
        #expect(TopicPagination.archivePageCount(99) == 0)
        #expect(TopicPagination.archivePageCount(100) == 1)
        #expect(TopicPagination.archivePageCount(149) == 1)
        #expect(TopicPagination.archivePageCount(150) == 2)
        #expect(TopicPagination.range(page: 0, of: 99) == 0..<99)
        #expect(TopicPagination.range(page: 0, of: 120) == 0..<70)
        #expect(TopicPagination.range(page: 1, of: 120) == 70..<120)
        #expect(TopicPagination.range(page: 1, of: 170) == 120..<170)
        #expect(TopicPagination.range(page: 2, of: 170) == 70..<120)
        #expect(TopicPagination.path(topic: "x", page: 0) == "topics/x/")
        #expect(TopicPagination.path(topic: "x", page: 3) == "topics/x/page/3/")
        let renderer = FeedRenderer(model: FeedFixture.bigModel(count: 120))
        let paths = renderer.sitemapPages().map(\.path)
        #expect(paths.filter { $0.hasPrefix("topics/big/") } == ["topics/big/", "topics/big/page/1/"])
        #expect(paths.filter { $0.hasPrefix("papers/") }.count == 120)
        #expect(paths.filter { $0.hasPrefix("days/2") }.count == 12)
        #expect(Set(paths).count == paths.count)
    }

    @Test func bigSitemapsBecomeASitemapIndex() throws {
        let renderer = FeedRenderer(model: FeedFixture.bigModel(count: 120))
        let pages = renderer.sitemapPages()
        let files = renderer.sitemapFiles(limit: 50)
        #expect(files.map(\.path) == ["sitemap.xml", "sitemap1.xml", "sitemap2.xml", "sitemap3.xml"])
        let index = try #require(ParsedXML.parse(files[0].contents))
        #expect(index.name == "sitemapindex")
        #expect(index.all("sitemap").map { $0.child("loc")?.text } == (1...3).map { "http://localhost:8000/sitemap\($0).xml" })
        var listed: [String] = []
        for file in files.dropFirst() {
            let urlset = try #require(ParsedXML.parse(file.contents))
            #expect(urlset.all("url").count <= 50)
            listed += urlset.all("url").compactMap { $0.child("loc")?.text }
        }
        #expect(listed == pages.map { "http://localhost:8000/" + $0.path })
        #expect(renderer.sitemapFiles().map(\.path) == ["sitemap.xml"])
    }

    @Test func robots() throws {
        #expect(try text("robots.txt") == "User-agent: *\nAllow: /\n\nSitemap: https://example.org/archive/sitemap.xml\n")
    }

    @Test func everyURLIsAbsolute() throws {
        for file in files where file.path != "robots.txt" {
            let text = String(decoding: file.contents, as: UTF8.self)
            for marker in ["href=\"", "src=\"", "href=&quot;", "src=&quot;", "<link>", "<guid", "<loc>", "xmlUrl=\"", "htmlUrl=\"", "<id>"]
            {
                var rest = Substring(text)
                while let range = rest.range(of: marker) {
                    var value = rest[range.upperBound...]
                    if marker == "<guid" { value = value.drop(while: { $0 != ">" }).dropFirst() }
                    #expect(
                        value.hasPrefix("https://") || value.hasPrefix("http://") || value.hasPrefix("mailto:"),
                        "\(file.path): \(marker)\(value.prefix(40))")
                    rest = rest[range.upperBound...]
                }
            }
        }
    }

    @Test func throughSiteModelFromAnArchive() throws {
        // The real pipeline: Markdown through cmark-gfm, topics from the rules.
        let site = SiteConfig(title: "T", description: "D", baseURL: "https://user.github.io/archive", feedItems: 10)
        let taxonomy = Taxonomy(topics: [.init(slug: "diffusion", name: "Diffusion", phrases: ["diffusion"])])
        let day = CalendarDate("2026-11-26")!
        let papers = [
            "a": Paper(
                slug: "a", title: "Diffusion <b>models</b> ]]> 🚀", firstSeen: day, authors: ["X"],
                abstract: "We study diffusion; see [b](../b/) and ![f](f.png) and **bold** & https://x.org/?a=1&b=2."),
            "b": Paper(slug: "b", title: "مرحبا", firstSeen: day, abstract: "Plain."),
        ]
        let model = SiteModel(
            archive: Archive(site: site, taxonomy: taxonomy, days: [Day(date: day, source: "s", papers: ["a", "b"])], papers: papers))
        let files = FeedRenderer(model: model).render()
        let atom = try parsedXML(files, "atom.xml")
        let entries = atom.all("entry")
        #expect(entries.map { $0.child("title")?.text } == ["Diffusion <b>models</b> ]]> 🚀", "مرحبا"])
        let content = try #require(entries[0].child("content")?.text)
        #expect(content.contains("<a href=\"https://user.github.io/archive/papers/b/\">b</a>"))
        #expect(content.contains("src=\"https://user.github.io/archive/papers/a/f.png\""))
        #expect(content.contains("<strong>bold</strong> &amp; <a href=\"https://x.org/?a=1&amp;b=2\">"))
        #expect(entries[0].all("category").map { $0.attributes["term"] } == ["diffusion"])
        #expect(files[path: "topics/diffusion/atom.xml"] != nil && files[path: "topics/other/feed.xml"] != nil)
    }
}
