import PaperboyContent
import PaperboyCore

/// The archive resolved for rendering: topics assigned, Markdown rendered, appearances known.
///
/// Pages and feeds read only this; they never look at Content files.
public struct SiteModel: Sendable {
    // Set once: `newestFirst`, and the lists made from appearances (`listedPapers()`), must
    // stay in step with them.
    public private(set) var site: SiteConfig
    /// Days oldest first.
    public private(set) var days: [DayModel]
    /// Papers by slug.
    public private(set) var papers: [String: PaperModel]
    /// Topics in taxonomy order, `other` last; only topics with papers.
    public private(set) var topics: [TopicModel]
    /// Every paper, newest first: by first day, then by rank on that day (feed order).
    public private(set) var papersNewestFirst: [String]
    /// The papers of `papersNewestFirst` that `papers` has, in that order: what paper pages
    /// are numbered by (``Page/paper(_:)``), so that they are not looked up by slug.
    package let newestFirst: [PaperModel]
    /// Made by ``init(archive:markdown:cached:)``: days, topics and appearances agree by
    /// construction (see ``listedPapers()``).
    var isMadeFromArchive = false
    /// Papers whose abstract and topics were computed by this model, not taken from a cache.
    package var freshlyDerived: [String] = []
    public init(site: SiteConfig, days: [DayModel], papers: [String: PaperModel], topics: [TopicModel], papersNewestFirst: [String]) {
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
    public func absoluteURL(_ path: String) -> String { site.baseURL + path }
}

/// A paper as pages and feeds show it: its file, plus everything derived from the archive.
///
/// A class, immutable once made: pages, feeds and fingerprints on both cores look papers up
/// tens of thousands of times, and copying a struct of a dozen strings (a retain and a
/// release each, contended between the cores) was a fifth of an incremental build.
public final class PaperModel: Sendable {
    public let paper: Paper
    /// Final topic slugs (own, then rules; `other` when none).
    public let topics: [String]
    /// The abstract rendered by cmark-gfm (safe mode).
    public var abstractHTML: String { storedAbstractHTML.string }
    /// The same, perhaps still in the mapped content cache: only rendered pages and feeds read it.
    package let storedAbstractHTML: StoredText
    /// The first sentence or two of the abstract as plain text.
    public var excerpt: String { storedExcerpt.string }
    /// The same, perhaps still in the mapped content cache.
    package let storedExcerpt: StoredText
    /// Every day the paper trended, oldest first, with its rank (1-based).
    public let appearances: [Appearance]
    /// The digest of what the paper's card shows (see ``cardDigest(slug:title:excerpt:firstSeen:topics:)``):
    /// taken once, on both cores, for the day and topic pages' fingerprints; cached with the derived values.
    package let cardDigest: UInt64
    /// The digest of what the paper's own page shows from its file (see
    /// ``contentDigest(cardDigest:abstractHTML:paper:)``); cached with the derived values.
    package let contentDigest: UInt64

    public convenience init(paper: Paper, topics: [String], abstractHTML: String, excerpt: String, appearances: [Appearance]) {
        self.init(
            paper: paper, topics: topics, abstractHTML: StoredText(abstractHTML), excerpt: StoredText(excerpt), appearances: appearances)
    }

    /// The digests are computed when not given (a paper whose values were derived now).
    init(
        paper: Paper, topics: [String], abstractHTML: StoredText, excerpt: StoredText, appearances: [Appearance],
        digests: (card: UInt64, content: UInt64)? = nil
    ) {
        self.paper = paper
        self.topics = topics
        self.storedAbstractHTML = abstractHTML
        self.storedExcerpt = excerpt
        self.appearances = appearances
        let cardDigest =
            digests?.card
            ?? Self.cardDigest(slug: paper.slug, title: paper.title, excerpt: excerpt, firstSeen: paper.firstSeen, topics: topics)
        self.cardDigest = cardDigest
        self.contentDigest =
            digests?.content ?? Self.contentDigest(cardDigest: cardDigest, abstractHTML: abstractHTML, paper: paper)
        self.path = Self.path(slug: paper.slug)
    }

    public struct Appearance: Sendable, Equatable {
        public var date: CalendarDate
        public var rank: Int
    }

    public var slug: String { paper.slug }
    /// Site path of the paper's page: `papers/<slug>/`.
    /// Made once: a build asks for every paper page's path.
    public let path: String
    public static func path(slug: String) -> String { "papers/\(slug)/" }
    /// Rank on the day the paper first trended (the feed order's tie-breaker).
    public var firstRank: Int { appearances.first(where: { $0.date == paper.firstSeen })?.rank ?? Int.max }
}

/// A day as pages and feeds show it.
public struct DayModel: Sendable {
    public var date: CalendarDate
    /// The feed file the day came from.
    public var source: String
    /// Paper slugs in rank order.
    public var papers: [String]
    /// The day file's note, rendered (empty when there is none).
    public var noteHTML: String
    /// Site path: `days/YYYY-MM-DD/`.
    public var path: String { Self.path(date: date) }
    public static func path(date: CalendarDate) -> String { "days/\(date)/" }
}

/// A topic with its papers, as pages and feeds show it.
public struct TopicModel: Sendable {
    public var slug: String
    public var name: String
    /// Paper slugs, newest first.
    public var papers: [String]
    /// Site path: `topics/<slug>/`.
    public var path: String { Self.path(slug: slug) }
    public static func path(slug: String) -> String { "topics/\(slug)/" }
}
