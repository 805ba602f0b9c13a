import Foundation
@testable import PaperboyContent
@testable import PaperboyCore
@testable import PaperboyIncremental
@testable import PaperboyRender
@testable import PaperboySite
import Testing

/// Fingerprints that cannot drift: each input of each fingerprinted page kind is changed in
/// Content in turn, the site is rendered again, and every page whose bytes changed must have a
/// new fingerprint (no stale page), while a fingerprint moves only on a page whose bytes
/// changed (nothing rendered for nothing), but for the over-approximations listed with their
/// reasons. Every stored field of every inputs value (and of the Content values they come
/// from) must be named by a mutation, so a field added without a mutation fails here.
@Suite("Page inputs: every input moves the fingerprint of the pages that show it, and only theirs")
struct PageInputsTests {
    /// What a mutation is expected to do to the fingerprinted pages besides changing some.
    enum Expectation: Sendable {
        /// Some fingerprinted page shows the change: exactly those pages' fingerprints move.
        case shown
        /// Some pages show it, and every fingerprinted page's fingerprint moves, for `reason`.
        case shownEverywhereFingerprinted(reason: String)
        /// No page shows it with the default templates, but every context has it (a site's own
        /// templates may show it): every fingerprint moves, no page changes.
        case inEveryContext(reason: String)
        /// No page reads it: nothing moves.
        case readByNoPage
    }

    struct Mutation: Sendable, CustomTestStringConvertible {
        var name: String
        /// The stored fields it changes, as `Type.field`: of the inputs values and of Content.
        var covers: [String]
        var expectation: Expectation = .shown
        var change: @Sendable (inout Archive) -> Void
        var testDescription: String { name }
    }

    // MARK: The archive

    static let diffusionPapers = 149
    static let dates = [1, 3, 5, 7].map { CalendarDate(year: 2026, month: 10, day: $0)! }

    /// Four days (with gaps between them), 155 papers, some returning on later days; 149 are
    /// about diffusion, so that topic has an archive page and one more paper makes a second;
    /// four are about robots (one of them in its abstract too), one is plain, one is other.
    static func archive() -> Archive {
        var papers: [String: Paper] = [:]
        func paper(_ number: Int, day: Int) -> String {
            let slug = "p\(number)"
            let subject =
                number < diffusionPapers ? "diffusion" : number < 153 ? "robot arms" : number == 153 ? "plain things" : "nothing at all"
            let rich = number % 3 == 0
            let robots = number == 149 ? " and robot arms" : ""
            papers[slug] = Paper(
                slug: slug, title: "Paper \(number) on \(subject)", firstSeen: dates[day],
                arxiv: rich ? "2610.\(10000 + number)" : nil, authors: rich ? ["Ann Author", "Bo Writer"] : [],
                code: rich ? ["https://github.com/lab/p\(number)"] : [], summary: rich ? "In short, item \(number)." : nil,
                abstract: "We study item \(number) at length. It matters.\n\nA second paragraph about item \(number)\(robots).\n")
            return slug
        }
        let days = [
            (0..<60).map { paper($0, day: 0) },
            (60..<100).map { paper($0, day: 1) } + ["p0", "p5"],
            (100..<140).map { paper($0, day: 2) } + ["p60", "p1", "p30"],
            (140..<155).map { paper($0, day: 3) } + ["p100", "p2"],
        ]
        return Archive(
            site: SiteConfig(
                title: "Trending & Co", description: "Papers people read", baseURL: "https://example.org/sub", author: "Ann Editor"),
            taxonomy: Taxonomy(topics: [
                .init(slug: "diffusion", name: "Diffusion", phrases: ["diffusion"]),
                .init(slug: "robots", name: "Robots", phrases: ["robot arms"]),
                .init(slug: "plain", name: "Plain", phrases: ["plain"]),
            ]),
            days: days.enumerated().map { Day(date: dates[$0], source: "feed-\($0).txt", papers: $1) }, papers: papers)
    }

    /// `p30` is on day 0 and day 2, on the diffusion topic's archive page.
    static func edit(_ archive: inout Archive, _ slug: String = "p30", _ change: (inout Paper) -> Void) {
        var paper = archive.papers[slug]!.whole!
        change(&paper)
        archive.papers[slug] = LoadedPaper(paper)
    }

