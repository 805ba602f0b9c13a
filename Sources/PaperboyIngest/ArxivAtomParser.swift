import Foundation
import PaperboyContent
import PaperboyCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// One paper as the arXiv API describes it.
package struct ArxivRecord: Sendable, Equatable {
    /// The id without version.
    package var id: String
    package var title: String
    package var abstract: String
    package var authors: [String]
    /// Version 1's date.
    package var published: CalendarDate?
    /// Primary category first.
    package var categories: [String]

    package init(id: String, title: String, abstract: String, authors: [String], published: CalendarDate?, categories: [String]) {
        self.id = id
        self.title = title
        self.abstract = abstract
        self.authors = authors
        self.published = published
        self.categories = categories
    }
}

/// The Atom feed of arXiv's `/api/query`. Elements are matched by namespace, not by prefix
/// (any prefix may name a namespace); an error comes back as a feed whose one entry is titled
/// `Error` with an id under `http://arxiv.org/api/errors`, and is reported as one.
package enum ArxivAtomParser {
    static let atom = "http://www.w3.org/2005/Atom"
    static let arxiv = "http://arxiv.org/schemas/atom"

    package static func parse(_ bytes: [UInt8], source: String) throws(Diagnostic) -> [ArxivRecord] {
        let reader = Reader()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        let parsed = parser.parse()
        if !parsed || reader.problem != nil {
            let line = parser.lineNumber
            throw Diagnostic(
                file: source, line: max(1, line),
                reader.problem ?? "not a well-formed Atom feed (\(parser.parserError.map { "\($0)" } ?? "XML error"))")
        }
        guard reader.sawFeed else { throw Diagnostic(file: source, line: 1, "not an Atom feed (no <feed> in the Atom namespace)") }
        guard reader.closedFeed else {
            throw Diagnostic(
                file: source, line: max(1, parser.lineNumber), "the feed is not well-formed or ends before </feed> (a truncated answer?)")
        }
        var records: [ArxivRecord] = []
        for entry in reader.entries {
            let rawID = unwrapped(entry.id)
            if rawID.contains("arxiv.org/api/errors") {
                throw Diagnostic(file: source, line: entry.line, "the arXiv API answered with an error: \(unwrapped(entry.summary))")
            }
            var id = rawID
            for prefix in ["http://arxiv.org/abs/", "https://arxiv.org/abs/"] where id.hasPrefix(prefix) {
                id = String(id.dropFirst(prefix.count))
            }
            id = PaperIdentity.normalizedArxiv(id)
            guard PaperIdentity.isArxivID(id) else {
                throw Diagnostic(file: source, line: entry.line, "an entry's id \"\(rawID.prefix(60))\" is not an arXiv paper")
            }
            var categories: [String] = []
            for category in [entry.primaryCategory].compactMap({ $0 }) + entry.categories
            where !category.isEmpty && !categories.contains(category) {
                categories.append(category)
            }
            records.append(
                ArxivRecord(
                    id: id, title: unwrapped(entry.title), abstract: unwrapped(entry.summary),
                    authors: entry.authors.map(unwrapped).filter { !$0.isEmpty },
                    published: HuggingFaceFeedParser.ItemFields.calendarDate(iso8601: unwrapped(entry.published)),
                    categories: categories))
        }
        return records
    }

    /// Hard-wrapped, indented API text as one line.
    static func unwrapped(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    struct Entry {
        var line: Int
        var id = ""
        var title = ""
        var summary = ""
        var published = ""
        var authors: [String] = []
        var primaryCategory: String?
        var categories: [String] = []
    }

    /// Collects entries; runs on the parsing thread only, within `parse`.
    final class Reader: NSObject, XMLParserDelegate {
        var sawFeed = false
        var closedFeed = false
        var entries: [Entry] = []
        var problem: String?
        private var entry: Entry?
        private var path: [String] = []
        private var text = ""

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let key = (namespaceURI ?? "") + "|" + name
            path.append(key)
            text = ""
            switch key {
            case atom + "|feed" where path.count == 1: sawFeed = true
            case atom + "|entry" where path.count == 2: entry = Entry(line: parser.lineNumber)
            case atom + "|category" where entry != nil: entry?.categories.append(attributes["term"] ?? "")
            case arxiv + "|primary_category" where entry != nil: entry?.primaryCategory = attributes["term"]
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let key = (namespaceURI ?? "") + "|" + name
            let depth = path.count
            path.removeLast()
            if key == atom + "|feed" && depth == 1 { closedFeed = true }
            guard entry != nil else { return }
            switch key {
            case atom + "|entry" where depth == 2:
                entries.append(entry!)
                entry = nil
            case atom + "|id" where depth == 3: entry?.id = text
            case atom + "|title" where depth == 3: entry?.title = text
            case atom + "|summary" where depth == 3: entry?.summary = text
            case atom + "|published" where depth == 3: entry?.published = text
            case atom + "|name" where depth == 4 && path.last == atom + "|author": entry?.authors.append(text)
            default: break
            }
        }

        func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
            problem = "the feed declares an external entity; refused"
            parser.abortParsing()
            return nil
        }
    }
}
