import PaperboyCore

/// Everything in Content, loaded and cross-checked: what `build` renders.
public struct Archive: Sendable {
    public var site: SiteConfig
    public var taxonomy: Taxonomy
    /// Days in date order, oldest first.
    public var days: [Day]
    /// Papers by slug.
    public var papers: [String: Paper]

    public init(site: SiteConfig, taxonomy: Taxonomy, days: [Day], papers: [String: Paper]) {
        self.site = site
        self.taxonomy = taxonomy
        self.days = days.sorted { $0.date < $1.date }
        self.papers = papers
    }
}

/// The paths inside a Content folder.
public struct ContentLayout: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
    }

    /// `site.yml`.
    public var siteFile: String { root + "/site.yml" }
    /// `topics.yml`.
    public var topicsFile: String { root + "/topics.yml" }
    /// `days/`, one `YYYY-MM-DD.md` per day.
    public var daysFolder: String { root + "/days" }
    /// `papers/`, one `<slug>.md` per paper.
    public var papersFolder: String { root + "/papers" }
    /// The path of a day's file.
    public func dayFile(_ date: CalendarDate) -> String { daysFolder + "/\(date).md" }
    /// The path of a paper's file.
    public func paperFile(_ slug: String) -> String { papersFolder + "/\(slug).md" }
    /// A day file's path relative to Content (`days/2026-11-26.md`).
    public static func dayPath(_ date: CalendarDate) -> String { "days/\(date).md" }
    /// A paper file's path relative to Content (`papers/<slug>.md`).
    public static func paperPath(_ slug: String) -> String { "papers/\(slug).md" }
}
