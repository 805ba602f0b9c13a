import Foundation
import PaperboyContent
import PaperboyCore

/// The JSON of Hugging Face's `/api/daily_papers`, as `paperboy fetch` saves it: an array of
/// items, each with a `paper` object (see docs/content-format.md, "Hugging Face feeds").
///
/// A daily list is ranked by upvotes, highest first (ties keep the file's order); a trending
/// snapshot keeps the order served, which is the trending page's.
package struct HuggingFaceFeedParser: FeedParser {
    package enum Kind: Sendable {
        case daily
        case trending
    }

    package let kind: Kind

    package init(kind: Kind) { self.kind = kind }

    package func parse(_ text: String, file: String) throws(Diagnostic) -> ParsedFeed {
        let items = try JSONItems.split(text, file: file)
        guard !items.isEmpty else { throw Diagnostic(file: file, line: 1, "the list is empty (no papers that day?): nothing to ingest") }
        var entries: [(entry: FeedEntry, upvotes: Int)] = []
        var warnings: [Diagnostic] = []
        var seen: [String: Int] = [:]
        for item in items {
            let object: JSONValue
            do {
                object = try JSONValue.parse(item.text)
            } catch {
                throw Diagnostic(file: file, line: item.line, "this item is not valid JSON")
            }
            var fields = ItemFields(file: file, line: item.line)
            guard let entry = try fields.entry(object) else {
                warnings += fields.warnings
                continue
            }
            warnings += fields.warnings
            if let arxiv = entry.arxiv, let first = seen[arxiv] {
                warnings.append(
                    Diagnostic(
                        file: file, line: item.line, "arXiv \(arxiv) is listed again (first on line \(first)); keeping its first rank"))
                continue
            }
            if let arxiv = entry.arxiv { seen[arxiv] = item.line }
            entries.append((entry, entry.upvotes ?? 0))
        }
        if kind == .daily {
            // A stable sort: equal upvotes keep the order of the file.
            entries = entries.enumerated().sorted { a, b in
                a.element.upvotes != b.element.upvotes ? a.element.upvotes > b.element.upvotes : a.offset < b.offset
            }.map(\.element)
        }
        return ParsedFeed(entries: entries.map(\.entry), warnings: warnings)
    }

    /// The fields of one item, with the problems found in it.
    struct ItemFields {
        let file: String
        let line: Int
        var warnings: [Diagnostic] = []

        init(file: String, line: Int) {
            self.file = file
            self.line = line
        }

        /// The entry an item gives, or nil for a withdrawn paper (with a warning).
        mutating func entry(_ item: JSONValue) throws(Diagnostic) -> FeedEntry? {
            guard case .object = item else { throw problem("each item must be an object with a `paper`") }
            guard let paper = item["paper"], case .object = paper else { throw problem("the item has no `paper` object") }
            guard case let .string(rawID) = paper["id"] else { throw problem("`paper.id` must be the arXiv id, as text") }
            let arxiv = PaperIdentity.normalizedArxiv(rawID)
            guard PaperIdentity.isArxivID(arxiv) else {
                throw problem("`paper.id` \"\(rawID.prefix(40))\" is not an arXiv id (2502.12345)")
            }
            var rawTitle = try text(paper["title"], "paper.title")
            if rawTitle == nil { rawTitle = try text(item["title"], "title") }
            guard let rawTitle else { throw problem("`paper.title` must be text") }
            let title = try clean(rawTitle, "title")
            guard !title.isEmpty else { throw problem("arXiv \(arxiv) has an empty title") }
            guard title.count <= TrendingFeedParser.maximumTitleLength else {
                throw problem("the title of arXiv \(arxiv) is \(title.count) characters; at most \(TrendingFeedParser.maximumTitleLength)")
            }
            if JSONValue.present(paper["withdrawnAt"]) != nil {
                warnings.append(Diagnostic(file: file, line: line, "skipped arXiv \(arxiv) (\"\(title.prefix(60))\"): withdrawn"))
                return nil
            }
            let abstract = try clean(text(paper["summary"] ?? item["summary"], "paper.summary") ?? "", "summary")
            guard !abstract.isEmpty else { throw problem("arXiv \(arxiv) has no `paper.summary` (its abstract)") }
            var authors: [String] = []
            if let list = JSONValue.present(paper["authors"]) {
                guard case let .array(objects) = list else { throw problem("`paper.authors` must be a list") }
                for author in objects {
                    // Objects in the API (`{"name": ...}`); plain names are accepted too.
                    guard case let .string(name) = author["name"] ?? author else { throw problem("each author needs a `name`") }
                    let cleaned = try clean(name, "author")
                    if !cleaned.isEmpty { authors.append(cleaned) }
                }
            }
            var metadata = PaperMetadata()
            if let published = try text(paper["publishedAt"], "paper.publishedAt") {
                guard let date = Self.calendarDate(iso8601: published) else {
                    throw problem("`paper.publishedAt` \"\(published.prefix(40))\" is not an ISO 8601 time")
                }
                metadata.published = date
            }
            var code: [String] = []
            if let repository = try text(paper["githubRepo"], "paper.githubRepo") {
                if let url = URLEscaping.httpURL(repository) {
                    code.append(url)
                    metadata.codeStars = try count(paper["githubStars"], "paper.githubStars")
                } else {
                    warnings.append(Diagnostic(file: file, line: line, "ignored `githubRepo` of arXiv \(arxiv): not an http(s) URL"))
                }
            }
            if let project = try text(paper["projectPage"], "paper.projectPage") {
                if let url = URLEscaping.httpURL(project) {
                    metadata.project = url
                } else {
                    warnings.append(Diagnostic(file: file, line: line, "ignored `projectPage` of arXiv \(arxiv): not an http(s) URL"))
                }
            }
            if let keywords = JSONValue.present(paper["ai_keywords"]) {
                guard case let .array(list) = keywords else { throw problem("`paper.ai_keywords` must be a list of texts") }
                for value in list {
                    guard case let .string(keyword) = value else { throw problem("`paper.ai_keywords` must be a list of texts") }
                    let cleaned = try clean(keyword, "keyword")
                    if !cleaned.isEmpty && !metadata.keywords.contains(cleaned) { metadata.keywords.append(cleaned) }
                }
            }
            let summary = try text(paper["ai_summary"], "paper.ai_summary").map { text throws(Diagnostic) in try clean(text, "summary") }
            return FeedEntry(
                title: title, text: abstract, arxiv: arxiv, authors: authors, line: line,
                summary: summary.flatMap { $0.isEmpty ? nil : $0 }, code: code, metadata: metadata,
                upvotes: try count(paper["upvotes"], "paper.upvotes"))
        }

        func problem(_ message: String) -> Diagnostic { Diagnostic(file: file, line: line, message) }

        /// A text field, nil when absent or null.
        func text(_ value: JSONValue?, _ name: String) throws(Diagnostic) -> String? {
            guard let value = JSONValue.present(value) else { return nil }
            guard case let .string(text) = value else { throw problem("`\(name)` must be text") }
            return text
        }

        /// A count (upvotes, stars), nil when absent or null. The API types them as numbers.
        func count(_ value: JSONValue?, _ name: String) throws(Diagnostic) -> Int? {
            guard let value = JSONValue.present(value) else { return nil }
            guard case let .number(number) = value, number >= 0, number < 1e15, number.rounded() == number else {
                throw problem("`\(name)` must be a whole number (0 or more)")
            }
            return Int(number)
        }

        /// Text as the site shows it: hard line breaks and runs of spaces unwrapped, characters
        /// that HTML or XML cannot carry removed (with a warning). LaTeX stays as written.
        mutating func clean(_ text: String, _ what: String) throws(Diagnostic) -> String {
            guard text.count <= TrendingFeedParser.maximumLineLength else {
                throw problem("a \(what) is \(text.count) characters; at most \(TrendingFeedParser.maximumLineLength)")
            }
            let unwrapped = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let (xmlClean, removedForXML) = FeedDecoding.removingNonXMLCharacters(Substring(unwrapped))
            let (clean, removedForHTML) = FeedDecoding.removingNonHTMLCharacters(xmlClean)
            if removedForXML || removedForHTML {
                warnings.append(Diagnostic(file: file, line: line, "removed control characters from a \(what)"))
            }
            return clean.trimmingWhitespace()
        }

        /// The UTC calendar date of an ISO 8601 time, with or without fractional seconds.
        static func calendarDate(iso8601 text: String) -> CalendarDate? {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            var date = formatter.date(from: text)
            if date == nil {
                formatter.formatOptions = [.withInternetDateTime]
                date = formatter.date(from: text)
            }
            guard let date else { return nil }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
            return CalendarDate(year: year, month: month, day: day)
        }
    }
}
