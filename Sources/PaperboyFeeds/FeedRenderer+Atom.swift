extension FeedRenderer {
    /// An Atom 1.0 document: the feed's metadata and author, then the prepared entries.
    func atom(_ channel: FeedChannel, entries: [FeedItem], items: [PreparedItem]) -> [UInt8] {
        var capacity = 1024
        for index in channel.entries { capacity += items[index].atom.count }
        var out = FeedWriter(capacity: capacity)
        let selfURL = model.absoluteURL(channel.atomPath)
        out.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        out.raw("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"")
        out.attribute(model.site.language)
        out.raw("\">\n")
        out.element("title", channel.title)
        out.raw("\n")
        if !channel.description.isEmpty {
            out.element("subtitle", channel.description)
            out.raw("\n")
        }
        out.element("id", selfURL)
        out.raw("\n<link rel=\"self\" type=\"application/atom+xml\" href=\"")
        out.attribute(selfURL)
        out.raw("\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"")
        out.attribute(channel.htmlURL)
        out.raw("\"/>\n")
        // Atom requires a date; an empty feed of an empty archive gets the epoch, never the build time.
        out.element("updated", updated(channel, entries: entries)?.rfc3339 ?? "1970-01-01T00:00:00Z")
        out.raw("\n<author>")
        out.element("name", feedAuthor)
        out.raw("</author>\n")
        out.element("generator", Self.generator)
        out.raw("\n")
        for index in channel.entries { out.raw(items[index].atom) }
        out.raw("</feed>\n")
        return out.bytes
    }

    /// One Atom `<entry>`; the same bytes in every feed that carries the entry.
    func atomEntry(_ entry: FeedItem) -> [UInt8] {
        var out = FeedWriter(capacity: entry.contentHTML.utf8.count * 5 / 4 + entry.summary.utf8.count + 512)
        out.raw("<entry>\n")
        out.element("id", entry.url)
        out.raw("\n")
        out.element("title", entry.title)
        out.raw("\n<link rel=\"alternate\" type=\"text/html\" href=\"")
        out.attribute(entry.url)
        out.raw("\"/>\n")
        if let related = entry.related {
            out.raw("<link rel=\"related\" type=\"text/html\" href=\"")
            out.attribute(related)
            out.raw("\"/>\n")
        }
        out.element("published", entry.date.rfc3339)
        out.raw("\n")
        out.element("updated", entry.date.rfc3339)
        out.raw("\n")
        for author in entry.authors {
            out.raw("<author>")
            out.element("name", author)
            out.raw("</author>\n")
        }
        let scheme = model.absoluteURL("topics/")
        for category in entry.categories {
            out.raw("<category term=\"")
            out.attribute(category.slug)
            out.raw("\" label=\"")
            out.attribute(category.name)
            out.raw("\" scheme=\"")
            out.attribute(scheme)
            out.raw("\"/>\n")
        }
        if !entry.summary.isEmpty {
            out.element("summary", entry.summary)
            out.raw("\n")
        }
        out.raw("<content type=\"html\">")
        out.text(entry.contentHTML)
        out.raw("</content>\n</entry>\n")
        return out.bytes
    }
}
