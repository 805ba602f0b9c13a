import PaperboyContent
import PaperboyCore
import PaperboyFeeds
import PaperboySite

/// Makes page contexts from inputs values, never from the model: a fingerprinted page's
/// context is made from its ``PageInputs`` alone, with what every page shares
/// (``SitePageInputs``, the templates) and caches that are pure functions of those.
///
/// Contexts are plain dictionaries, so the template language sees simple values and escapes
/// every one of them (`{{x}}`). Only cmark-gfm's output goes in raw (`{{{abstractHTML}}}`).
struct PageContexts: Sendable {
    let site: SitePageInputs
    let templates: TemplateLibrary
    /// The texts of each day's date (every page formats tens of dates), by date: a cache, since
    /// ``DateTexts`` is a function of the date alone.
    let dayDates: [CalendarDate: DateTexts]
    let fragments = FragmentCache()
    /// The `site` object and the site's feed links by root (pages are at a few depths), made once.
    let siteObject: TemplateValue
    let siteFeeds: [String: [TemplateObject]]
    let topicNames: [String: String]
    /// Each topic's link (name and page) by root and slug: every card lists its topics.
    let topicLinksByRoot: [String: [String: TemplateObject]]

    init(site: SitePageInputs, templates: TemplateLibrary, days: [CalendarDate]) {
        self.site = site
        self.templates = templates
        self.dayDates = Dictionary(days.map { ($0, DateTexts($0)) }, uniquingKeysWith: { a, _ in a })
        self.topicNames = Dictionary(site.topicNames.map { ($0.slug, $0.name) }, uniquingKeysWith: { a, _ in a })
        self.siteObject = Self.siteObject(site)
        let roots = (0...6).map { PageRenderer.relativeRoot(for: String(repeating: "a/", count: $0)) } + [site.basePath]
        self.siteFeeds = Dictionary(roots.map { ($0, Self.siteFeeds(site, root: $0)) }, uniquingKeysWith: { a, _ in a })
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

    /// A date's texts: a day's from the table, another's made now.
    func texts(_ date: CalendarDate) -> DateTexts { dayDates[date] ?? DateTexts(date) }

    // MARK: Context pieces

    func common(path: String, root: String) -> TemplateObject {
        [
            "site": siteObject,
            "root": .text(root),
            "page": .object(["canonical": .text(site.absoluteURL(path)), "ogType": .text("website")]),
            "feeds": .list(siteFeeds[root] ?? Self.siteFeeds(site, root: root)),
        ]
    }

    /// The `site` object of every page.
    static func siteObject(_ site: SitePageInputs) -> TemplateValue {
        .object([
            "title": .text(site.title), "description": .text(site.description),
            "language": .text(site.language), "author": .text(site.author),
        ])
    }

    /// The site's feeds, as a page at `root` links them.
    static func siteFeeds(_ site: SitePageInputs, root: String) -> [TemplateObject] {
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

    /// A paper in a list; `day` marks papers that trended before that day; `upvotes` are the
    /// list's (that day's, or the first day's on a topic page), so they are not on the card.
    ///
    /// The part that does not depend on the list (title, topics, excerpt) is the `paper-card`
    /// partial, rendered once per paper and folder depth and reused by every day and topic
    /// page that lists the paper: lists are most of a build's template work.
    /// `cards` is the table of cards for `root` and for whether `day` is nil (dates shown).
    func paperItem(
        _ paper: ListedPaper, rank: Int?, upvotes: Int?, day: CalendarDate?, root: String, cards: FragmentCache.PaperTable<TemplateValue>
    ) -> TemplateObject {
        let firstSeen = texts(paper.firstSeen)
        var item: TemplateObject = [
            "card": cards.fragment(of: paper.id) { paperCard(paper.card, root: root, showDate: day == nil) },
            "firstSeen": .text(firstSeen.iso),
            "firstSeenLong": .text(firstSeen.long),
        ]
        if let rank { item.add("rank", .number(rank)) }
        if let day, paper.firstSeen < day { item.add("returning", .flag(true)) }
        if let upvotes { item.add("upvotes", .text(Self.counted(upvotes, "upvote"))) }
        return item
    }

    func paperCard(_ card: PaperCard, root: String, showDate: Bool) -> TemplateValue {
        let date = texts(card.firstSeen)
        var values: [TemplateValue] = [
            .text(card.title), .text(root + card.path), .text(card.excerpt.string), .text(date.iso), .text(date.long),
            .list(topicLinks(card.topics, root: root)),
        ]
        if showDate { values.append(.flag(true)) }
        // The names shared by every card (two per paper and list page), not made for each.
        var names = showDate ? Self.cardNamesWithDate : Self.cardNames
        if !card.authors.isEmpty {
            names.append("authors")
            values.append(.text(Self.authorLine(card.authors, count: card.authorCount)))
        }
        return templates.output("paper-card", TemplateObject(names: names, values: values)).value
    }

    static let cardNames = ["title", "url", "excerpt", "firstSeen", "firstSeenLong", "topics"]
    static let cardNamesWithDate = cardNames + ["showDate"]

    /// `A, B, C et al.` when the paper has more authors than the card names.
    static func authorLine(_ authors: [String], count: Int) -> String {
        authors.joined(separator: ", ") + (count > authors.count ? " et al." : "")
    }

    /// How many of a day's papers trended on an earlier day.
    func returningCount(_ day: DayPageInputs) -> Int {
        day.papers.filter { $0.firstSeen < day.date }.count
    }

    func dayList(_ day: DayPageInputs, root: String) -> TemplateObject {
        let cards = fragments.cards(root: root, showDate: false)
        let items = day.papers.enumerated().map { index, paper in
            let upvotes = day.upvotes.indices.contains(index) ? day.upvotes[index] : nil
            return paperItem(paper, rank: index + 1, upvotes: upvotes, day: day.date, root: root, cards: cards)
        }
        let returning = returningCount(day)
        let date = texts(day.date)
        return [
            "date": .text(date.iso), "dateLong": .text(date.long), "url": .text(root + date.dayPath),
            "noteHTML": .text(day.noteHTML), "papers": .list(items), "paperCount": .number(day.paperCount),
            "paperCountLabel": .text(Self.counted(day.paperCount, "paper")),
            "newCount": .number(day.paperCount - returning), "returningCount": .number(returning),
        ]
    }

    /// `1 day`, `2 days`.
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    func addDigestFeeds(_ context: inout TemplateObject, root: String) {
        addFeeds(
            &context,
            [
                Self.feedLink("application/rss+xml", "\(site.title): daily digest (RSS)", root + FeedRenderer.daysRSSPath),
                Self.feedLink("application/atom+xml", "\(site.title): daily digest (Atom)", root + FeedRenderer.daysAtomPath),
            ])
    }

    // MARK: Fingerprinted pages

    func day(_ day: DayPageInputs, _ context: inout TemplateObject, root: String) {
        let date = texts(day.date).long
        setPage(
            &context, title: "Trending papers of \(date) · \(site.title)",
            description: "The \(day.paperCount) trending research papers of \(date), in rank order.")
        addDigestFeeds(&context, root: root)
        context["nav"] = .object(["days": .flag(true)])
        context.merge(dayList(day, root: root))
        if let previous = day.previousDate.map(texts) {
            context["previousDay"] = .object(["url": .text(root + previous.dayPath), "label": .text(previous.long)])
        }
        if let next = day.nextDate.map(texts) {
            context["nextDay"] = .object(["url": .text(root + next.dayPath), "label": .text(next.long)])
        }
    }

    /// A topic's front page or archive page. An archive page shows nothing that changes as
    /// the topic grows (no total, no page count), so it is written once and kept.
    func topic(_ topic: TopicPageInputs, _ context: inout TemplateObject, root: String) {
        switch topic.position {
        case let .front(paperCount):
            setPage(
                &context, title: "\(topic.name) · \(site.title)",
                description: "\(paperCount) trending papers on \(topic.name), newest first.")
        case let .archive(number, _):
            setPage(
                &context, title: "\(topic.name) (page \(number)) · \(site.title)",
                description: "Trending papers on \(topic.name): page \(number), counted from the oldest.")
        }
        context["nav"] = .object(["topics": .flag(true)])
        addFeeds(
            &context,
            [
                Self.feedLink(
                    "application/rss+xml", "\(site.title): \(topic.name) (RSS)", root + FeedRenderer.rssPath(forTopic: topic.slug)),
                Self.feedLink(
                    "application/atom+xml", "\(site.title): \(topic.name) (Atom)", root + FeedRenderer.atomPath(forTopic: topic.slug)),
            ])
        context["name"] = .text(topic.name)
        context["feedURL"] = .text(root + FeedRenderer.rssPath(forTopic: topic.slug))
        context["atomURL"] = .text(root + FeedRenderer.atomPath(forTopic: topic.slug))
        let cards = fragments.cards(root: root, showDate: true)
        context["papers"] = .list(
            zip(topic.papers, topic.upvotes).map { paperItem($0, rank: nil, upvotes: $1, day: nil, root: root, cards: cards) })
        let url = { (page: Int) -> TemplateValue in .text(root + TopicPagination.path(topic: topic.slug, page: page)) }
        switch topic.position {
        case let .front(paperCount):
            context["count"] = .number(paperCount)
            context["countLabel"] = .text(Self.counted(paperCount, "paper"))
            let archivePages = TopicPagination.archivePageCount(paperCount)
            guard archivePages > 0 else { return }
            // Older pages, newest first: the first three and the oldest, with a gap between.
            var pages: [TemplateObject] = []
            for page in stride(from: archivePages, through: 1, by: -1) where page > archivePages - 3 || page == 1 {
                if page == 1 && archivePages > 4 { pages.append(["gap": .flag(true)]) }
                pages.append(["number": .number(page), "url": url(page)])
            }
            context["pagination"] = .object(["pages": .list(pages), "older": url(archivePages)])
        case let .archive(number, newer):
            context["pageNumber"] = .number(number)
            var pagination: TemplateObject = ["current": .text("Page \(number)"), "latest": url(0)]
            pagination["newer"] = url(newer)
            if number > 1 { pagination["older"] = url(number - 1) }
            context["pagination"] = .object(pagination)
        }
    }

    /// A paper's page at site path `path`.
    func paper(_ inputs: PaperPageInputs, _ context: inout TemplateObject, path: String, root: String) {
        let paper = inputs.paper.content
        setPage(&context, title: "\(paper.title) · \(site.title)", description: paper.excerpt.string, ogType: "article")
        context.add("title", .text(paper.title))
        context.add("abstractHTML", .text(paper.abstractHTML.string))
        let firstSeen = texts(paper.firstSeen)
        context.add("firstSeen", .text(firstSeen.iso))
        context.add("firstSeenLong", .text(firstSeen.long))
        // A paper whose day was replaced away keeps its date, without a link to nowhere.
        if inputs.firstSeenHasDay { context.add("firstSeenURL", .text(root + firstSeen.dayPath)) }
        context.add("topics", .list(topicLinks(paper.topics, root: root)))
        if !paper.authors.isEmpty {
            context.add("authorList", .text(paper.authors.joined(separator: ", ")))
            context.add("authors", .list(paper.authors.map { ["name": .text($0)] }))
        }
        if let summary = paper.summary { context.add("summary", .text(summary)) }
        let links = Self.paperLinks(paper)
        if !links.isEmpty {
            context.add("hasLinks", .flag(true))
            context.add("links", .list(links))
        }
        if paper.arxiv == nil { context.add("find", .object(["links": .list(Self.findLinks(title: paper.title))])) }
        addCitation(paper, &context, canonical: site.absoluteURL(path))
        context.add(
            "appearances",
            .list(
                inputs.appearances.map { appearance -> TemplateObject in
                    let date = texts(appearance.date)
                    var item: TemplateObject = [
                        "url": .text(root + date.dayPath), "date": .text(date.iso), "dateLong": .text(date.long),
                        "rank": .number(appearance.rank),
                    ]
                    if let upvotes = appearance.upvotes { item.add("upvotes", .text(Self.counted(upvotes, "upvote"))) }
                    return item
                }))
        if !inputs.related.isEmpty {
            context.add("hasRelated", .flag(true))
            let links = fragments.relatedLinks(root: root)
            context.add(
                "related",
                .list(
                    inputs.related.map { related in
                        links.fragment(of: related.id) {
                            let date = texts(related.paper.firstSeen)
                            return [
                                "url": .text(root + related.path), "title": .text(related.paper.title),
                                "date": .text(date.iso),
                                "dateLong": .text(date.long),
                            ]
                        }
                    }))
        }
    }
}

/// A date as pages show it.
struct DateTexts: Sendable {
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
