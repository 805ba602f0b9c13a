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

    public var siteFile: String { root + "/site.yml" }
    public var topicsFile: String { root + "/topics.yml" }
    public var daysFolder: String { root + "/days" }
    public var papersFolder: String { root + "/papers" }
    public func dayFile(_ date: CalendarDate) -> String { daysFolder + "/\(date).md" }
    public func paperFile(_ slug: String) -> String { papersFolder + "/\(slug).md" }
    public static func dayPath(_ date: CalendarDate) -> String { "days/\(date).md" }
    public static func paperPath(_ slug: String) -> String { "papers/\(slug).md" }
}
