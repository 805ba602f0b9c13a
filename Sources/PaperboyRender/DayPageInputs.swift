import PaperboyCore
import PaperboySite

/// What a day's page shows (and the index page, of the latest day): see ``PageInputs``.
package struct DayPageInputs: PageInputs {
    let date: CalendarDate
    /// The day file's note, rendered.
    let noteHTML: String
    /// How many papers the day file lists.
    let paperCount: Int
    /// The papers, in rank order.
    let papers: PaperCardList
    /// Each paper's upvotes that day, in the same order, where known.
    let upvotes: [Int?]
    /// The days before and after it, linked from the page.
    let previousDate: CalendarDate?
    let nextDate: CalendarDate?

    package func digest(into digest: inout Digest) {
        digest.add(date)
        digest.add(noteHTML)
        digest.add(paperCount)
        papers.digest(into: &digest)
        for votes in upvotes { digest.add(votes ?? -1) }
        digest.add(previousDate)
        digest.add(nextDate)
    }
}
