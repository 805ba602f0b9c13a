import PaperboyCore

/// Everything in Content, loaded and cross-checked: what `build` renders.
package struct Archive: Sendable {
    package var site: SiteConfig
    package var taxonomy: Taxonomy
    /// Days in date order, oldest first.
    package var days: [Day]
    /// Papers by slug.
    package var papers: [String: LoadedPaper]

    package init(site: SiteConfig, taxonomy: Taxonomy, days: [Day], papers: [String: LoadedPaper]) {
        self.site = site
        self.taxonomy = taxonomy
        self.days = days.sorted { $0.date < $1.date }
        self.papers = papers
    }

    /// An archive of papers held whole, as a test or a tool makes one.
    package init(site: SiteConfig, taxonomy: Taxonomy, days: [Day], papers: [String: Paper]) {
        self.init(site: site, taxonomy: taxonomy, days: days, papers: papers.mapValues(LoadedPaper.init))
    }
}

/// The paths inside a Content folder.
package struct ContentLayout: Sendable {
    package let root: String

    package init(root: String) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
    }

    /// `site.yml`.
    package var siteFile: String { root + "/site.yml" }
    /// `topics.yml`.
    package var topicsFile: String { root + "/topics.yml" }
    /// `days/`, one `YYYY-MM-DD.md` per day.
    package var daysFolder: String { root + "/days" }
    /// `papers/`, one `<slug>.md` per paper.
    package var papersFolder: String { root + "/papers" }
    /// The path of a day's file.
    package func dayFile(_ date: CalendarDate) -> String { daysFolder + "/\(date).md" }
    /// The path of a paper's file.
    package func paperFile(_ slug: String) -> String { papersFolder + "/\(slug).md" }
    /// A day file's path relative to Content (`days/2026-11-26.md`).
    package static func dayPath(_ date: CalendarDate) -> String { "days/\(date).md" }
    /// A paper file's path relative to Content (`papers/<slug>.md`).
    package static func paperPath(_ slug: String) -> String { "papers/\(slug).md" }
}
