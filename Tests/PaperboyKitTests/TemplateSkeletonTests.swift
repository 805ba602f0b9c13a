import Foundation
@testable import PaperboyContent
@testable import PaperboyCore
@testable import PaperboyRender
@testable import PaperboySite
@testable import PaperboyTemplateCache
import Testing
import TestSupport

/// Pages filled from a skeleton (see ``TemplateSkeletons``) must be byte-identical to what
/// swift-mustache renders: these tests render every context both ways and compare.
@Suite("Template skeletons")
struct TemplateSkeletonTests {
    @Test("templates with transforms, set delimiters, pragmas or sentinel characters are rendered directly")
    func whichTemplates() {
        #expect(TemplateSkeletons.canRender(["<p>{{title}}</p>{{#a}}{{{b}}}{{/a}}{{> x}}{{! a comment (with parentheses) }}"]))
        #expect(!TemplateSkeletons.canRender(["<p>{{uppercased(title)}}</p>"]))
        #expect(!TemplateSkeletons.canRender(["{{#papers}}{{#first()}}1{{/first()}}{{/papers}}"]))
        #expect(!TemplateSkeletons.canRender(["{{=<% %>=}}<%title%>"]))
        #expect(!TemplateSkeletons.canRender(["{{% CONTENT_TYPE: TEXT}}{{title}}"]))
        #expect(!TemplateSkeletons.canRender(["ok", "a \u{E000} b"]))
        // A brace beside a non-ASCII byte may be one character with it for the parser (U+0600
        // joins the `{` after it, so `{{{%` reads as a pragma): such templates are rendered directly.
        #expect(!TemplateSkeletons.canRender(["<!--\u{0600}{{{% CONTENT_TYPE: HTML}}--><p>{{title}}</p>"]))
        #expect(!TemplateSkeletons.canRender(["\u{0600}{{{=<% %>=}}<p><%lowercased(title)%></p>"]))
        #expect(!TemplateSkeletons.canRender(["café{{title}}"]))
        #expect(TemplateSkeletons.canRender(["café {{title}} ünïcode"]))
        // `!` with a mark after it is no comment: its parentheses count.
        #expect(!TemplateSkeletons.canRender(["{{!\u{308}(x)}}"]))
    }

    /// The seed of the generated archives and contexts: `PAPERBOY_SKELETON_SEED` (a number, or
    /// `random`) or 1631573877, a seed that once found a bug (two random shapes that are one
    /// context shape).
    static let seed = SplitMix64.seed(from: "PAPERBOY_SKELETON_SEED", fixed: 1_631_573_877)

    @Test("every page of a generated archive renders the same from skeletons as directly")
    func sitePages() throws {
        var random = SplitMix64(seed: Self.seed)
        let seedNote = Comment(rawValue: "seed \(random.state) (PAPERBOY_SKELETON_SEED)")
        let model = SiteModel(archive: Self.archive(&random))
        let templates = TestFixtures.repositoryRoot.appendingPathComponent("Templates").path
        let direct = PageRenderer(model: model, templates: try TemplateLibrary(folder: templates))
        let library = try TemplateLibrary(folder: templates).withSkeletons()
        let filled = PageRenderer(model: model, templates: library)
        let pages = Page.all(in: model)
        let expected = pages.map(direct.render)
        #expect(direct.templates.skeletons == nil)
        // A shape's first page is rendered directly, its second makes the skeleton, the
        // third is filled: by the third pass, every page but those listing the paper whose
        // texts look like sentinels is filled.
        for pass in 1...3 {
            let before = try #require(library.skeletons?.renderCounts)
            for (page, html) in zip(pages, expected) {
                #expect(Array(filled.render(page).utf8) == Array(html.utf8), "pass \(pass), \(page), \(seedNote)")
            }
            let after = try #require(library.skeletons?.renderCounts)
            if pass == 3 { #expect(after.filled - before.filled > 2 * (after.direct - before.direct), seedNote) }
        }
    }

    @Test("texts that are empty, end a line, join a carriage return, or look like sentinels, in indented partials and nested sections")
    func trickyTexts() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-skeleton-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.writeStressTemplates(to: folder)
        let direct = try TemplateLibrary(folder: folder.path)
        let library = try TemplateLibrary(folder: folder.path).withSkeletons()
        var random = SplitMix64(seed: Self.seed)
        let seedNote = Comment(rawValue: "seed \(random.state) (PAPERBOY_SKELETON_SEED)")
        // Contexts by shape: the first is seen, the second makes the skeleton, the others are
        // filled from it. Counted by the shape's key: two random shapes can be one context shape.
        var walked: [[UInt8]: Int] = [:]
        for _ in 0..<150 {
            let shape = StressShape(&random)
            for _ in 1...4 {
                let context = shape.context(&random)
                let before = try #require(library.skeletons?.renderCounts)
                #expect(Array(library.render("paper", context).utf8) == Array(direct.mustache.render("paper", context).utf8), seedNote)
                let after = try #require(library.skeletons?.renderCounts)
                // Filled from the third time on, not counting contexts with a text that looks
                // like a sentinel (rendered directly).
                var filled = false
                if let key = ContextShape(template: "paper", context: context)?.key {
                    walked[key, default: 0] += 1
                    filled = walked[key]! >= 3
                }
                #expect(after.filled - before.filled == (filled ? 1 : 0), seedNote)
            }
        }
    }

