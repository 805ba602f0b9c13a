import Foundation
@testable import PaperboyRender
@testable import PaperboyTemplateCache
import Testing
import TestSupport

/// Pages around a long list are put together from their items' pieces (see ``ListSkeletons``):
/// these tests render every context both ways and compare the bytes, for templates that use
/// the list in every way a template can, and check which pages were put together.
@Suite("List skeletons")
struct ListSkeletonTests {
    /// A page template, and whether its pages can be put together from items (when not, a
    /// probe shows it and they are rendered directly).
    struct Case: CustomStringConvertible {
        let description: String
        let page: String
        var card = "{{x}}"
        let putTogether: Bool
    }

    static let cases = [
        Case(
            description: "one section with an indented partial",
            page: "<ol>\n{{#items}}\n  {{> paper-card}}\n{{/items}}\n</ol>\n{{root}}\n",
            card: "<li>{{x}}\n{{#flag}}  yes {{y}}\n{{/flag}}{{^flag}}no\n{{/flag}}</li>\n", putTogether: true),
        Case(
            description: "items beside texts outside the list",
            page: "{{title}}\n{{#items}}<li>{{root}}{{x}}{{#flag}} {{title}}{{/flag}}</li>{{/items}}{{title}}", putTogether: true),
        Case(
            description: "the section inside an indented partial", page: "<main>\n    {{> paper-card}}\n{{title}}\n</main>\n",
            card: "<ul>\n{{#items}}\n<li>{{x}}</li>\n{{y}}\n{{/items}}\n</ul>\n", putTogether: true),
        Case(
            description: "an inverted section and the list as text",
            page: "{{^items}}none{{/items}}{{items}}{{{items}}}{{#items}}{{x}}\n{{/items}}{{title}}", putTogether: true),
        Case(
            description: "two sections, each with item texts", page: "{{#items}}a{{x}}{{/items}}|{{#items}}b{{y}}{{/items}}",
            putTogether: false),
        Case(
            description: "a second section with no item texts", page: "{{#items}}{{x}}{{/items}}|{{#items}}*{{/items}}", putTogether: false),
        Case(description: "the list nested in itself", page: "{{#items}}[{{x}}{{#items}}{{y}}{{/items}}]{{/items}}", putTogether: false),
        Case(description: "items that show no text of their own", page: "{{#items}}<li>{{root}}</li>{{/items}}", putTogether: false),
    ]

