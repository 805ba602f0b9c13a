extension FeedRenderer {
    /// An OPML 2.0 subscription list of every feed, in three groups: the latest papers (RSS,
    /// Atom, JSON Feed), the daily digest, and the topics (RSS and Atom of each, taxonomy order).
    func opml(_ channels: [FeedChannel]) -> [UInt8] {
        var out = FeedWriter(capacity: 512 + channels.count * 600)
        out.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<opml version=\"2.0\">\n<head>\n")
        out.element("title", "\(model.site.title): feeds")
        out.raw("\n")
        if let newest = model.days.last?.date {
            out.element("dateModified", newest.rfc822)
            out.raw("\n")
        }
        if !model.site.author.isEmpty {
            out.element("ownerName", model.site.author)
            out.raw("\n")
        }
        out.raw("</head>\n<body>\n")
        func outline(_ channel: FeedChannel, _ format: String, _ path: String) {
            let text = "\(channel.title) (\(format))"
            out.raw("<outline type=\"rss\" text=\"")
            out.attribute(text)
            out.raw("\" title=\"")
            out.attribute(text)
            out.raw("\" xmlUrl=\"")
            out.attribute(model.absoluteURL(path))
            out.raw("\" htmlUrl=\"")
            out.attribute(channel.htmlURL)
            out.raw("\"/>\n")
        }
        func group(_ name: String, _ members: ArraySlice<FeedChannel>) {
            guard !members.isEmpty else { return }
            out.raw("<outline text=\"")
            out.attribute(name)
            out.raw("\" title=\"")
            out.attribute(name)
            out.raw("\">\n")
            for channel in members {
                outline(channel, "RSS", channel.rssPath)
                outline(channel, "Atom", channel.atomPath)
                if let jsonPath = channel.jsonPath { outline(channel, "JSON Feed", jsonPath) }
            }
            out.raw("</outline>\n")
        }
        // prepare() puts the latest papers first, the daily digest second, then the topics.
        group("Latest papers", channels.prefix(1))
        group("Daily digest", channels.dropFirst().prefix(1))
        group("Topics", channels.dropFirst(2))
        out.raw("</body>\n</opml>\n")
        return out.bytes
    }
}
