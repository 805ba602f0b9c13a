import Foundation
@testable import PaperboyContent
@testable import PaperboyCore
@testable import PaperboyIncremental
import Testing

/// The two ways Content is read: every file parsed (the reference) and unchanged files taken
/// from the content cache. The loader's result must not tell them apart.
@Suite("Content read parsed or cached")
struct ContentReadingTests {
    /// A content cache held in memory, as the last command would have left it.
    struct MemoryStore: ContentCacheStore {
        var cache: ContentCache
        func load(_ layout: ContentLayout, derivedKey: UInt64, withHeavyPart: Bool) -> ContentCache? { cache }
    }

    static let date = CalendarDate("2026-11-26")!

    /// Three papers and two days; the second day lists a paper that does not exist and one
    /// paper's first_seen is after its first day: the loader reports both.
    static func content() throws -> ContentLayout {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-reading-\(UUID().uuidString)").path
        let layout = ContentLayout(root: root)
        try FileIO.createDirectory(layout.papersFolder)
        try FileIO.createDirectory(layout.daysFolder)
        let repository = TestFixtures.repositoryRoot.path + "/Content/"
        try FileIO.write(try FileIO.read(repository + "site.yml"), to: layout.siteFile)
        try FileIO.write(try FileIO.read(repository + "topics.yml"), to: layout.topicsFile)
        let next = CalendarDate("2026-11-27")!
        let papers = [
            Paper(slug: "a", title: "Diffusion A", firstSeen: date, authors: ["Ann"], abstract: "About diffusion.\n"),
            Paper(slug: "b", title: "Robots B", firstSeen: next, code: ["https://github.com/x/y"], abstract: "Robot arms.\n"),
            Paper(slug: "c", title: "Speech C", firstSeen: next, summary: "Short.", abstract: "Speech.\n", extraFrontMatter: "venue: X\n"),
        ]
        for paper in papers { try FileIO.write(Array(paper.fileText.utf8), to: layout.paperFile(paper.slug)) }
        for day in [Day(date: date, source: "f1.txt", papers: ["a", "c"]), Day(date: next, source: "f2.txt", papers: ["b", "gone", "a"])] {
            try FileIO.write(Array(day.fileText.utf8), to: layout.dayFile(day.date))
        }
        return layout
    }

    /// The cache a command would leave after reading `layout` now: every file, with its identity.
    static func cache(of layout: ContentLayout) throws -> ContentCache {
        var cache = ContentCache()
        for name in FileIO.list(layout.papersFolder) {
            let path = layout.papersFolder + "/" + name
            let paper = try ContentLoader.parsePaper(at: path, name: name)
            cache.papers[name] = ContentCache.PaperEntry(
                identity: try #require(FileIO.identity(path)), paper: LoadedPaper(paper),
                titleKey: PaperIdentity.normalizedTitle(paper.title))
        }
        for name in FileIO.list(layout.daysFolder) {
            let path = layout.daysFolder + "/" + name
            var lines: [Int] = []
            let day = try Day(fileText: try FileIO.readText(path), file: path, slugLines: &lines)
            cache.days[name] = ContentCache.DayEntry(identity: try #require(FileIO.identity(path)), day: day, slugLines: lines)
        }
        // As read back from its file: papers walked beside the listing, days listing them by position.
        return ContentCache.decode(cache.encoded(), derivedKey: 0)
    }

    static func expectSame(_ plain: ContentLoader.Result, _ cached: ContentLoader.Result) {
        #expect(plain.diagnostics.map(\.description) == cached.diagnostics.map(\.description))
        #expect(plain.days == cached.days)
        #expect(plain.papers == cached.papers)
        #expect(plain.slugByTitle["diffusion a"] == cached.slugByTitle["diffusion a"])
    }

    @Test func aCachedLoadEqualsAParsedOne() throws {
        let layout = try Self.content()
        defer { FileIO.remove(layout.root) }
        let plain = ContentLoader(content: layout.root, contentCache: nil).load()
        #expect(plain.diagnostics.count == 2, "\(plain.diagnostics)")
        #expect(plain.cache.reused == 0 && plain.cache.papers.count == 0, "the reference path keeps nothing")

        let previous = try Self.cache(of: layout)
        #expect(previous.days["2026-11-27.md"]?.storedPositions == [1, -1, 0])
        let cached = ContentLoader(content: layout.root, contentCache: MemoryStore(cache: previous)).load()
        #expect(cached.cache.reused == 5, "three papers and two days, none parsed")
        Self.expectSame(plain, cached)

        // A paper changed since: parsed again, the rest still from the cache.
        var changed = try #require(plain.papers["a"]?.whole)
        changed.title = "Diffusion A, revised"
        changed.firstSeen = CalendarDate("2026-11-20")!
        try FileIO.write(Array(changed.fileText.utf8), to: layout.paperFile("a"))
        let plainAgain = ContentLoader(content: layout.root, contentCache: nil).load()
        let cachedAgain = ContentLoader(content: layout.root, contentCache: MemoryStore(cache: previous)).load()
        #expect(cachedAgain.cache.reused == 4)
        #expect(cachedAgain.papers["a"]?.title == "Diffusion A, revised")
        Self.expectSame(plainAgain, cachedAgain)
    }
}