    // MARK: The mutations

    static let mutations: [Mutation] = [
        // A paper's fields: its card (day and topic pages) and its page.
        Mutation(name: "a paper's title", covers: ["Paper.title", "PaperCard.title", "PaperPageContent.title"]) {
            edit(&$0) { $0.title = "Paper 30 on diffusion, revised" }
        },
        Mutation(name: "a paper's abstract, first sentence", covers: ["Paper.abstract", "PaperCard.excerpt", "PaperPageContent.excerpt"]) {
            edit(&$0) { $0.abstract = "We study item thirty at length. It matters.\n\nA second paragraph about item 30.\n" }
        },
        Mutation(name: "a paper's abstract, second paragraph", covers: ["Paper.abstract", "PaperPageContent.abstractHTML"]) {
            edit(&$0) { $0.abstract = "We study item 30 at length. It matters.\n\nA *second* paragraph about item 30.\n" }
        },
        Mutation(
            name: "a paper's authors",
            covers: ["Paper.authors", "PaperCard.authors", "PaperCard.authorCount", "PaperPageContent.authors", "PaperPageInputs.paper"]
        ) {
            edit(&$0) { $0.authors = ["Cy Third"] }
        },
        Mutation(name: "a paper's fourth author: et al. on its card", covers: ["Paper.authors", "PaperCard.authorCount"]) {
            edit(&$0) { $0.authors = ["Ann Author", "Bo Writer", "Cy Third", "Di Fourth"] }
        },
        Mutation(name: "a paper's publication date: its citation", covers: ["Paper.metadata", "PaperPageContent.metadata"]) {
            edit(&$0) { $0.metadata.published = CalendarDate(year: 2025, month: 12, day: 24)! }
        },
        Mutation(name: "a paper's project page", covers: ["Paper.metadata", "PaperPageContent.metadata"]) {
            edit(&$0) { $0.metadata.project = "https://lab.example/thirty" }
        },
        Mutation(name: "a paper's code stars", covers: ["Paper.metadata", "PaperPageContent.metadata"]) {
            edit(&$0) { $0.metadata.codeStars = 321 }
        },
        Mutation(name: "a paper's keywords: its JSON-LD", covers: ["Paper.metadata", "PaperPageContent.metadata"]) {
            edit(&$0) { $0.metadata.keywords = ["denoising"] }
        },
        Mutation(name: "a paper's primary category: its BibTeX", covers: ["Paper.metadata", "PaperPageContent.metadata"]) {
            edit(&$0) { $0.metadata.categories = ["cs.CV", "cs.LG"] }
        },
        Mutation(name: "a paper's code links", covers: ["Paper.code", "PaperPageContent.code"]) {
            edit(&$0) { $0.code = ["https://github.com/lab/thirty"] }
        },
        Mutation(name: "a paper's summary", covers: ["Paper.summary", "PaperPageContent.summary"]) {
            edit(&$0) { $0.summary = "Another sentence." }
        },
        Mutation(name: "a paper's arXiv id", covers: ["Paper.arxiv", "PaperPageContent.arxiv"]) {
            edit(&$0, "p31") { $0.arxiv = "2610.99999" }
        },
        Mutation(name: "a paper's own topics", covers: ["Paper.topics", "PaperCard.topics", "PaperPageContent.topics"]) {
            edit(&$0) { $0.topics = ["robots"] }
        },
        Mutation(
            name: "a paper's first day, to a day not in the archive",
            covers: ["Paper.firstSeen", "PaperCard.firstSeen", "PaperPageContent.firstSeen", "PaperPageInputs.firstSeenHasDay"]
        ) {
            edit(&$0) { $0.firstSeen = CalendarDate(year: 2026, month: 9, day: 30)! }
        },
        Mutation(name: "a paper's slug", covers: ["Paper.slug", "PaperCard.path"]) { archive in
            var paper = archive.papers.removeValue(forKey: "p30")!.whole!
            paper.slug = "p30-renamed"
            archive.papers[paper.slug] = LoadedPaper(paper)
            for index in archive.days.indices {
                archive.days[index].papers = archive.days[index].papers.map { $0 == "p30" ? paper.slug : $0 }
            }
        },
        // p30 and p31 come to share words no other paper has: each lists the other.
        Mutation(
            name: "two papers' abstracts: each other's related paper",
            covers: ["Paper.abstract", "PaperPageContent.abstractHTML", "PaperPageInputs.related"]
        ) { archive in
            for slug in ["p30", "p31"] {
                edit(&archive, slug) { $0.abstract += "\nQuantum annealing schedules for lattice gauge fields.\n" }
            }
        },
        // p150 lists the other robot papers: their titles are shown on its page.
        Mutation(name: "a related paper's title", covers: ["Paper.title", "PaperCard.title", "PaperPageContent.title"]) {
            edit(&$0, "p151") { $0.title = "Paper 151 on robot arms, revised" }
        },
        Mutation(name: "a paper's other front matter", covers: ["Paper.extraFrontMatter"], expectation: .readByNoPage) {
            edit(&$0) { $0.extraFrontMatter = "venue: somewhere\n" }
        },
        // A day's fields, and the lists made from them.
        Mutation(name: "a day's note", covers: ["Day.note", "DayPageInputs.noteHTML"]) { $0.days[1].note = "A *note* on the day." },
        Mutation(name: "a day's source", covers: ["Day.source"], expectation: .readByNoPage) { $0.days[1].source = "other.txt" },
        Mutation(
            name: "a paper's upvotes on its first day: day, topic and paper pages",
            covers: ["Day.upvotes", "DayPageInputs.upvotes", "TopicPageInputs.upvotes", "PaperPageInputs.appearances"]
        ) {
            $0.days[0].upvotes = ["p30": 12]
        },
        Mutation(
            name: "a returning paper's upvotes: that day's and the paper's pages",
            covers: ["Day.upvotes", "DayPageInputs.upvotes", "PaperPageInputs.appearances"]
        ) {
            $0.days[2].upvotes = ["p30": 5]
        },
        Mutation(
            name: "a day's paper order",
            covers: ["Day.papers", "DayPageInputs.papers", "TopicPageInputs.papers", "PaperPageInputs.appearances"]
        ) {
            $0.days[2].papers.swapAt(3, 40)
        },
        Mutation(
            name: "a returning paper added to a day", covers: ["Day.papers", "DayPageInputs.paperCount", "PaperPageInputs.appearances"]
        ) {
            $0.days[3].papers.append("p7")
        },
        Mutation(name: "a paper removed from a day", covers: ["Day.papers", "DayPageInputs.paperCount", "PaperPageInputs.appearances"]) {
            $0.days[3].papers.removeAll { $0 == "p2" }
        },
        Mutation(
            name: "a new paper on a day: the topic's second archive page",
            covers: ["Day.papers", "DayPageInputs.papers", "TopicPageInputs.position", "TopicPageInputs.papers"]
        ) { archive in
            archive.papers["p155"] = LoadedPaper(
                Paper(slug: "p155", title: "Paper 155 on diffusion", firstSeen: dates[3], abstract: "New."))
            archive.days[3].papers.append("p155")
        },
        Mutation(
            name: "a day's date",
            covers: [
                "Day.date", "DayPageInputs.date", "DayPageInputs.previousDate", "DayPageInputs.nextDate", "PaperPageInputs.firstSeenHasDay",
            ]
        ) {
            $0.days[1].date = CalendarDate(year: 2026, month: 10, day: 4)!
        },
        Mutation(name: "a new last day", covers: ["Day.date", "DayPageInputs.nextDate", "PaperPageInputs.appearances"]) {
            $0.days.append(Day(date: CalendarDate(year: 2026, month: 10, day: 9)!, source: "feed-4.txt", papers: ["p3"]))
        },
        // Topics.
        Mutation(
            name: "a topic's name", covers: ["Taxonomy.Topic.name", "SitePageInputs.topicNames", "TopicPageInputs.name"],
            expectation: .shownEverywhereFingerprinted(
                reason:
                    "topic names are in every page's base digest: a lookup per card listed would cost every build more than a rename does")
        ) {
            $0.taxonomy.topics[1].name = "Robotics"
        },
        Mutation(
            name: "a topic's slug", covers: ["Taxonomy.Topic.slug", "SitePageInputs.topicNames", "TopicPageInputs.slug"],
            expectation: .shownEverywhereFingerprinted(reason: "topic slugs are in every page's base digest, with their names")
        ) {
            $0.taxonomy.topics[1].slug = "robotics"
        },
        Mutation(name: "a topic's phrases", covers: ["Taxonomy.Topic.phrases", "PaperCard.topics", "TopicPageInputs.papers"]) {
            $0.taxonomy.topics[2].phrases = [.init("plain"), .init("paper 7 on")]
        },
        // A weight of 0 on a longer phrase takes the words it covers out: p150 is no longer about robots.
        Mutation(name: "a phrase's weight", covers: ["Taxonomy.Topic.phrases", "PaperCard.topics", "TopicPageInputs.papers"]) {
            $0.taxonomy.topics[1].phrases = [.init("robot arms"), .init("paper 150 on robot arms", weight: 0)]
        },
        Mutation(name: "a topic's veto", covers: ["Taxonomy.Topic.veto", "PaperCard.topics", "TopicPageInputs.papers"]) {
            $0.taxonomy.topics[1].veto = ["paper 151"]
        },
        Mutation(name: "a topic's categories", covers: ["Taxonomy.Topic.categories", "PaperCard.topics", "TopicPageInputs.papers"]) {
            $0.taxonomy.topics[1].categories = [.init("cs.RO", weight: 4)]
            edit(&$0, "p153") { $0.metadata.categories = ["cs.RO"] }
        },
        // p150 scores plain 6 and robots 3: robots, asking 100% of the best, is dropped.
        Mutation(
            name: "a topic's relative threshold", covers: ["Taxonomy.Topic.relativeScore", "PaperCard.topics", "TopicPageInputs.papers"]
        ) {
            $0.taxonomy.topics[2].phrases = [.init("plain"), .init("paper 150", weight: 2)]
            $0.taxonomy.topics[1].relativeScore = 100
        },
        Mutation(name: "a topic's own threshold", covers: ["Taxonomy.Topic.minimumScore", "PaperCard.topics", "TopicPageInputs.papers"]) {
            $0.taxonomy.topics[1].minimumScore = 4
        },
        // The site: every page shows it.
        Mutation(name: "the site's title", covers: ["SiteConfig.title", "SitePageInputs.title"]) { $0.site.title = "Trending" },
        Mutation(name: "the site's description", covers: ["SiteConfig.description", "SitePageInputs.description"]) {
            $0.site.description = "What people read"
        },
        Mutation(name: "the site's language", covers: ["SiteConfig.language", "SitePageInputs.language"]) { $0.site.language = "en-GB" },
        Mutation(name: "the site's base URL", covers: ["SiteConfig.baseURL", "SitePageInputs.baseURL", "SitePageInputs.basePath"]) {
            $0.site.baseURL = "https://example.net/papers/"
        },
        Mutation(
            name: "the site's author", covers: ["SiteConfig.author", "SitePageInputs.author"],
            expectation: .inEveryContext(reason: "every page's `site` object has it; the default templates show it on no page")
        ) {
            $0.site.author = "Bo Editor"
        },
        Mutation(name: "the number of feed items", covers: ["SiteConfig.feedItems"], expectation: .readByNoPage) { $0.site.feedItems = 7 },
    ]

