import PaperboyCore

extension Paper {
    /// The front matter keys Paperboy reads and writes; any other key is kept as written.
    static let frontMatterKeys: Set<String> = [
        "title", "slug", "first_seen", "arxiv", "published", "authors", "code", "code_stars", "project", "summary", "keywords",
        "categories", "topics",
    ]

    /// The file's text: front matter in a fixed key order, then the abstract.
    package var fileText: String {
        var text = "---\n"
        text += "title: \(YAMLWriter.quoted(title))\n"
        text += "slug: \(slug)\n"
        text += "first_seen: \(firstSeen)\n"
        if let arxiv { text += "arxiv: \(YAMLWriter.scalar(arxiv))\n" }
        if let published = metadata.published { text += "published: \(published)\n" }
        if !authors.isEmpty { text += "authors:\n" + authors.map { "  - \(YAMLWriter.quoted($0))\n" }.joined() }
        if !code.isEmpty { text += "code:\n" + code.map { "  - \(YAMLWriter.quoted($0))\n" }.joined() }
        if let stars = metadata.codeStars { text += "code_stars: \(stars)\n" }
        if let project = metadata.project { text += "project: \(YAMLWriter.quoted(project))\n" }
        if let summary { text += "summary: \(YAMLWriter.quoted(summary))\n" }
        if !metadata.keywords.isEmpty {
            text += "keywords: [\(metadata.keywords.map(YAMLWriter.quoted).joined(separator: ", "))]\n"
        }
        if !metadata.categories.isEmpty {
            text += "categories: [\(metadata.categories.map(YAMLWriter.scalar).joined(separator: ", "))]\n"
        }
        if !topics.isEmpty { text += "topics: [\(topics.map(YAMLWriter.scalar).joined(separator: ", "))]\n" }
        text += extraFrontMatter
        text += "---\n"
        text += abstract
        // By byte: "\r\n" is one Character, so `hasSuffix("\n")` missed it and added a blank line.
        if !abstract.isEmpty && abstract.utf8.last != 0x0A { text += "\n" }
        return text
    }

    /// Reads a paper file; every problem is a diagnostic naming `file` and the line.
    package init(fileText: String, file: String) throws(Diagnostic) {
        let document = try FrontMatterDocument.parse(fileText, file: file)
        let fields = document.frontMatter
        func required(_ key: String) throws(Diagnostic) -> (String, Int) {
            guard let node = fields[key] else { throw Diagnostic(file: file, line: 1, "missing `\(key)` in front matter") }
            guard let value = node.string, !value.isEmpty else {
                throw Diagnostic(file: file, line: node.line, "`\(key)` must be a non-empty text")
            }
            return (value, node.line)
        }
        func list(_ key: String) throws(Diagnostic) -> [String] {
            guard let node = fields[key] else { return [] }
            guard let values = node.strings else { throw Diagnostic(file: file, line: node.line, "`\(key)` must be a list of texts") }
            return values
        }
        let (title, _) = try required("title")
        let (slug, slugLine) = try required("slug")
        guard Slug.isValid(slug) else {
            throw Diagnostic(file: file, line: slugLine, "`slug` \"\(slug)\" may only hold a-z, 0-9 and single dashes")
        }
        let (firstSeenText, firstSeenLine) = try required("first_seen")
        guard let firstSeen = CalendarDate(firstSeenText) else {
            throw Diagnostic(file: file, line: firstSeenLine, "`first_seen` \"\(firstSeenText)\" is not a date (YYYY-MM-DD)")
        }
        var arxiv: String?
        if let node = fields["arxiv"] {
            guard let value = node.string else { throw Diagnostic(file: file, line: node.line, "`arxiv` must be an id like 2502.12345") }
            // `arXiv:` alone is no id: none, as an empty value is (a file must read back as written).
            let id = PaperIdentity.normalizedArxiv(value)
            arxiv = id.isEmpty ? nil : id
        }
        var summary: String?
        if let node = fields["summary"] {
            guard let value = node.string else { throw Diagnostic(file: file, line: node.line, "`summary` must be a text") }
            summary = value.isEmpty ? nil : value
        }
        var metadata = PaperMetadata(keywords: try list("keywords"), categories: try list("categories"))
        if let node = fields["published"] {
            guard let value = node.string, let date = CalendarDate(value) else {
                throw Diagnostic(file: file, line: node.line, "`published` must be a date (YYYY-MM-DD)")
            }
            metadata.published = date
        }
        if let node = fields["code_stars"] {
            guard let value = node.string, let stars = Int(value), stars >= 0 else {
                throw Diagnostic(file: file, line: node.line, "`code_stars` must be a whole number (0 or more)")
            }
            metadata.codeStars = stars
        }
        if let node = fields["project"] {
            guard let value = node.string else { throw Diagnostic(file: file, line: node.line, "`project` must be a URL") }
            metadata.project = value.isEmpty ? nil : value
        }
        let topics = try list("topics")
        for topic in topics where !Slug.isValid(topic) {
            throw Diagnostic(file: file, line: fields["topics"]!.line, "topic \"\(topic)\" is not a topic slug (a-z, 0-9, dashes)")
        }
        self.init(
            slug: slug, title: title, firstSeen: firstSeen, arxiv: arxiv, authors: try list("authors"),
            code: try list("code"), summary: summary, topics: topics, abstract: document.body,
            metadata: metadata, extraFrontMatter: document.unknownEntries(known: Self.frontMatterKeys))
    }
}

