import Foundation
import PaperboyContent
import PaperboyCore
import PaperboyFeeds
import PaperboySite

/// Renders ``Page``s to HTML with the Mustache templates.
///
/// Builds each template's context from the ``SiteModel``: plain dictionaries, so the
/// template language sees simple values and escapes every one of them (`{{x}}`). Only
/// cmark-gfm's output goes in raw (`{{{abstractHTML}}}`).
package struct PageRenderer: Sendable {
    package let model: SiteModel
    package let templates: TemplateLibrary
    let topicNames: [String: String]
    /// The texts of each day's date (every page formats tens of dates), by date.
    package let dayDates: [CalendarDate: DateTexts]
    /// The papers each day and topic lists.
    package let listed: ListedPapers
    let fragments = FragmentCache()
    /// See ``fingerprint(_:sitePath:)``.
    package let baseDigest: UInt64
    /// The `site` object and the site's feed links by root (pages are at a few depths), made once.
    let siteObject: TemplateValue
    let siteFeeds: [String: [TemplateObject]]
    /// Each topic's link (name and page) by root and slug: every card lists its topics.
    let topicLinksByRoot: [String: [String: TemplateObject]]

    package init(model: SiteModel, templates: TemplateLibrary) {
        self.model = model
        self.templates = templates
        self.topicNames = Dictionary(model.topics.map { ($0.slug, $0.name) }, uniquingKeysWith: { a, _ in a })
        self.dayDates = Dictionary(model.days.map { ($0.date, DateTexts($0.date)) }, uniquingKeysWith: { a, _ in a })
        self.listed = model.listedPapers()
        self.baseDigest = Self.baseDigest(model: model, templates: templates)
        self.siteObject = Self.siteObject(model.site)
        let roots = (0...6).map { Self.relativeRoot(for: String(repeating: "a/", count: $0)) } + [model.site.basePath]
        self.siteFeeds = Dictionary(roots.map { ($0, Self.siteFeeds(model.site, root: $0)) }, uniquingKeysWith: { a, _ in a })
        let topicNames = self.topicNames
        self.topicLinksByRoot = Dictionary(
            roots.map { root in
                (
                    root,
                    Dictionary(
                        topicNames.keys.map { ($0, Self.topicLink($0, topicNames: topicNames, root: root)) },
                        uniquingKeysWith: { a, _ in a })
                )
            }, uniquingKeysWith: { a, _ in a })
    }

    /// The page's HTML.
    package func render(_ page: Page) -> String { output(page).string }

    /// The page's HTML as a file's bytes; `sitePath` is the page's ``Page/sitePath(in:)`` when known.
    package func renderBytes(_ page: Page, sitePath: String? = nil) -> [UInt8] { output(page, sitePath: sitePath).bytes }

    func output(_ page: Page, sitePath: String? = nil) -> RenderedTemplate {
        let path = sitePath ?? page.sitePath(in: model)
        let root = page == .notFound ? model.site.basePath : Self.relativeRoot(for: path)
        var context = common(path: path, root: root)
        switch page {
        case .index: index(&context, root: root)
        case .daysArchive: daysArchive(&context, root: root)
        case let .day(index): day(index, &context, root: root)
        case .topicsIndex: topicsIndex(&context, root: root)
        case let .topic(index, number): topic(index, page: number, &context, root: root)
        case let .paper(index): paper(model.newestFirst[index], &context, root: root)
        case .notFound: setPage(&context, title: "Page not found · \(model.site.title)", description: model.site.description)
        }
        addChrome(&context, root: root)
        return templates.output(Self.templateName(page), context)
    }

    static func templateName(_ page: Page) -> String {
        switch page {
        case .index: return "index"
        case .daysArchive: return "days"
        case .day: return "day"
        case .topicsIndex: return "topics"
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

    // MARK: Context pieces

    func common(path: String, root: String) -> TemplateObject {
        [
            "site": siteObject,
            "root": .text(root),
            "page": .object(["canonical": .text(model.absoluteURL(path)), "ogType": .text("website")]),
            "feeds": .list(siteFeeds[root] ?? Self.siteFeeds(model.site, root: root)),
        ]
    }

    /// The `site` object of every page.
    static func siteObject(_ site: SiteConfig) -> TemplateValue {
        .object([
            "title": .text(site.title), "description": .text(site.description),
            "language": .text(site.language), "author": .text(site.author),
        ])
    }

    /// The site's feeds, as a page at `root` links them.
    static func siteFeeds(_ site: SiteConfig, root: String) -> [TemplateObject] {
        [
            feedLink("application/rss+xml", "\(site.title) (RSS)", root + FeedRenderer.rssPath),
            feedLink("application/atom+xml", "\(site.title) (Atom)", root + FeedRenderer.atomPath),
            feedLink("application/feed+json", "\(site.title) (JSON Feed)", root + FeedRenderer.jsonFeedPath),
        ]
    }

    /// The `site-header` and `site-footer` partials, the same on every page of one folder
    /// depth and section: rendered once per variant and inserted as HTML.
    func addChrome(_ context: inout TemplateObject, root: String) {
        let nav = if case let .object(nav)? = context["nav"] { nav } else { TemplateObject() }
        let chrome: TemplateObject = ["root": .text(root), "site": siteObject, "nav": .object(nav)]
        // Pages set at most one navigation entry (the current section).
        let navKey = nav.names.first ?? ""
        assert(nav.count <= 1)
        context.add(
            "header", fragments.fragment(.init(.header, root: root, variant: navKey)) { templates.output("site-header", chrome).value })
        context.add("footer", fragments.fragment(.init(.footer, root: root)) { templates.output("site-footer", chrome).value })
    }

    static func feedLink(_ type: String, _ title: String, _ href: String) -> TemplateObject {
        ["type": .text(type), "title": .text(title), "href": .text(href)]
    }

    func setPage(_ context: inout TemplateObject, title: String, description: String, ogType: String = "website") {
        context.modifyObject("page") { page in
            page["title"] = .text(title)
            page["description"] = .text(description)
            page["ogType"] = .text(ogType)
        }
    }

    func addFeeds(_ context: inout TemplateObject, _ links: [TemplateObject]) {
        guard case let .list(feeds)? = context["feeds"] else { preconditionFailure("common() sets the feeds") }
        context["feeds"] = .list(feeds + links)
    }

    func topicLinks(_ slugs: [String], root: String) -> [TemplateObject] {
        let links = topicLinksByRoot[root]
        return slugs.map { slug in links?[slug] ?? Self.topicLink(slug, topicNames: topicNames, root: root) }
    }

    static func topicLink(_ slug: String, topicNames: [String: String], root: String) -> TemplateObject {
        ["name": .text(topicNames[slug] ?? slug), "url": .text(root + TopicModel.path(slug: slug))]
    }

    /// A paper in a list; `day` marks papers that trended before that day.
    ///
    /// The part that does not depend on the list (title, topics, excerpt) is the `paper-card`
    /// partial, rendered once per paper and folder depth and reused by every day and topic
    /// page that lists the paper: lists are most of a build's template work.
    /// `cards` is the table of cards for `root` and for whether `day` is nil (dates shown).
    func paperItem(_ paper: PaperModel, rank: Int?, day: CalendarDate?, root: String, cards: FragmentCache.CardTable) -> TemplateObject {
        var item: TemplateObject = [
            "card": cards.card(of: paper) { paperCard(paper, root: root, showDate: day == nil) },
            "firstSeen": .text(texts(paper.paper.firstSeen).iso),
            "firstSeenLong": .text(texts(paper.paper.firstSeen).long),
        ]
        if let rank { item.add("rank", .number(rank)) }
        if let day, paper.paper.firstSeen < day { item.add("returning", .flag(true)) }
        return item
    }

    func paperCard(_ paper: PaperModel, root: String, showDate: Bool) -> TemplateValue {
        let date = texts(paper.paper.firstSeen)
        var values: [TemplateValue] = [
            .text(paper.paper.title), .text(root + paper.path), .text(paper.excerpt), .text(date.iso), .text(date.long),
            .list(topicLinks(paper.topics, root: root)),
        ]
        if showDate { values.append(.flag(true)) }
        // The names shared by every card (two per paper and list page), not made for each.
        let card = TemplateObject(names: showDate ? Self.cardNamesWithDate : Self.cardNames, values: values)
        return templates.output("paper-card", card).value
    }

    static let cardNames = ["title", "url", "excerpt", "firstSeen", "firstSeenLong", "topics"]
    static let cardNamesWithDate = cardNames + ["showDate"]

    /// How many of a day's papers trended on an earlier day.
    func returningCount(day index: Int) -> Int {
        let date = model.days[index].date
        return listed.days[index].filter { $0.paper.firstSeen < date }.count
    }

    func dayList(_ index: Int, root: String) -> TemplateObject {
        let day = model.days[index]
        let cards = fragments.cards(root: root, showDate: false)
        let items = listed.days[index].enumerated().map { paperItem($1, rank: $0 + 1, day: day.date, root: root, cards: cards) }
        let returning = returningCount(day: index)
        return [
            "date": .text(texts(day.date).iso), "dateLong": .text(texts(day.date).long), "url": .text(root + day.path),
            "noteHTML": .text(day.noteHTML), "papers": .list(items), "paperCount": .number(day.papers.count),
            "paperCountLabel": .text(Self.counted(day.papers.count, "paper")),
            "newCount": .number(day.papers.count - returning), "returningCount": .number(returning),
        ]
    }

    /// `1 day`, `2 days`.
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    // MARK: Pages

    func index(_ context: inout TemplateObject, root: String) {
        setPage(&context, title: model.site.title, description: model.site.description)
        context["dayCountLabel"] = .text(Self.counted(model.days.count, "day"))
        context["topicCountLabel"] = .text(Self.counted(model.topics.count, "topic"))
        if !model.days.isEmpty { context["latest"] = .object(dayList(model.days.count - 1, root: root)) }
    }

    func daysArchive(_ context: inout TemplateObject, root: String) {
        setPage(&context, title: "Archive · \(model.site.title)", description: "Every day of \(model.site.title), grouped by month.")
        addDigestFeeds(&context, root: root)
        context["nav"] = .object(["days": .flag(true)])
        var months: [TemplateObject] = []
        var current: (key: String, name: String, days: [TemplateObject], papers: Int)?
        for (index, day) in model.days.enumerated().reversed() {
            if current?.key != day.date.monthKey {
                if let month = current { months.append(monthContext(month)) }
                current = (day.date.monthKey, day.date.monthDescription, [], 0)
            }
            let returning = returningCount(day: index)
            current!.days.append([
                "date": .text(texts(day.date).iso), "dateLong": .text(texts(day.date).long),
                "url": .text(root + day.path), "paperCount": .number(day.papers.count),
                "paperCountLabel": .text(Self.counted(day.papers.count, "paper")), "newCount": .number(day.papers.count - returning),
            ])
            current!.papers += day.papers.count
        }
        if let month = current { months.append(monthContext(month)) }
        context["months"] = .list(months)
        context["dayCount"] = .number(model.days.count)
        context["dayCountLabel"] = .text(Self.counted(model.days.count, "day"))
        context["paperCount"] = .number(model.papers.count)
        context["paperCountLabel"] = .text(Self.counted(model.papers.count, "distinct paper"))
    }

    func monthContext(_ month: (key: String, name: String, days: [TemplateObject], papers: Int)) -> TemplateObject {
        [
            "key": .text(month.key), "name": .text(month.name), "days": .list(month.days), "dayCount": .number(month.days.count),
            "paperCount": .number(month.papers), "dayCountLabel": .text(Self.counted(month.days.count, "day")),
            "paperCountLabel": .text(Self.counted(month.papers, "paper")),
        ]
    }

    func addDigestFeeds(_ context: inout TemplateObject, root: String) {
        addFeeds(
            &context,
            [
                Self.feedLink("application/rss+xml", "\(model.site.title): daily digest (RSS)", root + FeedRenderer.daysRSSPath),
                Self.feedLink("application/atom+xml", "\(model.site.title): daily digest (Atom)", root + FeedRenderer.daysAtomPath),
            ])
    }

    func day(_ index: Int, _ context: inout TemplateObject, root: String) {
        let day = model.days[index]
        let date = texts(day.date).long
        setPage(
            &context, title: "Trending papers of \(date) · \(model.site.title)",
            description: "The \(day.papers.count) trending research papers of \(date), in rank order.")
        addDigestFeeds(&context, root: root)
        context["nav"] = .object(["days": .flag(true)])
        context.merge(dayList(index, root: root))
        if index > 0 {
            let previous = model.days[index - 1]
            context["previousDay"] = .object(["url": .text(root + previous.path), "label": .text(texts(previous.date).long)])
        }
        if index + 1 < model.days.count {
            let next = model.days[index + 1]
            context["nextDay"] = .object(["url": .text(root + next.path), "label": .text(texts(next.date).long)])
        }
    }

    func topicsIndex(_ context: inout TemplateObject, root: String) {
        setPage(&context, title: "Topics · \(model.site.title)", description: "All topics of \(model.site.title) with their paper counts.")
        context["nav"] = .object(["topics": .flag(true)])
        context["topics"] = .list(
            model.topics.map { topic -> TemplateObject in
                [
                    "name": .text(topic.name), "url": .text(root + topic.path), "count": .number(topic.papers.count),
                    "countLabel": .text(Self.counted(topic.papers.count, "paper")),
                ]
            })
    }

    /// A topic's front page (`number` 0) or archive page. An archive page shows nothing that
    /// changes as the topic grows (no total, no page count), so it is written once and kept.
    func topic(_ index: Int, page number: Int, _ context: inout TemplateObject, root: String) {
        let topic = model.topics[index]
        let archivePages = TopicPagination.archivePageCount(topic.papers.count)
        if number == 0 {
            setPage(
                &context, title: "\(topic.name) · \(model.site.title)",
                description: "\(topic.papers.count) trending papers on \(topic.name), newest first.")
        } else {
            setPage(
                &context, title: "\(topic.name) (page \(number)) · \(model.site.title)",
                description: "Trending papers on \(topic.name): page \(number), counted from the oldest.")
        }
        context["nav"] = .object(["topics": .flag(true)])
        addFeeds(
            &context,
            [
                Self.feedLink(
                    "application/rss+xml", "\(model.site.title): \(topic.name) (RSS)", root + FeedRenderer.rssPath(forTopic: topic.slug)),
                Self.feedLink(
                    "application/atom+xml", "\(model.site.title): \(topic.name) (Atom)", root + FeedRenderer.atomPath(forTopic: topic.slug)),
            ])
        let slice = listed.topics[index][TopicPagination.range(page: number, of: topic.papers.count)]
        context["name"] = .text(topic.name)
        context["feedURL"] = .text(root + FeedRenderer.rssPath(forTopic: topic.slug))
        context["atomURL"] = .text(root + FeedRenderer.atomPath(forTopic: topic.slug))
        let cards = fragments.cards(root: root, showDate: true)
        context["papers"] = .list(slice.map { paperItem($0, rank: nil, day: nil, root: root, cards: cards) })
        let url = { (page: Int) -> TemplateValue in .text(root + TopicPagination.path(topic: topic.slug, page: page)) }
        if number == 0 {
            context["count"] = .number(topic.papers.count)
            context["countLabel"] = .text(Self.counted(topic.papers.count, "paper"))
            guard archivePages > 0 else { return }
            // Older pages, newest first: the first three and the oldest, with a gap between.
            var pages: [TemplateObject] = []
            for page in stride(from: archivePages, through: 1, by: -1) where page > archivePages - 3 || page == 1 {
                if page == 1 && archivePages > 4 { pages.append(["gap": .flag(true)]) }
                pages.append(["number": .number(page), "url": url(page)])
            }
            context["pagination"] = .object(["pages": .list(pages), "older": url(archivePages)])
        } else {
            context["pageNumber"] = .number(number)
            var pagination: TemplateObject = ["current": .text("Page \(number)"), "latest": url(0)]
            pagination["newer"] = url(number < archivePages ? number + 1 : 0)
            if number > 1 { pagination["older"] = url(number - 1) }
            context["pagination"] = .object(pagination)
        }
    }

    func paper(_ model: PaperModel, _ context: inout TemplateObject, root: String) {
        let paper = model.paper
        // Each field getter but the title's decodes all display fields of a cached paper: decoded once here.
        let display = paper.display.fields
        setPage(&context, title: "\(display.title) · \(self.model.site.title)", description: model.excerpt, ogType: "article")
        context.add("title", .text(display.title))
        context.add("abstractHTML", .text(model.abstractHTML))
        let firstSeen = texts(paper.firstSeen)
        context.add("firstSeen", .text(firstSeen.iso))
        context.add("firstSeenLong", .text(firstSeen.long))
        // A paper whose day was replaced away keeps its date, without a link to nowhere.
        if dayDates[paper.firstSeen] != nil { context.add("firstSeenURL", .text(root + firstSeen.dayPath)) }
        context.add("topics", .list(topicLinks(model.topics, root: root)))
        if !display.authors.isEmpty { context.add("authorList", .text(display.authors.joined(separator: ", "))) }
        if let summary = display.summary { context.add("summary", .text(summary)) }
        if let arxiv = paper.arxiv, let encoded = URLEscaping.httpURL("https://arxiv.org/abs/\(arxiv)") {
            context.add("arxiv", .text(arxiv))
            context.add("arxivURL", .text(encoded))
            context.add("arxivPDF", URLEscaping.httpURL("https://arxiv.org/pdf/\(arxiv)").map(TemplateValue.text))
        }
        let code = display.code.compactMap { url -> TemplateObject? in
            guard let safe = URLEscaping.httpURL(url) else { return nil }
            let label = url.split(separator: "/").dropFirst(2).prefix(2).joined(separator: "/")
            return ["url": .text(safe), "label": .text(label.isEmpty ? url : label)]
        }
        context.add("code", .list(code))
        context.add("hasLinks", .flag(paper.arxiv != nil || !code.isEmpty))
        context.add(
            "appearances",
            .list(
                model.appearances.map { appearance -> TemplateObject in
                    let date = texts(appearance.date)
                    return [
                        "url": .text(root + date.dayPath), "date": .text(date.iso), "dateLong": .text(date.long),
                        "rank": .number(appearance.rank),
                    ]
                }))
    }
}

/// A date as pages show it.
package struct DateTexts: Sendable {
    /// `2026-11-26`.
    let iso: String
    /// `26 November 2026`.
    let long: String
    /// The day's page, `days/2026-11-26/`.
    let dayPath: String

    init(_ date: CalendarDate) {
        iso = date.description
        long = date.longDescription
        dayPath = DayModel.path(date: date)
    }
}

extension PageRenderer {
    /// A date's texts: a day's from the table, another's made now.
    func texts(_ date: CalendarDate) -> DateTexts { dayDates[date] ?? DateTexts(date) }
}

/// Rendered fragments (paper cards, site header and footer) shared by the threads that
/// render pages: each is rendered once per variant instead of once per page.
final class FragmentCache: @unchecked Sendable {
    /// A fragment, for a page at `root` (its relative path to the site's root).
    struct Key: Hashable {
        enum Kind: Hashable { case header, footer, cards }
        let kind: Kind
        let root: String
        /// Which navigation entry is current, whether cards show their date.
        let variant: String

        init(_ kind: Kind, root: String, variant: String = "") {
            self.kind = kind
            self.root = root
            self.variant = variant
        }
    }

    private var fragments: [Key: TemplateValue] = [:]
    private var cardTables: [Key: CardTable] = [:]
    private let lock = NSLock()

    /// The cached fragment for `key`, or `render()`'s result, stored for next time.
    func fragment(_ key: Key, render: () -> TemplateValue) -> TemplateValue {
        if let fragment = lock.withLock({ fragments[key] }) { return fragment }
        let fragment = render()
        lock.withLock { fragments[key] = fragment }
        return fragment
    }

    /// The cards of pages at `root`, with or without their date: a list page takes its table
    /// once, and each of its hundred cards is then found by its paper alone.
    func cards(root: String, showDate: Bool) -> CardTable {
        let key = Key(.cards, root: root, variant: showDate ? "date" : "")
        return lock.withLock {
            if let table = cardTables[key] { return table }
            let table = CardTable()
            cardTables[key] = table
            return table
        }
    }

    /// Paper cards of one root and variant, by paper.
    final class CardTable: @unchecked Sendable {
        private var cards: [ObjectIdentifier: TemplateValue] = [:]
        private let lock = NSLock()

        /// The cached card of `paper`, or `render()`'s result, stored for next time.
        func card(of paper: PaperModel, render: () -> TemplateValue) -> TemplateValue {
            let key = ObjectIdentifier(paper)
            if let card = lock.withLock({ cards[key] }) { return card }
            let card = render()
            lock.withLock { cards[key] = card }
            return card
        }
    }
}
