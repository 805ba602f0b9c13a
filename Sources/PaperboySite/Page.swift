import PaperboyCore

/// One HTML page of the site, before rendering: what it is and where it goes.
///
/// The build lists every page first (cheap), then renders and writes them in parallel,
/// so a large archive never sits in memory as rendered HTML all at once.
package enum Page: Sendable, Hashable {
    case index
    case daysArchive
    case day(Int)
    case topicsIndex
    /// `feeds/`: every feed of the site, to copy into a reader.
    case feedsIndex
    /// `search/`: the search box and its results, read by `search.js` from the index beside it.
    case search
    /// A topic's page: 0 is its front page, 1... its archive pages (see ``TopicPagination``).
    case topic(Int, page: Int)
    /// A paper's page: its place in ``SiteModel/newestFirst``.
    case paper(Int)
    case notFound

    /// The output path of the page at `sitePath` (its ``sitePath(in:)``).
    package func outputPath(sitePath: String) -> String {
        self == .notFound ? sitePath : sitePath + "index.html"
    }

    /// The URL path of the page relative to the site root (`papers/x/`; `404.html`).
    package func sitePath(in model: SiteModel) -> String {
        switch self {
        case .index: return ""
        case .daysArchive: return "days/"
        case let .day(index): return model.days[index].path
        case .topicsIndex: return "topics/"
        case .feedsIndex: return "feeds/"
        case .search: return "search/"
        case let .topic(index, page): return TopicPagination.path(topic: model.topics[index].slug, page: page)
        case let .paper(index): return model.newestFirst[index].path
        case .notFound: return "404.html"
        }
    }

    /// ``all(in:)`` with each page's ``sitePath(in:)``, made once (on both cores) for the
    /// fingerprints, the sitemap and the manifest.
    package static func allWithSitePaths(in model: SiteModel) -> (pages: [Page], sitePaths: [String]) {
        let pages = all(in: model)
        return (pages, pages.parallelMap { $0.sitePath(in: model) })
    }

    /// Every page of the site, in a stable order.
    package static func all(in model: SiteModel) -> [Page] {
        var pages: [Page] = [.index, .daysArchive, .topicsIndex, .feedsIndex, .search, .notFound]
        pages += model.days.indices.map { .day($0) }
        for (index, topic) in model.topics.enumerated() {
            pages += (0...TopicPagination.archivePageCount(topic.papers.count)).map { .topic(index, page: $0) }
        }
        pages += model.newestFirst.indices.map { .paper($0) }
        return pages
    }
}

/// Topic pages, built so that a page's link keeps showing the same papers.
///
/// The front page `topics/<slug>/` shows the newest papers. Older ones go to archive pages
/// of exactly 50, numbered from the oldest paper: `topics/<slug>/page/1/` holds the first 50
/// papers the topic ever had, `page/2/` the next 50, and so on. A new paper changes only the
/// front page (and, every 50 papers, adds an archive page), so a link to `page/7/` cited in
/// a chat shows the same papers next year, and an incremental build leaves the archive pages
/// alone. The front page holds the papers not yet in a full archive page plus the newest
/// full 50: between 50 and 99 papers (all of them for a topic of fewer than 100).
package enum TopicPagination {
    /// Papers per archive page.
    package static let pageSize = 50

    /// How many archive pages a topic of `paperCount` papers has.
    package static func archivePageCount(_ paperCount: Int) -> Int {
        paperCount < 2 * pageSize ? 0 : paperCount / pageSize - 1
    }

    /// The site path of a topic's page: 0 the front page, 1... the archive pages.
    package static func path(topic: String, page: Int) -> String {
        page == 0 ? TopicModel.path(slug: topic) : TopicModel.path(slug: topic) + "page/\(page)/"
    }

    /// The positions in the topic's newest-first list of the papers on `page`.
    package static func range(page: Int, of paperCount: Int) -> Range<Int> {
        if page == 0 { return 0..<(paperCount - archivePageCount(paperCount) * pageSize) }
        return (paperCount - page * pageSize)..<(paperCount - (page - 1) * pageSize)
    }
}
