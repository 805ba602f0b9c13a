import PaperboyCore

/// One item of a feed, format-neutral: what RSS, Atom and JSON Feed each spell their own way.
package struct FeedItem: Sendable {
    /// The absolute permalink: the item's id and its link.
    var url: String
    var title: String
    /// The day the paper first trended (or the digest's day).
    var date: CalendarDate
    /// HTML, every link absolute.
    var contentHTML: String
    /// Plain text.
    var summary: String
    var authors: [String]
    var categories: [FeedCategory]
    /// The paper's arXiv abstract page (Atom's `related` link), when it has an id.
    var related: String? = nil
}

/// A topic as a feed category.
package struct FeedCategory: Sendable {
    var slug: String
    var name: String
    /// The topic page's absolute URL; nil for a hand-added topic that has no page.
    var url: String?
}

/// One feed, format-neutral: a channel and its entries, newest first.
package struct FeedChannel: Sendable {
    var title: String
    var description: String
    /// The HTML page the feed mirrors (absolute).
    var htmlURL: String
    /// Site paths of the RSS and Atom renderings, and of the JSON Feed one when there is one.
    var rssPath: String
    var atomPath: String
    var jsonPath: String?
    /// Indexes into the renderer's prepared entries, newest first.
    var entries: [Int]
}
