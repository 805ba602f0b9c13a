extension FeedRenderer {
    /// A page of the sitemap: its site path and the date it last changed.
    struct SitemapPage: Sendable, Equatable {
        var path: String
        var lastModified: CalendarDate?
    }

    /// Every HTML page of the site (not the 404 page): home, the day archive and each day,
    /// the topic index and each topic page, every paper.
    func sitemapPages() -> [SitemapPage] {
        let newestDay = model.days.last?.date
        var pages: [SitemapPage] = []
        pages.reserveCapacity(model.days.count + model.papers.count + model.topics.count * 2 + 3)
        pages.append(SitemapPage(path: "", lastModified: newestDay))
        pages.append(SitemapPage(path: "days/", lastModified: newestDay))
        for day in model.days.reversed() { pages.append(SitemapPage(path: day.path, lastModified: day.date)) }
        pages.append(SitemapPage(path: "topics/", lastModified: newestDay))
        for topic in model.topics {
            // A new paper shifts every page of the topic, so they all change with the newest one.
            let newest = topic.papers.first.flatMap { model.papers[$0]?.paper.firstSeen }
            for page in 1...Self.topicPageCount(paperCount: topic.papers.count) {
                pages.append(SitemapPage(path: Self.topicPagePath(topic: topic.slug, page: page), lastModified: newest))
            }
        }
        for slug in model.papersNewestFirst {
            guard let paper = model.papers[slug] else { continue }
            var last = paper.paper.firstSeen
            if let appearance = paper.appearances.last?.date, appearance > last { last = appearance }
            pages.append(SitemapPage(path: paper.path, lastModified: last))
        }
        return pages
    }

    /// `sitemap.xml`, or, above `limit` URLs, `sitemap.xml` as a sitemap index of
    /// `sitemap1.xml`, `sitemap2.xml`, ... of at most `limit` URLs each.
    func sitemapFiles(limit: Int = FeedRenderer.sitemapURLLimit) -> [OutputFile] {
        let pages = sitemapPages()
        if pages.count <= limit {
            return [OutputFile(path: Self.sitemapPath, contents: urlset(pages[...]))]
        }
        var files: [OutputFile] = []
        var index = FeedWriter(capacity: 256 + pages.count / limit * 160)
        index.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
        for (number, start) in stride(from: 0, to: pages.count, by: limit).enumerated() {
            let chunk = pages[start..<min(start + limit, pages.count)]
            let path = "sitemap\(number + 1).xml"
            files.append(OutputFile(path: path, contents: urlset(chunk)))
            index.raw("<sitemap><loc>")
            index.text(model.absoluteURL(path))
            index.raw("</loc>")
            if let newest = chunk.compactMap(\.lastModified).max() {
                index.raw("<lastmod>" + newest.description + "</lastmod>")
            }
            index.raw("</sitemap>\n")
        }
        index.raw("</sitemapindex>\n")
        return [OutputFile(path: Self.sitemapPath, contents: index.bytes)] + files
    }

    /// A `<urlset>` document.
    func urlset(_ pages: ArraySlice<SitemapPage>) -> [UInt8] {
        var out = FeedWriter(capacity: 128 + pages.count * (model.site.baseURL.utf8.count + 96))
        out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
        for page in pages {
            out.raw("<url><loc>")
            out.text(model.absoluteURL(page.path))
            out.raw("</loc>")
            if let date = page.lastModified { out.raw("<lastmod>" + date.description + "</lastmod>") }
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
