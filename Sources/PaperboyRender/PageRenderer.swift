import PaperboyContent
import PaperboyCore
import PaperboyFeeds
import PaperboySite

/// Renders ``Page``s to HTML with the Mustache templates.
///
/// A day, topic or paper page is rendered from its ``PageInputs``, made from the ``SiteModel``
/// (see `PageRenderer+Inputs.swift`) by the same function that makes it for the page's
/// fingerprint; ``PageContexts`` turns it into the template's context. The index, the
/// archive, the topics, feeds and search pages and 404 read across the whole model: they are always
/// rendered.
package struct PageRenderer: Sendable {
    package let model: SiteModel
    package let templates: TemplateLibrary
    /// The papers each day and topic lists.
    let listed: ListedPapers
    let contexts: PageContexts
    /// What every page's fingerprint starts with: the templates and binary, and the site's
    /// inputs (see ``fingerprint(_:sitePath:)``).
    package let baseDigest: UInt64

    package init(model: SiteModel, templates: TemplateLibrary) {
        self.model = model
        self.templates = templates
        self.listed = model.listedPapers()
        let site = SitePageInputs(model)
        self.contexts = PageContexts(site: site, templates: templates, days: model.days.map(\.date))
        var digest = Digest()
        digest.add(templates.fingerprint)
        site.digest(into: &digest)
        self.baseDigest = digest.value
    }

    /// The page's HTML.
    package func render(_ page: Page) -> String { output(page).string }

    /// The page's HTML as a file's bytes; `sitePath` is the page's ``Page/sitePath(in:)`` when known.
    package func renderBytes(_ page: Page, sitePath: String? = nil) -> [UInt8] { output(page, sitePath: sitePath).bytes }

    func output(_ page: Page, sitePath: String? = nil) -> RenderedTemplate {
        let path = sitePath ?? page.sitePath(in: model)
        let site = contexts.site
        let root = page == .notFound ? site.basePath : Self.relativeRoot(for: path)
        var context = contexts.common(path: path, root: root)
        switch page {
        case .index: index(&context, root: root)
        case .daysArchive: daysArchive(&context, root: root)
        case let .day(index): contexts.day(dayInputs(index), &context, root: root)
        case .topicsIndex: topicsIndex(&context, root: root)
        case .feedsIndex: feedsIndex(&context, root: root)
        case .search: search(&context, root: root)
        case let .topic(index, number): contexts.topic(topicInputs(index, page: number), &context, root: root)
        case let .paper(index): contexts.paper(paperInputs(index), &context, path: path, root: root)
        case .notFound: contexts.setPage(&context, title: "Page not found · \(site.title)", description: site.description)
        }
        contexts.addChrome(&context, root: root)
        return templates.output(Self.templateName(page), context)
    }

    static func templateName(_ page: Page) -> String {
        switch page {
        case .index: return "index"
        case .daysArchive: return "days"
        case .day: return "day"
        case .topicsIndex: return "topics"
        case .feedsIndex: return "feeds"
        case .search: return "search"
        case .topic: return "topic"
        case .paper: return "paper"
        case .notFound: return "404"
        }
    }

    /// `../` once per folder level, so links work at any base path and from `file://`.
    static func relativeRoot(for path: String) -> String {
        let depth = path.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 }
        return depth == 0 ? "./" : String(repeating: "../", count: depth)
    }

    // MARK: Pages that are always rendered

    func index(_ context: inout TemplateObject, root: String) {
        let site = contexts.site
        contexts.setPage(&context, title: site.title, description: site.description)
        context["dayCountLabel"] = .text(PageContexts.counted(model.days.count, "day"))
        context["topicCountLabel"] = .text(PageContexts.counted(model.topics.count, "topic"))
        if !model.days.isEmpty { context["latest"] = .object(contexts.dayList(dayInputs(model.days.count - 1), root: root)) }
    }

    func daysArchive(_ context: inout TemplateObject, root: String) {
        let site = contexts.site
        contexts.setPage(&context, title: "Archive · \(site.title)", description: "Every day of \(site.title), grouped by month.")
        contexts.addDigestFeeds(&context, root: root)
        context["nav"] = .object(["days": .flag(true)])
        var months: [TemplateObject] = []
        var current: (key: String, name: String, days: [TemplateObject], papers: Int)?
        for (index, day) in model.days.enumerated().reversed() {
            if current?.key != day.date.monthKey {
                if let month = current { months.append(monthContext(month)) }
                current = (day.date.monthKey, day.date.monthDescription, [], 0)
            }
            let returning = contexts.returningCount(dayInputs(index))
            let date = contexts.texts(day.date)
            current!.days.append([
                "date": .text(date.iso), "dateLong": .text(date.long),
                "url": .text(root + date.dayPath), "paperCount": .number(day.papers.count),
                "paperCountLabel": .text(PageContexts.counted(day.papers.count, "paper")),
                "newCount": .number(day.papers.count - returning),
            ])
            current!.papers += day.papers.count
        }
        if let month = current { months.append(monthContext(month)) }
        context["months"] = .list(months)
        context["dayCount"] = .number(model.days.count)
        context["dayCountLabel"] = .text(PageContexts.counted(model.days.count, "day"))
        context["paperCount"] = .number(model.papers.count)
        context["paperCountLabel"] = .text(PageContexts.counted(model.papers.count, "distinct paper"))
    }

    func monthContext(_ month: (key: String, name: String, days: [TemplateObject], papers: Int)) -> TemplateObject {
        [
            "key": .text(month.key), "name": .text(month.name), "days": .list(month.days), "dayCount": .number(month.days.count),
            "paperCount": .number(month.papers), "dayCountLabel": .text(PageContexts.counted(month.days.count, "day")),
            "paperCountLabel": .text(PageContexts.counted(month.papers, "paper")),
        ]
    }

    func topicsIndex(_ context: inout TemplateObject, root: String) {
        let site = contexts.site
        contexts.setPage(&context, title: "Topics · \(site.title)", description: "All topics of \(site.title) with their paper counts.")
        context["nav"] = .object(["topics": .flag(true)])
        context["topics"] = .list(
            model.topics.map { topic -> TemplateObject in
                [
                    "name": .text(topic.name), "url": .text(root + topic.path), "count": .number(topic.papers.count),
                    "countLabel": .text(PageContexts.counted(topic.papers.count, "paper")),
                ]
            })
    }

    /// The search page: its filters' choices (topics, years); `search.js` does the rest.
    func search(_ context: inout TemplateObject, root: String) {
        let site = contexts.site
        contexts.setPage(&context, title: "Search · \(site.title)", description: "Search every paper of \(site.title).")
        context["nav"] = .object(["search": .flag(true)])
        context["topics"] = .list(model.topics.map { ["slug": .text($0.slug), "name": .text($0.name)] })
        var years: [Int] = []
        for day in model.days.reversed() where years.last != day.date.year { years.append(day.date.year) }
        context["years"] = .list(years.map { ["year": .text(String($0))] })
        context["index"] = .text(root + "search/")
    }

    func feedsIndex(_ context: inout TemplateObject, root: String) {
        let site = contexts.site
        contexts.setPage(
            &context, title: "Feeds · \(site.title)",
            description: "Every feed of \(site.title): the latest papers, the daily digest and each topic.")
        context["nav"] = .object(["feeds": .flag(true)])
        func formats(_ list: [(String, String)]) -> TemplateValue {
            // The address to copy is absolute; the link to open it stays relative, as every link of the site.
            .list(list.map { name, path in ["format": .text(name), "url": .text(site.absoluteURL(path)), "href": .text(root + path)] })
        }
        var feeds: [TemplateObject] = [
            [
                "name": .text("Latest papers"), "about": .text("Each new paper once, newest first."),
                "formats": formats([
                    ("RSS", FeedRenderer.rssPath), ("Atom", FeedRenderer.atomPath), ("JSON Feed", FeedRenderer.jsonFeedPath),
                ]),
            ],
            [
                "name": .text("Daily digest"), "about": .text("One item per day, listing its papers in rank order."),
                "formats": formats([("RSS", FeedRenderer.daysRSSPath), ("Atom", FeedRenderer.daysAtomPath)]),
            ],
        ]
        for topic in model.topics {
            feeds.append([
                "name": .text(topic.name), "url": .text(root + topic.path),
                "formats": formats([
                    ("RSS", FeedRenderer.rssPath(forTopic: topic.slug)), ("Atom", FeedRenderer.atomPath(forTopic: topic.slug)),
                ]),
            ])
        }
        context["feedList"] = .list(feeds)
        context["opmlURL"] = .text(site.absoluteURL(FeedRenderer.opmlPath))
        context["opml"] = .text(root + FeedRenderer.opmlPath)
    }
}
