import PaperboyContent
import PaperboyCore

/// One entry of a raw feed, before it becomes a ``Paper``.
package struct FeedEntry: Sendable, Equatable {
    package var title: String
    /// The abstract or summary, plain text exactly as the feed gave it.
    package var text: String
    package var arxiv: String?
    package var authors: [String]
    /// The line the entry's title is on, for messages.
    package var line: Int
    /// A one-sentence summary besides the text.
    package var summary: String?
    /// Code repositories the source names (besides GitHub URLs in the text).
    package var code: [String]
    package var metadata: PaperMetadata
    /// The paper's upvotes on the feed's day.
    package var upvotes: Int?

    package init(
        title: String, text: String, arxiv: String? = nil, authors: [String] = [], line: Int, summary: String? = nil,
        code: [String] = [], metadata: PaperMetadata = PaperMetadata(), upvotes: Int? = nil
    ) {
        self.title = title
        self.text = text
        self.arxiv = arxiv
        self.authors = authors
        self.line = line
        self.summary = summary
        self.code = code
        self.metadata = metadata
        self.upvotes = upvotes
    }
}

/// A parsed feed: its entries in rank order and anything worth a warning.
package struct ParsedFeed: Sendable {
    /// The day the feed describes, for formats that carry one.
    package var date: CalendarDate?
    package var entries: [FeedEntry]
    package var warnings: [Diagnostic]

    package init(date: CalendarDate? = nil, entries: [FeedEntry], warnings: [Diagnostic] = []) {
        self.date = date
        self.entries = entries
        self.warnings = warnings
    }
}

/// A raw feed format. One parser per format; ``FeedFormat`` picks one.
package protocol FeedParser: Sendable {
    /// Parses the feed's text; `file` names it in diagnostics.
    func parse(_ text: String, file: String) throws(Diagnostic) -> ParsedFeed
}

/// The formats `paperboy ingest --format` accepts.
public enum FeedFormat: String, Sendable, CaseIterable {
    case auto
    case trending
    case hfDaily = "hf-daily"
    case hfTrending = "hf-trending"

    /// The parser for this format. `auto` tells JSON from text by the content and the kind
    /// of a Hugging Face list by the file name's prefix (`hf-daily-`, `hf-trending-`).
    package func parser(for text: String, fileName: String, file: String) throws(Diagnostic) -> any FeedParser {
        switch self {
        case .trending: return TrendingFeedParser()
        case .hfDaily: return HuggingFaceFeedParser(kind: .daily)
        case .hfTrending: return HuggingFaceFeedParser(kind: .trending)
        case .auto:
            // Only unmistakable openings count: a trending title may well start with `[` or `<`.
            let start = String(
                text.unicodeScalars.drop(while: { $0 == "\u{FEFF}" || $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }).prefix(64))
            let compact = start.filter { !$0.isWhitespace }
            if compact.hasPrefix("[{\"") || compact == "[]" || compact.hasPrefix("{\"") {
                if fileName.hasPrefix("hf-daily-") { return HuggingFaceFeedParser(kind: .daily) }
                if fileName.hasPrefix("hf-trending-") { return HuggingFaceFeedParser(kind: .trending) }
                throw Diagnostic(
                    file: file, line: 1,
                    "this is JSON, but the file name does not say which list: name it hf-daily-YYYY-MM-DD.json or hf-trending-YYYY-MM-DD.json, or give --format hf-daily or hf-trending"
                )
            }
            if start.hasPrefix("<?xml") || start.hasPrefix("<feed") || start.hasPrefix("<rss") {
                throw Diagnostic(
                    file: file, line: 1,
                    "this looks like XML (an arXiv Atom feed?); ingest reads the trending text and Hugging Face JSON (arXiv metadata comes with `paperboy enrich arxiv`)"
                )
            }
            return TrendingFeedParser()
        }
    }
}
