import PaperboyContent
import PaperboyCore

/// What a paper's card shows on the day and topic pages that list it (the `paper-card` and
/// `paper-item` partials).
///
/// A list page's context reads a paper only as this value (through ``ListedPaper``), and its
/// fingerprint takes the paper's ``PaperModel/cardDigest``: the ``digest`` of this value,
/// taken when the model is made and kept in the content cache. Every field is digested below.
package struct PaperCard: Sendable {
    package let title: String
    /// The first ``shownAuthors`` authors.
    package let authors: [String]
    /// How many authors the paper has: more than ``authors`` holds reads "et al.".
    package let authorCount: Int
    /// The paper's page: `papers/<slug>/`.
    package let path: String
    package let excerpt: StoredText
    /// Also the list item's: a day page marks papers that trended before it.
    package let firstSeen: CalendarDate
    /// Topic slugs; their names are every page's (see `SitePageInputs`).
    package let topics: [String]

    /// A card names the first three authors; big collaborations list hundreds.
    static let shownAuthors = 3

    init(paper: LoadedPaper, path: String, excerpt: StoredText, topics: [String]) {
        let fields = paper.cardFields
        self.title = fields.title
        self.authors = Array(fields.authors.prefix(Self.shownAuthors))
        self.authorCount = fields.authors.count
        self.path = path
        self.excerpt = excerpt
        self.firstSeen = paper.firstSeen
        self.topics = topics
    }

    /// The digest of every field above.
    var digest: UInt64 {
        var digest = Digest()
        digest.add(title)
        digest.add(authors)
        digest.add(authorCount)
        digest.add(path)
        digest.add(excerpt)
        digest.add(firstSeen)
        digest.add(topics)
        return digest.value
    }
}

/// A paper in a day's or a topic's list, as the list page's context sees it: its card made
/// when it is rendered, and the digest of that card for the page's fingerprint.
package struct ListedPaper: Sendable {
    private let model: PaperModel

    init(_ model: PaperModel) { self.model = model }

    package var card: PaperCard { model.card }
    /// The card's ``PaperCard/firstSeen``, without making the card: read for every listing.
    package var firstSeen: CalendarDate { model.paper.firstSeen }
    /// Which paper: a rendered card is kept by it and reused by every page that lists it.
    package var id: ObjectIdentifier { model.id }
    /// ``PaperCard/digest`` of ``card``.
    package var cardDigest: UInt64 { model.cardDigest }
}

/// The papers a list page shows, in order, each seen only as a ``ListedPaper``.
package struct PaperCardList: RandomAccessCollection, Sendable {
    private let papers: ArraySlice<PaperModel>

    package init(_ papers: ArraySlice<PaperModel>) { self.papers = papers }

    package var startIndex: Int { papers.startIndex }
    package var endIndex: Int { papers.endIndex }
    package subscript(position: Int) -> ListedPaper { ListedPaper(papers[position]) }

    /// How many papers, and each one's card digest.
    package func digest(into digest: inout Digest) {
        digest.add(papers.count)
        for paper in papers { digest.add(paper.cardDigest) }
    }
}

extension PaperModel {
    /// What the paper's card shows.
    package var card: PaperCard { PaperCard(paper: paper, path: path, excerpt: storedExcerpt, topics: topics) }
}
