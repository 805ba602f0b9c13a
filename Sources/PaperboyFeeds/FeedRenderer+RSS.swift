extension FeedRenderer {
    /// An RSS 2.0 document: channel, self link (`atom:link`), then the prepared items.
    func rss(_ channel: FeedChannel, entries: [FeedItem], items: [PreparedItem]) -> [UInt8] {
        var capacity = 1024
        for index in channel.entries { capacity += items[index].rss.count }
        var out = FeedWriter(capacity: capacity)
        out.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        out.raw("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
        out.raw("<channel>\n")
        out.element("title", channel.title)
        out.raw("\n")
        out.element("link", channel.htmlURL)
        out.raw("\n")
        out.element("description", channel.description)
        out.raw("\n")
        out.element("language", model.site.language)
        out.raw("\n")
        out.element("generator", Self.generator)
        out.raw("\n")
        out.element("docs", "https://www.rssboard.org/rss-specification")
        out.raw("\n")
        if let updated = updated(channel, entries: entries), !channel.entries.isEmpty {
            out.element("pubDate", updated.rfc822)
            out.raw("\n")
            out.element("lastBuildDate", updated.rfc822)
            out.raw("\n")
        }
        out.raw("<atom:link href=\"")
        out.attribute(model.absoluteURL(channel.rssPath))
        out.raw("\" rel=\"self\" type=\"application/rss+xml\"/>\n")
        for index in channel.entries { out.raw(items[index].rss) }
        out.raw("</channel>\n</rss>\n")
        return out.bytes
    }

    /// One RSS `<item>`; the same bytes in every feed that carries the entry.
    func rssItem(_ entry: FeedItem) -> [UInt8] {
        var out = FeedWriter(capacity: entry.contentHTML.utf8.count * 5 / 4 + entry.summary.utf8.count + 512)
        out.raw("<item>\n")
        out.element("title", entry.title)
        out.raw("\n")
        out.element("link", entry.url)
        out.raw("\n<guid isPermaLink=\"true\">")
        out.text(entry.url)
        out.raw("</guid>\n")
        out.element("pubDate", entry.date.rfc822)
        out.raw("\n")
        for author in entry.authors {
            out.element("dc:creator", author)
            out.raw("\n")
        }
        for category in entry.categories {
            if let url = category.url {
                out.raw("<category domain=\"")
                out.attribute(url)
                out.raw("\">")
            } else {
                out.raw("<category>")
            }
            out.text(category.name)
            out.raw("</category>\n")
        }
        out.element("description", entry.contentHTML)
        out.raw("\n</item>\n")
        return out.bytes
    }
}