    @Test("while a skeleton renders, the escaper marks exact sentinels and calls anything else holding one spoiled")
    func escapingSentinels() {
        let rendering = TemplateSkeleton.Rendering()
        RenderWatching.$current.withValue(rendering) {
            #expect(HTMLEscaping.escape(TemplateSkeleton.sentinel(12, ending: .lineFeed)) == "\u{E002}12\u{E001}\n")
            #expect(HTMLEscaping.escape(TemplateSkeleton.sentinel(3, ending: .none)) == "\u{E002}3\u{E001}")
            #expect(!rendering.isSpoiled)
            _ = HTMLEscaping.escape("a " + TemplateSkeleton.sentinel(0, ending: .none))
            #expect(rendering.isSpoiled)
        }
        // Outside a skeleton, such characters are text like any other.
        #expect(HTMLEscaping.escape("<\u{E000}1\u{E001}>") == "&lt;\u{E000}1\u{E001}&gt;")
        // Filling bytes escapes as the escaper does.
        for text in Self.texts + ["", "&", "<<>>\"'", "a&b<c>d\"e'f", "\u{E000}0\u{E001}&"] {
            var bytes: [UInt8] = [0x41]
            HTMLEscaping.append(escaping: text, to: &bytes)
            #expect(bytes == [0x41] + Array(HTMLEscaping.escape(text).utf8), "\(text)")
        }
    }

