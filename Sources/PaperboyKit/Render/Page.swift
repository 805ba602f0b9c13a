/// One HTML page of the site, before rendering: what it is and where it goes.
///
/// The build lists every page first (cheap), then renders and writes them in parallel,
/// so a large archive never sits in memory as rendered HTML all at once.
public enum Page: Sendable, Hashable {
    case index
    case daysArchive
    case day(Int)
    case topicsIndex
    /// A topic's page `number` (1-based).
    case topic(Int, page: Int)
    case paper(String)
    case notFound

    /// The output path below the site root.
    public func outputPath(in model: SiteModel) -> String {
        sitePath(in: model) + (self == .notFound ? "" : "index.html")
    }

    /// The URL path of the page relative to the site root (`papers/x/`; `404.html`).
    public func sitePath(in model: SiteModel) -> String {
        switch self {
        case .index: return ""
        case .daysArchive: return "days/"
        case let .day(index): return model.days[index].path
        case .topicsIndex: return "topics/"
        case let .topic(index, page): return TopicPagination.path(topic: model.topics[index].slug, page: page)
        case let .paper(slug): return "papers/\(slug)/"
        case .notFound: return "404.html"
        }
    }

    /// Every page of the site, in a stable order.
    public static func all(in model: SiteModel) -> [Page] {
        var pages: [Page] = [.index, .daysArchive, .topicsIndex, .notFound]
        pages += model.days.indices.map { .day($0) }
        for (index, topic) in model.topics.enumerated() {
            pages += (1...TopicPagination.pageCount(topic.papers.count)).map { .topic(index, page: $0) }
        }
        pages += model.papersNewestFirst.map { .paper($0) }
        return pages
    }
}

/// Topic pages: 50 papers a page, page 1 at `topics/<slug>/`, page N at `topics/<slug>/page/N/`.
public enum TopicPagination {
    /// Papers per topic page.
    public static let pageSize = 50

    /// How many pages a topic of `paperCount` papers has (at least one).
    public static func pageCount(_ paperCount: Int) -> Int { max(1, (paperCount + pageSize - 1) / pageSize) }

    /// The site path of a topic's page `page` (1-based).
    public static func path(topic: String, page: Int) -> String {
        page <= 1 ? "topics/\(topic)/" : "topics/\(topic)/page/\(page)/"
    }
}