extension Day {
    package var fileText: String {
        var text = "---\n"
        text += "date: \(date)\n"
        text += "source: \(YAMLWriter.quoted(source))\n"
        text += "papers:\n"
        for slug in papers { text += "  - \(slug)\n" }
        let counted = papers.filter { upvotes[$0] != nil }
        if !counted.isEmpty {
            text += "upvotes:\n"
            for slug in counted { text += "  \(slug): \(upvotes[slug]!)\n" }
        }
        text += "---\n"
        text += note
        if !note.isEmpty && note.utf8.last != 0x0A { text += "\n" }
        return text
    }

    /// Reads a day file. `slugLines` receives the line of each listed slug, for `check`.
    package init(fileText: String, file: String, slugLines: inout [Int]) throws(Diagnostic) {
        let document = try FrontMatterDocument.parse(fileText, file: file)
        let fields = document.frontMatter
        guard let dateNode = fields["date"] else { throw Diagnostic(file: file, line: 1, "missing `date` in front matter") }
        guard let dateText = dateNode.string, let date = CalendarDate(dateText) else {
            throw Diagnostic(file: file, line: dateNode.line, "`date` is not a date (YYYY-MM-DD)")
        }
        let source = fields["source"]?.string ?? ""
        guard let papersNode = fields["papers"] else { throw Diagnostic(file: file, line: 1, "missing `papers` in front matter") }
        var slugs: [String] = []
        switch papersNode {
        case let .sequence(items, _):
            for item in items {
                guard let slug = item.string, Slug.isValid(slug) else {
                    throw Diagnostic(file: file, line: item.line, "each entry of `papers` must be a paper slug")
                }
                slugs.append(slug)
                slugLines.append(item.line)
            }
        case let .scalar(value, _) where value.isEmpty:
            break
        default:
            throw Diagnostic(file: file, line: papersNode.line, "`papers` must be a list of paper slugs")
        }
        var upvotes: [String: Int] = [:]
        if let node = fields["upvotes"] {
            guard case let .mapping(pairs, _) = node else {
                throw Diagnostic(file: file, line: node.line, "`upvotes` must map paper slugs to numbers (slug: 42)")
            }
            let listed = Set(slugs)
            for (slug, value) in pairs {
                guard listed.contains(slug) else {
                    throw Diagnostic(file: file, line: value.line, "`upvotes` names \(slug), which `papers` does not list")
                }
                guard let count = value.string.flatMap({ Int($0) }), count >= 0 else {
                    throw Diagnostic(file: file, line: value.line, "the upvotes of \(slug) must be a whole number (0 or more)")
                }
                upvotes[slug] = count
            }
        }
        self.init(date: date, source: source, papers: slugs, upvotes: upvotes, note: document.body)
    }
}