    @Test("a template object keeps its names in the order first set, and templates read it as a dictionary")
    func templateObject() throws {
        var object: TemplateObject = ["b": .text("1"), "a": .number(2)]
        object["b"] = .text("3")
        object["c"] = .flag(true)
        object["a"] = nil
        #expect(object.names == ["b", "c"])
        #expect(object.count == 2)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-object-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.writeStressTemplates(
            to: folder,
            page:
                "{{count(page)}} {{#empty(page)}}empty{{/empty(page)}}{{#page}}{{b}}{{/page}} {{page.b}} {{#enumerated(page)}}{{key}}{{/enumerated(page)}} {{#sorted(page)}}{{key}}{{/sorted(page)}}"
        )
        let library = try TemplateLibrary(folder: folder.path).withSkeletons()
        #expect(library.skeletons == nil)
        #expect(library.render("paper", ["page": .object(object)]) == "2 3 3 bc bc")
        #expect(library.render("paper", ["page": .object(["z": .text("x"), "y": .text("w")])]) == "2   zy yz")
    }

    @Test("a standalone tag on a template's first line leaves no blank line, and errors name the template's own line")
    func firstLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-first-line-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.writeStressTemplates(to: folder, page: "{{#flag}}\nyes\n{{/flag}}\n{{^flag}}\nno\n{{/flag}}\n")
        let library = try TemplateLibrary(folder: folder.path).withSkeletons()
        #expect(library.render("paper", ["flag": .flag(true)]) == "yes\n")
        #expect(library.mustache.render("paper", ["flag": .flag(false)]) == "no\n")
        try Data("<p>\n{{title}}\n{{/nope}}\n<p>\n".utf8).write(to: folder.appendingPathComponent("paper.mustache"))
        do {
            _ = try TemplateLibrary(folder: folder.path)
            Issue.record("a broken template loaded")
        } catch {
            #expect(error.diagnostics.map(\.line) == [3], "\(error)")
        }
    }

    // MARK: Generated archive

    static let texts = [
        "Plain title", "A & B <i>not italic</i> \"quoted\" 'single'", "Café naïve — ünïcödé", "e\u{301} combining",
        "Right-to-left: \u{05E9}\u{05DC}\u{05D5}\u{05DD}", "Ends with a line feed\n", "Two lines\nof text", "Ends with CR\r",
        "Emoji 🧪 and ZWJ 👩‍🔬", "{{title}} braces",
    ]

    static func archive(_ random: inout SplitMix64) -> Archive {
        var papers: [String: Paper] = [:]
        var days: [Day] = []
        var slugs: [String] = []
        for dayIndex in 0..<8 {
            let date = CalendarDate(year: 2026, month: 10, day: 1 + dayIndex * 3)!
            var listed: [String] = []
            var upvotes: [String: Int] = [:]
            for _ in 0..<Int.random(in: 3...14, using: &random) {
                if !slugs.isEmpty, Int.random(in: 0..<3, using: &random) == 0 {
                    let slug = slugs.randomElement(using: &random)!
                    if !listed.contains(slug) {
                        listed.append(slug)
                        if Bool.random(using: &random) { upvotes[slug] = Int.random(in: 0...500, using: &random) }
                    }
                    continue
                }
                let slug = "paper-\(slugs.count)"
                slugs.append(slug)
                listed.append(slug)
                if Bool.random(using: &random) { upvotes[slug] = Int.random(in: 0...500, using: &random) }
                func text() -> String { texts.randomElement(using: &random)! }
                let authors = (0..<Int.random(in: 0...5, using: &random)).map { _ in text() }
                let code = (0..<Int.random(in: 0...2, using: &random)).map { _ in
                    "https://github.com/owner/repo\(Int.random(in: 0...9, using: &random))"
                }
                // The first paper's texts look like sentinels: the pages showing them are rendered directly.
                let looksLikeSentinels = slugs.count == 1
                papers[slug] = Paper(
                    slug: slug, title: looksLikeSentinels ? "Looks like a sentinel \u{E000}0\u{E001}" : text() + " diffusion",
                    firstSeen: date,
                    arxiv: Bool.random(using: &random) ? "2611.\(10000 + slugs.count)" : nil, authors: authors, code: code,
                    summary: looksLikeSentinels ? "\u{E002}7\u{E001}" : Bool.random(using: &random) ? text() : nil,
                    abstract: "An abstract: \(text())\n\nSecond *paragraph* & more.\n",
                    metadata: Bool.random(using: &random)
                        ? PaperMetadata(
                            published: CalendarDate(year: 2025, month: 1 + dayIndex, day: 2),
                            project: Bool.random(using: &random) ? "https://example.com/\(slug)?a=1&b=2" : nil,
                            codeStars: code.isEmpty ? nil : Int.random(in: 0...5000, using: &random), keywords: [text(), text()],
                            categories: Bool.random(using: &random) ? ["cs.LG", "cs.CV"] : [])
                        : PaperMetadata())
            }
            days.append(Day(date: date, source: "feed-\(dayIndex).txt", papers: listed, upvotes: upvotes))
        }
        return Archive(
            site: SiteConfig(title: "Trending & <Tested>", description: "A \"site\" of papers", baseURL: "https://example.org/sub"),
            taxonomy: Taxonomy(topics: [
                .init(slug: "diffusion", name: "Diffusion & Co", phrases: ["diffusion"]),
                .init(slug: "plain", name: "Plain", phrases: ["plain"]),
            ]),
            days: days, papers: papers)
    }

    // MARK: Stress templates

    /// The page template exercises every tag kind around texts; partials are indented, so
    /// swift-mustache's indentation (which looks at the output's last character) is in play.
    static let stressPage = """
        <p>{{title}}|{{{title}}}|{{&title}}|{{title.string}}|{{missing}}</p>
        {{#summary}}[{{.}}]{{/summary}}{{^summary}}no summary{{/summary}}
          {{> paper-item}}
        {{#items}}
            {{> paper-card}}
        {{/items}}
        {{^items}}no items{{/items}}
        {{#flag}}yes {{title}}{{/flag}}{{^flag}}no{{/flag}}
        {{#nested}}{{#inner}}<{{text}}>{{{text}}}{{title}}{{/inner}}{{/nested}}{{nested.inner.text}}
        {{count}}{{#count}}counted {{.}}{{/count}}
        [{{nested}}{{{nested}}}{{items}}{{{items}}}{{#nested}}{{.}}{{/nested}}|{{{items.items}}}|{{items.items}}|{{{nested.names}}}]
        """

    static let stressCard = "{{x}}\n{{#y}}{{.}}\n{{/y}}{{^y}}none\n{{/y}}"

    static func writeStressTemplates(to folder: URL, page: String = stressPage, card: String = stressCard) throws {
        var files = [
            "paper.mustache": page,
            "partials/paper-item.mustache":
                "line {{a}}\n{{b}}\n{{{c}}}\n{{#b}}b again: {{b}}\n{{/b}}pair {{a}}{{b}}tail\ncr\r{{b}}more\nend\n",
            "partials/paper-card.mustache": card,
        ]
        for name in TemplateLibrary.pageTemplates where files["\(name).mustache"] == nil { files["\(name).mustache"] = "\(name)\n" }
        for name in TemplateLibrary.partials where files["partials/\(name).mustache"] == nil {
            files["partials/\(name).mustache"] = "\(name)\n"
        }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("partials"), withIntermediateDirectories: true)
        for (path, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(path)) }
    }
}

