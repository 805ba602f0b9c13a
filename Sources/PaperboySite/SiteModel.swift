import PaperboyContent
import PaperboyCore

/// The archive resolved for rendering: topics assigned, Markdown rendered, appearances known.
///
/// Pages and feeds read only this; they never look at Content files.
package struct SiteModel: Sendable {
    // Set once: `newestFirst`, and the lists made from appearances (`listedPapers()`), must
    // stay in step with them.
    package private(set) var site: SiteConfig
    /// Days oldest first.
    package private(set) var days: [DayModel]
    /// Papers by slug.
    package private(set) var papers: [String: PaperModel]
    /// Topics in taxonomy order, `other` last; only topics with papers.
    package private(set) var topics: [TopicModel]
    /// Every paper, newest first: by first day, then by rank on that day (feed order).
    package private(set) var papersNewestFirst: [String]
    /// The papers of `papersNewestFirst` that `papers` has, in that order: what paper pages
    /// are numbered by (``Page/paper(_:)``), so that they are not looked up by slug.
    package let newestFirst: [PaperModel]
    /// Made by ``init(archive:markdown:cached:)``: days, topics and appearances agree by
    /// construction (see ``listedPapers()``).
    var isMadeFromArchive = false
    /// For each paper of ``newestFirst``, its related papers (places in ``newestFirst``), best
    /// first; set from a ``RelatedIndex``, empty until then.
    package var related = RelatedPositions()
    /// Papers whose abstract and topics were computed by this model, not taken from a cache.
    package var freshlyDerived: [String] = []
    /// What making the model left over, for the command to free at exit.
    package var leftovers = ProcessLifetime.Leftovers()
    package init(site: SiteConfig, days: [DayModel], papers: [String: PaperModel], topics: [TopicModel], papersNewestFirst: [String]) {
        self.init(
            site: site, days: days, papers: papers, topics: topics, papersNewestFirst: papersNewestFirst,
            newestFirst: papersNewestFirst.compactMap { papers[$0] })
    }

    init(
        site: SiteConfig, days: [DayModel], papers: [String: PaperModel], topics: [TopicModel], papersNewestFirst: [String],
        newestFirst: [PaperModel]
    ) {
        self.site = site
        self.days = days
        self.papers = papers
        self.topics = topics
        self.papersNewestFirst = papersNewestFirst
        self.newestFirst = newestFirst
    }

    /// The absolute URL of a site path (`papers/x/` -> `https://example.org/archive/papers/x/`).
    package func absoluteURL(_ path: String) -> String { site.baseURL + path }
}

/// A paper as pages and feeds show it: its file, plus everything derived from the archive.
///
/// A class, immutable once made: pages, feeds and fingerprints on both cores look papers up
/// tens of thousands of times, and copying a struct of a dozen strings (a retain and a
/// release each, contended between the cores) was a fifth of an incremental build.
package final class PaperModel: Sendable {
    package let paper: LoadedPaper
    /// Final topic slugs (own, then rules; `other` when none).
    package let topics: [String]
    /// The abstract rendered by cmark-gfm (safe mode).
    package var abstractHTML: String { storedAbstractHTML.string }
    /// The same, perhaps still in the mapped content cache: only rendered pages and feeds read it.
    package let storedAbstractHTML: StoredText
    /// The first sentence or two of the abstract as plain text.
    package var excerpt: String { storedExcerpt.string }
    /// The same, perhaps still in the mapped content cache.
    package let storedExcerpt: StoredText
    /// Every day the paper trended, oldest first, with its rank (1-based).
    package let appearances: [Appearance]
    /// ``PaperCard/digest`` of the paper's ``card``: taken once, on both cores, for the day and
    /// topic pages' fingerprints; cached with the derived values.
    package let cardDigest: UInt64
    /// ``PaperPageContent/digest`` of what the paper's own page shows of it; cached with the
    /// derived values.
    package let contentDigest: UInt64
    /// The digest of what a link to the paper shows (slug, title, first day), for the
    /// fingerprints of the pages that list it as a related paper: taken once, from the title's
    /// bytes where the cache holds them.
    package let linkDigest: UInt64

    package convenience init(paper: LoadedPaper, topics: [String], abstractHTML: String, excerpt: String, appearances: [Appearance]) {
        self.init(
            paper: paper, topics: topics, abstractHTML: StoredText(abstractHTML), excerpt: StoredText(excerpt), appearances: appearances)
    }

    /// The digests are computed when not given (a paper whose values were derived now).
    init(
        paper: LoadedPaper, topics: [String], abstractHTML: StoredText, excerpt: StoredText, appearances: [Appearance],
        digests: (card: UInt64, content: UInt64)? = nil
    ) {
        self.paper = paper
        self.topics = topics
        self.storedAbstractHTML = abstractHTML
        self.storedExcerpt = excerpt
        self.appearances = appearances
        let path = Self.path(slug: paper.slug)
        self.path = path
        var link = Digest()
        link.add(paper.slug)
        link.add(paper.storedTitle)
        link.add(paper.firstSeen)
        self.linkDigest = link.value
        self.cardDigest = digests?.card ?? PaperCard(paper: paper, path: path, excerpt: excerpt, topics: topics).digest
        self.contentDigest =
            digests?.content ?? PaperPageContent(paper: paper, abstractHTML: abstractHTML, excerpt: excerpt, topics: topics).digest
    }

    package struct Appearance: Sendable, Equatable {
        package var date: CalendarDate
        package var rank: Int
        /// The paper's upvotes that day, where the day file has them.
        package var upvotes: Int? = nil
    }

    package var slug: String { paper.slug }
    /// The paper's identity in this model: what fragments shared between pages are kept by.
    package var id: ObjectIdentifier { ObjectIdentifier(self) }
    /// Site path of the paper's page: `papers/<slug>/`.
    /// Made once: a build asks for every paper page's path.
    package let path: String
    package static func path(slug: String) -> String { "papers/\(slug)/" }
    /// Rank on the day the paper first trended (the feed order's tie-breaker).
    package var firstRank: Int { appearances.first(where: { $0.date == paper.firstSeen })?.rank ?? Int.max }
    /// The paper's upvotes on `date`, where that day's file has them.
    package func upvotes(on date: CalendarDate) -> Int? { appearances.first(where: { $0.date == date })?.upvotes }
}

/// A day as pages and feeds show it.
package struct DayModel: Sendable {
    package var date: CalendarDate
    /// The feed file the day came from.
    package var source: String
    /// Paper slugs in rank order.
    package var papers: [String]
    /// The day file's note, rendered (empty when there is none).
    package var noteHTML: String
    /// Site path: `days/YYYY-MM-DD/`.
    package var path: String { Self.path(date: date) }
    package static func path(date: CalendarDate) -> String { "days/\(date)/" }
}

/// A topic with its papers, as pages and feeds show it.
package struct TopicModel: Sendable {
    package var slug: String
    package var name: String
    /// Paper slugs, newest first.
    package var papers: [String]
    /// Site path: `topics/<slug>/`.
    package var path: String { Self.path(slug: slug) }
    package static func path(slug: String) -> String { "topics/\(slug)/" }
}
