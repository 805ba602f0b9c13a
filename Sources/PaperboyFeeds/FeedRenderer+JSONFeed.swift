extension FeedRenderer {
    /// A JSON Feed 1.1 document, written by hand: fixed key order, two-space indentation.
    func jsonFeed(_ channel: FeedChannel, entries: [FeedItem]) -> [UInt8] {
        var capacity = 1024
        for index in channel.entries { capacity += entries[index].contentHTML.utf8.count * 5 / 4 + 1024 }
        var out = FeedWriter(capacity: capacity)
        out.raw("{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"title\": ")
        out.json(channel.title)
        out.raw(",\n  \"home_page_url\": ")
        out.json(channel.htmlURL)
        out.raw(",\n  \"feed_url\": ")
        out.json(model.absoluteURL(channel.jsonPath ?? Self.jsonFeedPath))
        out.raw(",\n  \"description\": ")
        out.json(channel.description)
        out.raw(",\n  \"language\": ")
        out.json(model.site.language)
        if !model.site.author.isEmpty {
            out.raw(",\n  \"authors\": [{\"name\": ")
            out.json(model.site.author)
            out.raw("}]")
        }
        out.raw(",\n  \"items\": [")
        for (position, index) in channel.entries.enumerated() {
            let entry = entries[index]
            out.raw(position == 0 ? "\n    {\n      \"id\": " : ",\n    {\n      \"id\": ")
            out.json(entry.url)
            out.raw(",\n      \"url\": ")
            out.json(entry.url)
            out.raw(",\n      \"title\": ")
            out.json(entry.title)
            out.raw(",\n      \"content_html\": ")
            out.json(entry.contentHTML)
            if !entry.summary.isEmpty {
                out.raw(",\n      \"summary\": ")
                out.json(entry.summary)
            }
            out.raw(",\n      \"date_published\": ")
            out.json(entry.date.rfc3339)
            if !entry.authors.isEmpty {
                out.raw(",\n      \"authors\": [")
                for (number, author) in entry.authors.enumerated() {
                    out.raw(number == 0 ? "{\"name\": " : ", {\"name\": ")
                    out.json(author)
                    out.raw("}")
                }
                out.raw("]")
            }
            if !entry.categories.isEmpty {
                out.raw(",\n      \"tags\": [")
                for (number, category) in entry.categories.enumerated() {
                    if number > 0 { out.raw(", ") }
                    out.json(category.name)
                }
                out.raw("]")
            }
            out.raw("\n    }")
        }
        out.raw(channel.entries.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
        return out.bytes
    }
}