    // MARK: Rendering

    struct RenderedPage {
        var fingerprint: UInt64?
        var bytes: [UInt8]
    }

    static let templates = Result { try TemplateLibrary(folder: TestFixtures.repositoryRoot.appendingPathComponent("Templates").path) }

    /// Every page of the archive's site by its path: its fingerprint and its bytes.
    static func render(_ archive: Archive) throws -> [String: RenderedPage] {
        var model = SiteModel(archive: archive)
        _ = model.findRelated()
        let renderer = PageRenderer(model: model, templates: try templates.get())
        var pages: [String: RenderedPage] = [:]
        for page in Page.all(in: model) {
            pages[page.sitePath(in: model)] = RenderedPage(fingerprint: renderer.fingerprint(page), bytes: renderer.renderBytes(page))
        }
        return pages
    }

    // MARK: Tests

    @Test("the small archive has every kind of page: topic archive pages, returning papers, an unlinked first day")
    func archiveShape() throws {
        let pages = try Self.render(Self.archive())
        #expect(pages["topics/diffusion/page/1/"] != nil)
        #expect(pages["topics/diffusion/page/2/"] == nil)
        #expect(pages["topics/robots/"] != nil && pages["topics/plain/"] != nil && pages["topics/other/"] != nil)
        #expect(pages.values.filter { $0.fingerprint != nil }.count == pages.count - 6)
        // The robot papers list each other; the diffusion papers share only common words.
        #expect(String(decoding: try #require(pages["papers/p150/"]).bytes, as: UTF8.self).contains("Paper 151 on robot arms"))
        #expect(!String(decoding: try #require(pages["papers/p30/"]).bytes, as: UTF8.self).contains("Related papers"))
    }

