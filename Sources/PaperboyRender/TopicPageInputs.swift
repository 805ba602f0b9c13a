import PaperboyCore
import PaperboySite

/// What a topic's front page or one of its archive pages shows (see ``TopicPagination``):
/// see ``PageInputs``.
package struct TopicPageInputs: PageInputs {
    /// Which page of the topic, and what it shows of the others.
    package enum Position: Sendable {
        /// The front page: the topic's size, from which its archive pages follow.
        case front(paperCount: Int)
        /// Archive page `number` links to the page after it (`newer`, 0 for the front page),
        /// and shows nothing that changes as the topic grows: it is written once and kept.
        case archive(number: Int, newer: Int)
    }

    let slug: String
    let name: String
    let position: Position
    /// The page's papers, newest first.
    let papers: PaperCardList
    /// Each paper's upvotes on the day it first trended, in the same order, where known.
    let upvotes: [Int?]

    package func digest(into digest: inout Digest) {
        digest.add(slug)
        digest.add(name)
        switch position {
        case let .front(paperCount):
            digest.add(0)
            digest.add(paperCount)
        case let .archive(number, newer):
            digest.add(number)
            digest.add(newer)
        }
        papers.digest(into: &digest)
        for votes in upvotes { digest.add(votes ?? -1) }
    }
}
