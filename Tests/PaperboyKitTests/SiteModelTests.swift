@testable import PaperboyContent
@testable import PaperboyCore
@testable import PaperboyRender
@testable import PaperboySite
import Testing
import TestSupport

@Suite("Site model")
struct SiteModelTests {
    @Test("excerpts: the first sentence, or two when it is short; abbreviations are not ends")
    func excerpts() {
        #expect(SiteModel.excerpt(of: "Short one. Second one. Third one.") == "Short one. Second one.")
        let long = String(repeating: "word ", count: 40) + "end. Next sentence."
        #expect(SiteModel.excerpt(of: long) == long.components(separatedBy: " Next").first!)
        #expect(
            SiteModel.excerpt(of: "We use e.g. tricks, i.e. hacks, as in Smith et al. today. Then more. And more.")
                == "We use e.g. tricks, i.e. hacks, as in Smith et al. today. Then more.")
        let endless = String(repeating: "x", count: 2000)
        let cut = SiteModel.excerpt(of: endless)
        #expect(cut.count == 300 && cut.hasSuffix("…"))
        #expect(SiteModel.excerpt(of: "No full stop at all") == "No full stop at all")
        #expect(SiteModel.excerpt(of: String(repeating: "é", count: 400) + ".").count == 300)
    }

    @Test("an ASCII excerpt is counted and cut by bytes exactly as by characters")
    func asciiExcerpts() {
        let seed = SplitMix64.seed(from: "PAPERBOY_SEED", fixed: 7)
        var random = SplitMix64(seed: seed)
        let alphabet = Array("ab .!?\u{0B}\u{0C}\t-".utf8)
        for _ in 0..<2_000 {
            let body = ArraySlice((0..<Int.random(in: 0...700, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            for cutShort in [false, true] {
                #expect(
                    SiteModel.asciiExcerpt(body, cutShort: cutShort) == SiteModel.excerpt(body, cutShort: cutShort),
                    "\(String(decoding: body, as: UTF8.self).debugDescription), seed \(seed) (PAPERBOY_SEED)")
            }
        }
    }

    @Test("papers newest first, ties by rank; topics in taxonomy order with other last; appearances with ranks")
    func ordering() {
        let d1 = CalendarDate("2026-11-25")!
        let d2 = CalendarDate("2026-11-26")!
        func paper(_ slug: String, _ day: CalendarDate, _ title: String) -> Paper {
            Paper(slug: slug, title: title, firstSeen: day, abstract: "An abstract.\n")
        }
        let archive = Archive(
            site: SiteConfig(title: "T", description: "D", baseURL: "https://example.org/sub"),
            taxonomy: Taxonomy(topics: [.init(slug: "diffusion", name: "Diffusion", phrases: ["diffusion"])]),
            days: [Day(date: d2, source: "b", papers: ["c", "a"]), Day(date: d1, source: "a", papers: ["a", "b"])],
            papers: ["a": paper("a", d1, "Diffusion A"), "b": paper("b", d1, "B"), "c": paper("c", d2, "Diffusion C")])
        let model = SiteModel(archive: archive)
        #expect(model.site.baseURL == "https://example.org/sub/")
        #expect(model.site.basePath == "/sub/")
        #expect(model.days.map(\.date) == [d1, d2])
        #expect(model.papersNewestFirst == ["c", "a", "b"])
        #expect(model.topics.map(\.slug) == ["diffusion", "other"])
        #expect(model.topics[0].papers == ["c", "a"])
        #expect(model.papers["a"]!.appearances == [.init(date: d1, rank: 1), .init(date: d2, rank: 2)])
        #expect(model.papers["a"]!.abstractHTML == "<p>An abstract.</p>\n")
        #expect(model.absoluteURL(model.papers["a"]!.path) == "https://example.org/sub/papers/a/")
        let pages = Page.all(in: model)
        #expect(pages.count == 6 + 2 + 2 + 3)
        #expect(Page.topic(0, page: 0).sitePath(in: model) == "topics/diffusion/")
        #expect(Page.topic(0, page: 2).sitePath(in: model) == "topics/diffusion/page/2/")
        #expect(PageRenderer.relativeRoot(for: "topics/diffusion/page/2/") == "../../../../")
        #expect(PageRenderer.relativeRoot(for: "") == "./")
    }

    @Test("the papers each day and topic list, found through appearances and topics, are the ones their slugs name")
    func listedPapers() {
        let d1 = CalendarDate("2026-11-25")!, d2 = CalendarDate("2026-11-26")!, d3 = CalendarDate("2026-11-27")!
        func paper(_ slug: String, _ day: CalendarDate, _ title: String, topics: [String] = []) -> Paper {
            Paper(slug: slug, title: title, firstSeen: day, topics: topics, abstract: "Text.\n")
        }
        let archive = Archive(
            site: SiteConfig(title: "T", description: "D", baseURL: "https://example.org/"),
            taxonomy: Taxonomy(topics: [
                .init(slug: "diffusion", name: "Diffusion", phrases: ["diffusion"]),
                .init(slug: "agents", name: "Agents", phrases: ["agent"]),
            ]),
            days: [
                Day(date: d1, source: "a", papers: ["a", "b"]), Day(date: d2, source: "b", papers: ["c", "a", "d"]),
                Day(date: d3, source: "c", papers: ["d", "missing", "b"]),
            ],
            papers: [
                "a": paper("a", d1, "Diffusion A"), "b": paper("b", d1, "Agent B", topics: ["diffusion"]),
                "c": paper("c", d2, "Diffusion agent C"), "d": paper("d", d2, "D"),
            ])
        let model = SiteModel(archive: archive)
        #expect(model.isMadeFromArchive)
        let listed = model.listedPapers()
        // The same lists as looking every slug up, which a model made by hand gets.
        let byHand = SiteModel(
            site: model.site, days: model.days, papers: model.papers, topics: model.topics, papersNewestFirst: model.papersNewestFirst)
        #expect(!byHand.isMadeFromArchive)
        let looked = byHand.listedPapers()
        #expect(listed.days.map { $0.map(\.slug) } == [["a", "b"], ["c", "a", "d"], ["d", "b"]])
        #expect(listed.days.map { $0.map(\.slug) } == looked.days.map { $0.map(\.slug) })
        #expect(listed.topics.map { $0.map(\.slug) } == model.topics.map(\.papers))
        #expect(listed.topics.map { $0.map(\.slug) } == looked.topics.map { $0.map(\.slug) })
        #expect(model.newestFirst.map(\.slug) == model.papersNewestFirst)
    }
}