    @Test("changing one input renders again the pages that show it, and only those", arguments: mutations)
    func mutation(_ mutation: Mutation) throws {
        let before = try Self.render(Self.archive())
        var archive = Self.archive()
        mutation.change(&archive)
        let after = try Self.render(archive)
        var stale: [String] = []
        var needless: [String] = []
        var changed = 0
        var fingerprinted = 0
        var moved = 0
        for (path, old) in before {
            guard let new = after[path], let oldFingerprint = old.fingerprint else { continue }
            fingerprinted += 1
            let bytesChanged = old.bytes != new.bytes
            let fingerprintMoved = oldFingerprint != new.fingerprint
            if bytesChanged { changed += 1 }
            if fingerprintMoved { moved += 1 }
            if bytesChanged && !fingerprintMoved { stale.append(path) }
            if fingerprintMoved && !bytesChanged { needless.append(path) }
        }
        #expect(stale.isEmpty, "pages changed without a new fingerprint: \(stale.sorted())")
        switch mutation.expectation {
        case .shown:
            #expect(changed > 0, "no fingerprinted page shows the change")
            #expect(needless.isEmpty, "fingerprints moved on pages that did not change: \(needless.sorted())")
        case .shownEverywhereFingerprinted:
            #expect(changed > 0, "no fingerprinted page shows the change")
            #expect(moved == fingerprinted)
        case .inEveryContext:
            #expect(changed == 0)
            #expect(moved == fingerprinted)
        case .readByNoPage:
            #expect(moved == 0 && changed == 0)
            #expect(before.allSatisfy { path, page in after[path]?.bytes == page.bytes })
        }
    }

