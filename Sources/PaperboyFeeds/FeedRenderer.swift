import PaperboyContent
import PaperboyCore
import PaperboySite

/// Renders the site's feeds and crawler files from a ``SiteModel``:
///
/// - `feed.xml`, `atom.xml`, `feed.json`: the latest papers (RSS 2.0, Atom 1.0, JSON Feed 1.1);
/// - `topics/<slug>/feed.xml` and `atom.xml`: each topic's latest papers;
/// - `days/feed.xml` and `atom.xml`: the daily digest, one item per day;
/// - `feeds.opml`, `sitemap.xml`, `robots.txt`.
///
/// Every URL in the output is absolute, built from `site.baseURL`. An item's id is its
/// page's permalink; its date is the day the paper first trended; a feed's own date is its
/// newest item's. The output depends on the model alone: the same model gives the same bytes.
package struct FeedRenderer: Sendable {
    /// The site the feeds describe.
    package let model: SiteModel
    let links: LinkResolver
    let topicsBySlug: [String: TopicModel]

    /// The name of the generator written into the feeds.
    package static let generator = "Paperboy"

    /// A renderer for `model`; rendering happens in ``render()``.
    package init(model: SiteModel) {
        self.model = model
        links = LinkResolver(baseURL: model.site.baseURL)
        var topicsBySlug: [String: TopicModel] = [:]
        for topic in model.topics { topicsBySlug[topic.slug] = topic }
        self.topicsBySlug = topicsBySlug
    }

    /// Every feed, the OPML list, the sitemap and robots.txt, in a fixed order.
    package func render() -> [OutputFile] {
        let (feeds, index) = renderSplit()
        return feeds + index
    }

    /// ``render()``'s files in two lists: the feeds (RSS, Atom, JSON Feed), then the OPML
    /// list, the sitemap and robots.txt.
    package func renderSplit() -> (feeds: [OutputFile], index: [OutputFile]) {
        let (pages, sitePaths) = Page.allWithSitePaths(in: model)
        return renderSplit(pages: pages, sitePaths: sitePaths)
    }

    /// ``renderSplit()`` with the site's pages (``Page/all(in:)``) and their site paths given.
    package func renderSplit(pages: [Page], sitePaths: [String]) -> (feeds: [OutputFile], index: [OutputFile]) {
        let (entries, channels) = prepare()
        // Each entry is rendered once per format, however many feeds carry it.
        let items: [PreparedItem] = entries.parallelMap { entry in
            PreparedItem(rss: rssItem(entry), atom: atomEntry(entry))
        }
        let feeds: [OutputFile] = channels.parallelMap { channel in
            var files = [
                OutputFile(path: channel.rssPath, contents: rss(channel, entries: entries, items: items)),
                OutputFile(path: channel.atomPath, contents: atom(channel, entries: entries, items: items)),
            ]
            if let jsonPath = channel.jsonPath {
                files.append(OutputFile(path: jsonPath, contents: jsonFeed(channel, entries: entries)))
            }
            return files
        }.flatMap { $0 }
        let index =
            [OutputFile(path: Self.opmlPath, contents: opml(channels))] + sitemapFiles(pages: pages, sitePaths: sitePaths)
            + [OutputFile(path: Self.robotsPath, text: robotsText())]
        return (feeds, index)
    }

    /// The rendered RSS `<item>` and Atom `<entry>` of one entry.
    struct PreparedItem: Sendable {
        var rss: [UInt8]
        var atom: [UInt8]
    }

    /// Every entry any feed carries (each paper once) and the feeds, in output order:
    /// the latest papers, the daily digest, then the topics in taxonomy order.
    func prepare() -> (entries: [FeedItem], channels: [FeedChannel]) {
        let limit = max(0, model.site.feedItems)
        var slugs: [String] = []
        var indexOfSlug: [String: Int] = [:]
        func indexes(_ list: ArraySlice<String>) -> [Int] {
            var result: [Int] = []
            result.reserveCapacity(list.count)
            for slug in list where model.papers[slug] != nil {
                if let index = indexOfSlug[slug] {
                    result.append(index)
                } else {
                    indexOfSlug[slug] = slugs.count
                    result.append(slugs.count)
                    slugs.append(slug)
                }
            }
            return result
        }
        let site = model.site
        var channels: [FeedChannel] = []
        channels.append(
            FeedChannel(
                title: site.title,
                description: site.description.isEmpty ? "The latest trending papers of \(site.title)." : site.description,
                htmlURL: model.absoluteURL(""), rssPath: Self.rssPath, atomPath: Self.atomPath,
                jsonPath: Self.jsonFeedPath, entries: indexes(model.papersNewestFirst.prefix(limit))))
        var topicChannels: [FeedChannel] = []
        for topic in model.topics {
            topicChannels.append(
                FeedChannel(
                    title: "\(site.title): \(topic.name)",
                    description: "The latest trending papers about \(topic.name).",
                    htmlURL: model.absoluteURL(topic.path), rssPath: Self.rssPath(forTopic: topic.slug),
                    atomPath: Self.atomPath(forTopic: topic.slug), jsonPath: nil,
                    entries: indexes(topic.papers.prefix(limit))))
        }
        var entries: [FeedItem] = slugs.parallelMap { slug in paperEntry(model.papers[slug]!) }

        let days = Array(model.days.reversed().prefix(limit))
        let first = entries.count
        entries += days.parallelMap { day in dayEntry(day) }
        channels.append(
            FeedChannel(
                title: "\(site.title): daily digest",
                description: "Every day's trending papers, one item per day, in rank order.",
                htmlURL: model.absoluteURL("days/"), rssPath: Self.daysRSSPath, atomPath: Self.daysAtomPath,
                jsonPath: nil, entries: Array(first..<entries.count)))
        return (entries, channels + topicChannels)
    }

    /// A paper as a feed entry.
    func paperEntry(_ paper: PaperModel) -> FeedItem {
        let url = model.absoluteURL(paper.path)
        let categories = paper.topics.map { slug in
            if let topic = topicsBySlug[slug] {
                return FeedCategory(slug: slug, name: topic.name, url: model.absoluteURL(topic.path))
            }
            return FeedCategory(slug: slug, name: slug == Taxonomy.otherSlug ? Taxonomy.otherName : slug, url: nil)
        }
        return FeedItem(
            url: url, title: paper.paper.title, date: paper.paper.firstSeen,
            contentHTML: links.absolutizingLinks(inHTML: paper.abstractHTML, against: url),
            summary: paper.excerpt, authors: paper.paper.authors, categories: categories,
            related: paper.paper.arxiv.flatMap { URLEscaping.httpURL("https://arxiv.org/abs/\($0)") })
    }

    /// A day as a digest entry: its note, then its papers in rank order as a linked list.
    func dayEntry(_ day: DayModel) -> FeedItem {
        let url = model.absoluteURL(day.path)
        var html = ""
        html.reserveCapacity(day.papers.count * 160 + day.noteHTML.utf8.count + 16)
        if !day.noteHTML.isEmpty { html += links.absolutizingLinks(inHTML: day.noteHTML, against: url) }
        html += "<ol>\n"
        var count = 0
        for slug in day.papers {
            guard let paper = model.papers[slug] else { continue }
            count += 1
            html += "<li><a href=\""
            html += XMLEscaping.escapeAttribute(model.absoluteURL(paper.path))
            html += "\">"
            html += XMLEscaping.escape(paper.paper.title)
            html += "</a></li>\n"
        }
        html += "</ol>\n"
        let summary =
            count == 1
            ? "The trending paper of \(day.date.longDescription)."
            : "The \(count) trending papers of \(day.date.longDescription), in rank order."
        return FeedItem(
            url: url, title: "Trending papers of \(day.date.longDescription)", date: day.date,
            contentHTML: html, summary: summary, authors: [], categories: [])
    }

    /// A feed's own date: its newest entry's; for an empty feed the newest day's, if any.
    func updated(_ channel: FeedChannel, entries: [FeedItem]) -> CalendarDate? {
        var newest: CalendarDate?
        for index in channel.entries where newest.map({ entries[index].date > $0 }) ?? true {
            newest = entries[index].date
        }
        return newest ?? model.days.last?.date
    }

    /// The name Atom requires for a feed's author: the site's author, else its title.
    var feedAuthor: String {
        model.site.author.isEmpty ? model.site.title : model.site.author
    }
}
