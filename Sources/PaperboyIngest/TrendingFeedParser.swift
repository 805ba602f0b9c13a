import PaperboyCore

/// The plain-text trending feed: page chrome, then title and text lines alternating, rank 1 first.
///
/// It carries no date, id or author. See docs/content-format.md, "The raw trending feed".
package struct TrendingFeedParser: FeedParser {
    static let headerLines: Set<String> = [
        "Get trending papers in your email inbox once a day!",
        "Get trending papers in your email inbox!",
    ]
    static let subscribeChrome = "Subscribe"
    /// Longest title accepted; the sample's longest is 145. A longer "title" is almost
    /// always an abstract that slid into the title slot because a text line is missing.
    package static let maximumTitleLength = 400
    /// Longest line accepted (characters): far above any abstract, far below a runaway file.
    package static let maximumLineLength = 100_000

    package init() {}

    package func parse(_ text: String, file: String) throws(Diagnostic) -> ParsedFeed {
        var warnings: [Diagnostic] = []
        var lines: [(number: Int, text: String)] = []
        var number = 0
        // "\r\n" is one Character in Swift: split on it as well as on "\n". A lone "\r" (old Mac
        // endings, or mixed into a file) ends a line too, rather than gluing two lines together.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            number += 1
            var line = rawLine
            if number == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            if line.utf8.count > Self.maximumLineLength * 4 || line.count > Self.maximumLineLength {
                throw Diagnostic(
                    file: file, line: number,
                    "line is \(line.utf8.count) bytes long; a title or text may be at most \(Self.maximumLineLength) characters")
            }
            let (xmlClean, removed) = FeedDecoding.removingNonXMLCharacters(line)
            if removed {
                warnings.append(Diagnostic(file: file, line: number, "removed control characters that XML cannot carry"))
            }
            let (clean, removedForHTML) = FeedDecoding.removingNonHTMLCharacters(xmlClean)
            if removedForHTML {
                warnings.append(
                    Diagnostic(file: file, line: number, "removed characters that HTML forbids (DEL, C1 controls, noncharacters)"))
            }
            let trimmed = clean.trimmingWhitespace()
            if trimmed.isEmpty { continue }
            lines.append((number, trimmed))
        }

        // Page chrome: header lines at the top, and `Subscribe` glued to the first title after them.
        var sawHeader = false
        var lastChromeLine = 1
        var chromeCount = 0
        while chromeCount < lines.count, Self.headerLines.contains(lines[chromeCount].text) {
            lastChromeLine = lines[chromeCount].number
            chromeCount += 1
            sawHeader = true
        }
        lines.removeFirst(chromeCount)  // at once: one by one was quadratic in a file of chrome lines
        // By bytes: a title starting with a combining mark merges with the `e` of `Subscribe`.
        if sawHeader, let first = lines.first, first.text.utf8.starts(with: Self.subscribeChrome.utf8) {
            let rest = String(decoding: first.text.utf8.dropFirst(Self.subscribeChrome.utf8.count), as: UTF8.self).trimmingWhitespace()
            if rest.isEmpty {
                lastChromeLine = first.number
                lines.removeFirst()
            } else {
                lines[0].text = rest
            }
        }
        guard !lines.isEmpty else {
            if sawHeader { throw Diagnostic(file: file, line: lastChromeLine, "the feed has only page chrome and no papers") }
            throw Diagnostic(file: file, line: 1, "the feed is empty")
        }

        var entries: [FeedEntry] = []
        entries.reserveCapacity(lines.count / 2)
        var index = 0
        while index < lines.count {
            let title = lines[index]
            if title.text.count > Self.maximumTitleLength {
                let previous = index > 0 ? " after the title on line \(lines[index - 1].number)" : ""
                throw Diagnostic(
                    file: file, line: title.number,
                    "expected a title but found \(title.text.count) characters of text; is a text missing\(previous)?")
            }
            guard index + 1 < lines.count else {
                throw Diagnostic(file: file, line: title.number + 1, "expected an abstract after the title on line \(title.number)")
            }
            let body = lines[index + 1]
            // Chrome past the top means two captures pasted together (or a page saved twice):
            // taken as entries it would file the chrome as papers and shift every title after it.
            for line in [title, body] where Self.headerLines.contains(line.text) {
                throw Diagnostic(
                    file: file, line: line.number,
                    "page chrome (\"\(line.text)\") in the middle of the feed; are two captures pasted together?")
            }
            entries.append(FeedEntry(title: title.text, text: body.text, line: title.number))
            index += 2
        }
        return ParsedFeed(entries: entries, warnings: warnings)
    }
}