    /// The stored fields' names of `value`, as `Type.field`.
    static func fields(_ value: Any, as type: String) -> [String] {
        Mirror(reflecting: value).children.compactMap { $0.label.map { "\(type).\($0)" } }
    }

    @Test("every stored field of every page's inputs, and of the Content they come from, is changed by a mutation")
    func mutationsCoverEveryField() throws {
        let archive = Self.archive()
        var model = SiteModel(archive: archive)
        _ = model.findRelated()
        let renderer = PageRenderer(model: model, templates: try Self.templates.get())
        let paper = try #require(archive.papers["p30"]?.whole)
        let paperModel = try #require(model.papers["p30"])
        var fields = Self.fields(paper, as: "Paper")
        fields += Self.fields(archive.days[0], as: "Day") + Self.fields(archive.site, as: "SiteConfig")
        fields += Self.fields(archive.taxonomy.topics[0], as: "Taxonomy.Topic")
        fields += Self.fields(renderer.contexts.site, as: "SitePageInputs")
        fields += Self.fields(renderer.dayInputs(1), as: "DayPageInputs")
        fields += Self.fields(renderer.topicInputs(0, page: 1), as: "TopicPageInputs")
        fields += Self.fields(renderer.paperInputs(0), as: "PaperPageInputs")
        fields += Self.fields(paperModel.card, as: "PaperCard")
        fields += Self.fields(paperModel.pageSource.content, as: "PaperPageContent")
        let covered = Set(Self.mutations.flatMap(\.covers))
        let missing = fields.filter { !covered.contains($0) }
        #expect(missing.isEmpty, "no mutation changes \(missing): add one to PageInputsTests.mutations")
        #expect(fields.count > 50)
        // A paper page's own file enters its fingerprint as the digest of its content.
        #expect(Self.fields(renderer.paperInputs(0).paper, as: "PaperPageSource") == ["PaperPageSource.model"])
    }
}