/// A random context shape for the stress templates: which keys are present, list lengths,
/// booleans, and for each text its kind (empty, a lone line feed, ending a line, other).
private struct StressShape {
    enum Kind: CaseIterable { case empty, lineFeed, endsLine, other, carriageReturn }
    enum Value {
        case text(Kind)
        case number
        case flag(Bool)
        case object([(String, Value)])
        case list([[(String, Value)]])
    }

    let root: [(String, Value)]

    init(_ random: inout SplitMix64) {
        func text() -> Value? {
            Int.random(in: 0..<5, using: &random) == 0 ? nil : .text(Kind.allCases.randomElement(using: &random)!)
        }
        var root: [(String, Value)] = []
        for key in ["title", "summary", "a", "b", "c"] { if let value = text() { root.append((key, value)) } }
        if Bool.random(using: &random) { root.append(("flag", .flag(Bool.random(using: &random)))) }
        if Bool.random(using: &random) { root.append(("count", .number)) }
        let items = (0..<Int.random(in: 0...3, using: &random)).map { _ -> [(String, Value)] in
            var item: [(String, Value)] = []
            if let x = text() { item.append(("x", x)) }
            if let y = text() { item.append(("y", y)) }
            return item
        }
        if Bool.random(using: &random) { root.append(("items", .list(items))) }
        if let inner = text() { root.append(("nested", .object([("inner", .object([("text", inner)]))]))) }
        self.root = root
    }

    static let texts: [Kind: [String]] = [
        .empty: [""],
        .lineFeed: ["\n"],
        .endsLine: ["one line\n", "a <b> & c\n", "two\nlines\n", "\n\n", "\u{E000}1\u{E001}\n"],
        .other: ["x", "A & B \"q\" 'a' <tag>", "e\u{301}", "\nstarts a line", "ends with CRLF\r\n", "caf\u{E9}", "\u{E000}0\u{E001}", "🧪"],
        .carriageReturn: ["\r", "ends with CR\r"],
    ]

    func context(_ random: inout SplitMix64) -> TemplateObject {
        func object(_ entries: [(String, Value)]) -> TemplateObject {
            var object: TemplateObject = [:]
            for (key, value) in entries { object[key] = make(value) }
            return object
        }
        func make(_ value: Value) -> TemplateValue {
            switch value {
            case let .text(kind): return .text(Self.texts[kind]!.randomElement(using: &random)!)
            case .number: return .number(Int.random(in: 0...100, using: &random))
            case let .flag(flag): return .flag(flag)
            case let .object(entries): return .object(object(entries))
            case let .list(items): return .list(items.map(object))
            }
        }
        return object(root)
    }
}

extension TemplateLibrary {
    /// The skeletons in front of swift-mustache, when there are.
    var skeletons: TemplateSkeletons? { (rendering as? SkeletonRendering)?.skeletons }
}
