import PaperboyCore
import PaperboySite

extension FeedRenderer {
    /// A page of the sitemap: its site path and the date it last changed.
    struct SitemapPage: Sendable, Equatable {
        var path: String
        var lastModified: CalendarDate?
    }

    /// Every HTML page of the site (``Page/all(in:)`` without the 404 page), with the date it last changed.
    func sitemapPages() -> [SitemapPage] {
        let (pages, sitePaths) = Page.allWithSitePaths(in: model)
        return sitemapPages(pages: pages, sitePaths: sitePaths)
    }

    /// ``sitemapPages()`` of the given pages and their site paths.
    func sitemapPages(pages: [Page], sitePaths: [String]) -> [SitemapPage] {
        let newestDay = model.days.last?.date
        // On both cores: one entry per page.
        return Array(zip(pages, sitePaths)).parallelMap { page, sitePath -> SitemapPage? in
            let lastModified: CalendarDate?
            switch page {
            case .notFound: return nil
            case .index, .daysArchive, .topicsIndex, .feedsIndex, .search: lastModified = newestDay
            case let .day(index): lastModified = model.days[index].date
            case let .topic(index, number):
                // A page changes when its newest paper arrives (the front page: the topic's newest).
                let topic = model.topics[index]
                let range = TopicPagination.range(page: number, of: topic.papers.count)
                lastModified = range.isEmpty ? nil : model.papers[topic.papers[range.lowerBound]]?.paper.firstSeen
            case let .paper(index):
                let paper = model.newestFirst[index]
                lastModified = max(paper.paper.firstSeen, paper.appearances.last?.date ?? paper.paper.firstSeen)
            }
            return SitemapPage(path: sitePath, lastModified: lastModified)
        }.compactMap { $0 }
    }

    /// `sitemap.xml`, or, above `limit` URLs, `sitemap.xml` as a sitemap index of
    /// `sitemap1.xml`, `sitemap2.xml`, ... of at most `limit` URLs each.
    func sitemapFiles(limit: Int = FeedRenderer.sitemapURLLimit) -> [OutputFile] {
        let (pages, sitePaths) = Page.allWithSitePaths(in: model)
        return sitemapFiles(pages: pages, sitePaths: sitePaths, limit: limit)
    }

    /// ``sitemapFiles(limit:)`` of the given pages and their site paths.
    func sitemapFiles(pages all: [Page], sitePaths: [String], limit: Int = FeedRenderer.sitemapURLLimit) -> [OutputFile] {
        let pages = sitemapPages(pages: all, sitePaths: sitePaths)
        if pages.count <= limit {
            return [OutputFile(path: Self.sitemapPath, contents: urlset(pages[...]))]
        }
        let starts = Array(stride(from: 0, to: pages.count, by: limit))
        let files = starts.enumerated().map { number, start in
            (path: "sitemap\(number + 1).xml", pages: pages[start..<min(start + limit, pages.count)])
        }
        var index = FeedWriter(capacity: 256 + pages.count / limit * 160)
        index.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
        for (path, chunk) in files {
            index.raw("<sitemap><loc>")
            index.text(model.absoluteURL(path))
            index.raw("</loc>")
            if let newest = chunk.compactMap(\.lastModified).max() {
                index.raw("<lastmod>" + newest.description + "</lastmod>")
            }
            index.raw("</sitemap>\n")
        }
        index.raw("</sitemapindex>\n")
        return [OutputFile(path: Self.sitemapPath, contents: index.bytes)]
            + files.parallelMap { OutputFile(path: $0.path, contents: urlset($0.pages)) }
    }

    /// A `<urlset>` document.
    func urlset(_ pages: ArraySlice<SitemapPage>) -> [UInt8] {
        var out = FeedWriter(capacity: 128 + pages.count * (model.site.baseURL.utf8.count + 96))
        out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
        // Piece by piece (escaping is per character): the base URL escaped once, no string built per URL.
        var base = FeedWriter(capacity: model.site.baseURL.utf8.count + 16)
        base.text(model.site.baseURL)
        for page in pages {
            out.raw("<url><loc>")
            out.raw(base.bytes)
            out.text(page.path)
            out.raw("</loc>")
            if let date = page.lastModified {
                out.raw("<lastmod>")
                out.raw(date.description)
                out.raw("</lastmod>")
            }
            out.raw("</url>\n")
        }
        out.raw("</urlset>\n")
        return out.bytes
    }

    /// `robots.txt`: everything allowed, and where the sitemap is.
    func robotsText() -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(model.absoluteURL(Self.sitemapPath))\n"
    }
}
