import PaperboySite

extension FeedRenderer {
    /// At most this many URLs in one sitemap file (the sitemaps.org limit); above it
    /// `sitemap.xml` becomes a sitemap index of `sitemap1.xml`, `sitemap2.xml`, ...
    package static let sitemapURLLimit = 50_000

    /// `feed.xml`: the latest papers, RSS 2.0.
    package static let rssPath = "feed.xml"
    /// `atom.xml`: the latest papers, Atom 1.0.
    package static let atomPath = "atom.xml"
    /// `feed.json`: the latest papers, JSON Feed 1.1.
    package static let jsonFeedPath = "feed.json"
    /// `days/feed.xml`: the daily digest, one item per day, RSS 2.0.
    package static let daysRSSPath = "days/feed.xml"
    /// `days/atom.xml`: the daily digest, Atom 1.0.
    package static let daysAtomPath = "days/atom.xml"
    /// `feeds.opml`: every feed, for importing into a reader.
    package static let opmlPath = "feeds.opml"
    /// `sitemap.xml`.
    package static let sitemapPath = "sitemap.xml"
    /// `robots.txt`.
    package static let robotsPath = "robots.txt"

    /// `topics/<slug>/feed.xml`: a topic's latest papers, RSS 2.0.
    package static func rssPath(forTopic slug: String) -> String { TopicModel.path(slug: slug) + rssPath }

    /// `topics/<slug>/atom.xml`: a topic's latest papers, Atom 1.0.
    package static func atomPath(forTopic slug: String) -> String { TopicModel.path(slug: slug) + atomPath }
}