    @Test("pages around a long list render the same put together from items as directly", arguments: cases)
    func pages(_ testCase: Case) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-lists-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try TemplateSkeletonTests.writeStressTemplates(to: folder, page: testCase.page, card: testCase.card)
        let direct = try TemplateLibrary(folder: folder.path)
        let library = try TemplateLibrary(folder: folder.path).withSkeletons()
        var random = SplitMix64(seed: TemplateSkeletonTests.seed)
        let seedNote = Comment(rawValue: "\(testCase), seed \(random.state) (PAPERBOY_SKELETON_SEED)")
        // Items of a few kinds, so that kinds and pairs come back and pages are put together.
        let kinds = (0..<3).map { _ in ItemKind(&random) }
        let before = try #require(library.skeletons?.renderCounts)
        var pages = 0
        for _ in 0..<40 {
            let items = (0..<Int.random(in: ContextShape.minimumListLength...20, using: &random)).map { _ in
                kinds.randomElement(using: &random)!.item(&random)
            }
            let context: TemplateObject = [
                "title": .text(["A & B", "ends a line\n", "café"].randomElement(using: &random)!),
                "items": .list(items), "root": .text("../"),
            ]
            #expect(Array(library.render("paper", context).utf8) == Array(direct.mustache.render("paper", context).utf8), seedNote)
            pages += 1
        }
        let after = try #require(library.skeletons?.renderCounts)
        let filled = after.filled - before.filled
        if testCase.putTogether {
            // The first pages of each frame, and those with a kind or pair not met before, are rendered directly.
            #expect(filled >= pages * 3 / 4, seedNote)
        } else {
            #expect(library.skeletons?.lists.filledCount == 0, seedNote)
        }
    }

    /// Items that find the page's list again (a name they lack is looked up in the page),
    /// under one kind only, so that what they add falls between items in every probe.
    @Test(
        "a list gone through again from inside an item, or by a second section, is never put together",
        arguments: [
            "{{#items}}<{{x}}>{{#c}}{{#items}}{{#m}}W{{/m}}{{/items}}{{/c}}{{/items}}",
            "{{#items}}<{{x}}>{{#items}}{{#m}}W{{/m}}{{/items}}{{/items}}",
            "{{#items}}<{{x}}>{{/items}}|{{#items}}{{#c}}{{#items}}{{#m}}W{{/m}}{{/items}}{{/c}}{{/items}}",
        ])
    func listFoundAgain(page: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-lists-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try TemplateSkeletonTests.writeStressTemplates(to: folder, page: page)
        let direct = try TemplateLibrary(folder: folder.path)
        let library = try TemplateLibrary(folder: folder.path).withSkeletons()
        // In the second template, X and Y have lists of their own and C finds the page's.
        let c: TemplateObject = ["x": .text("c"), "c": .flag(true)]
        let x: TemplateObject = ["x": .text("x"), "m": .flag(true), "items": .list([])]
        let y: TemplateObject = ["x": .text("y"), "items": .list([])]
        let pages = [
            [c, x, y, y, y, y, y, y], [x, y, x, y, y, y, y, y], [c, x, y, x, y, y, y, y], [c, y, y, y, y, y, y, y],
            [y, x, y, y, y, y, y, y], [c, y, x, y, y, y, y, y],
        ]
        for _ in 1...3 {
            for items in pages {
                let context: TemplateObject = ["items": .list(items)]
                #expect(
                    Array(library.render("paper", context).utf8) == Array(direct.mustache.render("paper", context).utf8),
                    "\(items.map { $0["x"] })")
            }
        }
        #expect(library.skeletons?.lists.filledCount == 0)
    }

    @Test("texts that end lines, join carriage returns, or look like sentinels, in items of many kinds")
    func trickyItems() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-lists-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try TemplateSkeletonTests.writeStressTemplates(to: folder, page: Self.cases[0].page, card: Self.cases[0].card + "{{{y}}}\n  {{x}}")
        let direct = try TemplateLibrary(folder: folder.path)
        let library = try TemplateLibrary(folder: folder.path).withSkeletons()
        var random = SplitMix64(seed: TemplateSkeletonTests.seed)
        let seedNote = Comment(rawValue: "seed \(random.state) (PAPERBOY_SKELETON_SEED)")
        for _ in 0..<150 {
            let kinds = (0..<Int.random(in: 1...6, using: &random)).map { _ in ItemKind(&random, tricky: true) }
            let items = (0..<Int.random(in: ContextShape.minimumListLength...14, using: &random)).map { _ in
                kinds.randomElement(using: &random)!.item(&random)
            }
            let context: TemplateObject = ["items": .list(items), "root": .text(Bool.random(using: &random) ? "\r" : "./\n")]
            #expect(Array(library.render("paper", context).utf8) == Array(direct.mustache.render("paper", context).utf8), seedNote)
        }
    }

    @Test("a context's longest list of its own is the one put together, from eight items up")
    func whichList() throws {
        let short: [TemplateObject] = Array(repeating: ["x": .text("a")], count: ContextShape.minimumListLength - 1)
        let long: [TemplateObject] = Array(repeating: ["x": .text("a")], count: ContextShape.minimumListLength + 1)
        #expect(ContextShape(template: "t", context: ["items": .list(short)])?.list == nil)
        let shape = try #require(
            ContextShape(template: "t", context: ["a": .text("1"), "feeds": .list(short), "items": .list(long), "b": .text("2")]))
        let list = try #require(shape.list)
        #expect(list.index == 2)
        #expect(list.textsBefore == 1 + short.count)
        #expect(list.textCount == long.count)
        #expect(list.items.map(\.texts) == (0..<long.count).map { 1 + short.count + $0..<2 + short.count + $0 })
        // The frame is the same whatever the items are.
        let other = try #require(
            ContextShape(
                template: "t",
                context: ["a": .text("3"), "feeds": .list(short), "items": .list(long + [["y": .flag(true)]]), "b": .text("4")]))
        #expect(shape.frameKey(list) == other.frameKey(try #require(other.list)))
        #expect(ContextShape(template: "t", context: ["items": .list(long)], findList: false)?.list == nil)
    }
}

/// A kind of item: which of `x`, `y` and `flag` it has, and what kind of text each is.
private struct ItemKind {
    let x: [String]?, y: [String]?, flag: Bool?

    /// Plain kinds show texts that are never empty (a list used twice then always shows in
    /// the probes); tricky ones have any texts, or none.
    init(_ random: inout SplitMix64, tricky: Bool = false) {
        let plain = [["x", "A & B \"q\" <tag>", "caf\u{E9}", "🧪"], ["one line\n", "a <b>\n"]]
        let odd = [
            ["\n"], [""], ["ends with CR\r", "\r"], ["ends with CRLF\r\n"], ["\u{E000}0\u{E001}"],
            ["e\u{301}", "\u{301}starts with a mark"],
        ]
        func texts() -> [String]? {
            guard tricky else { return plain.randomElement(using: &random)! }
            return Int.random(in: 0..<4, using: &random) == 0 ? nil : (plain + odd).randomElement(using: &random)!
        }
        x = texts()
        y = texts()
        flag = Int.random(in: 0..<3, using: &random) == 0 ? nil : Bool.random(using: &random)
    }

    func item(_ random: inout SplitMix64) -> TemplateObject {
        var item: TemplateObject = [:]
        if let x { item["x"] = .text(x.randomElement(using: &random)!) }
        if let y { item["y"] = .text(y.randomElement(using: &random)!) }
        if let flag { item["flag"] = .flag(flag) }
        return item
    }
}
