import PaperboyCore

/// One day's trending list: `Content/days/YYYY-MM-DD.md`.
package struct Day: Sendable, Equatable {
    package var date: CalendarDate
    /// Where the list came from (the feed's file name).
    package var source: String
    /// Paper slugs in rank order, rank 1 first.
    package var papers: [String]
    /// Each paper's upvotes on that day, where the source counted them.
    package var upvotes: [String: Int]
    /// An optional note, Markdown.
    package var note: String

    package init(date: CalendarDate, source: String, papers: [String], upvotes: [String: Int] = [:], note: String = "") {
        self.date = date
        self.source = source
        self.papers = papers
        self.upvotes = upvotes
        self.note = note
    }
}
