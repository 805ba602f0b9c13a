import Foundation
import Testing

/// `feeds/`: every feed of the site with the address to copy, linked from every page's header.
@Suite("feeds page")
struct FeedsPageTests {
    @Test func everyFeedOfTheSiteIsListedWithItsAbsoluteAddress() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let result = try site.build(["--base-url", "https://lab.example/archive/"])
        try #require(result.status == 0, "\(result.stderr)")
        let page = SiteFixture.read(site.output + "/feeds/index.html")
        let addresses = page.matches(of: /<code>(https:\/\/lab\.example\/archive\/[^<]+)<\/code>/).map { String($0.1) }
        // Every feed file the build wrote, and nothing else, is listed once.
        let written = try FileManager.default.subpathsOfDirectory(atPath: site.output).filter {
            $0.hasSuffix("feed.xml") || $0.hasSuffix("atom.xml") || $0 == "feed.json"
        }
        #expect(!written.isEmpty)
        #expect(addresses.filter { !$0.hasSuffix(".opml") }.sorted() == written.map { "https://lab.example/archive/" + $0 }.sorted())
        #expect(addresses.contains("https://lab.example/archive/feeds.opml"))
        // Links to open them stay relative, like every link of the site.
        #expect(page.contains("<a href=\"../feed.xml\">open</a>"))
        #expect(page.contains("<a href=\"../feeds/\" aria-current=\"page\">Feeds</a>"))
        // Every page's header goes there, not to the OPML file.
        let paper = try #require(
            try FileManager.default.contentsOfDirectory(atPath: site.output + "/papers").first.map {
                SiteFixture.read(site.output + "/papers/\($0)/index.html")
            })
        #expect(paper.contains("<a href=\"../../feeds/\">Feeds</a>"))
        #expect(!SiteFixture.read(site.output + "/index.html").contains("href=\"./feeds.opml\">Feeds"))
    }
}
