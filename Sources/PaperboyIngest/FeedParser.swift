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

    package init(title: String, text: String, arxiv: String? = nil, authors: [String] = [], line: Int) {
        self.title = title
        self.text = text
        self.arxiv = arxiv
        self.authors = authors
        self.line = line
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
///
/// Planned next: the Hugging Face `daily_papers` JSON and the arXiv API's Atom, which
/// carry ids, authors and dates (``ParsedFeed/date``, ``FeedEntry/arxiv``).
package protocol FeedParser: Sendable {
    /// Parses the feed's text; `file` names it in diagnostics.
    func parse(_ text: String, file: String) throws(Diagnostic) -> ParsedFeed
}

/// The formats `paperboy ingest --format` accepts.
public enum FeedFormat: String, Sendable, CaseIterable {
    case auto
    case trending

    /// The parser for this format, detecting it from the text when `auto`.
    package func parser(for text: String, file: String) throws(Diagnostic) -> any FeedParser {
        switch self {
        case .trending:
            return TrendingFeedParser()
        case .auto:
            // Only unmistakable openings count: a trending title may well start with `[` or `<`.
            let start = String(
                text.unicodeScalars.drop(while: { $0 == "\u{FEFF}" || $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }).prefix(64))
            let compact = start.filter { !$0.isWhitespace }
            if compact.hasPrefix("{\"") || compact.hasPrefix("[{") {
                throw Diagnostic(
                    file: file, line: 1,
                    "this looks like JSON (a Hugging Face daily_papers feed?); only the plain-text trending format is supported so far (use --format trending to read it as text)"
                )
            }
            if start.hasPrefix("<?xml") || start.hasPrefix("<feed") || start.hasPrefix("<rss") {
                throw Diagnostic(
                    file: file, line: 1,
                    "this looks like XML (an arXiv Atom feed?); only the plain-text trending format is supported so far (use --format trending to read it as text)"
                )
            }
            return TrendingFeedParser()
        }
    }
}
