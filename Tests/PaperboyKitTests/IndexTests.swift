@testable import PaperboyBuild
@testable import PaperboyContent
@testable import PaperboyCore
@testable import PaperboyIncremental
import Testing
import TestSupport

/// The flat indexes the loader and the output bookkeeping use instead of string
/// dictionaries: equal hashes never make two different keys one.
@Suite("Position tables and slug indexes")
struct IndexTests {
    @Test func positionTableFindsByHashAndKey() {
        let keys = ["a", "b", "c", "d", "e"]
        var table = PositionTable(count: keys.count)
        // Every key under one hash: only the key comparison tells them apart.
        for (position, key) in keys.enumerated() {
            #expect(table.insert(position, hash: 7) { keys[$0] == key } == nil)
        }
        for (position, key) in keys.enumerated() {
            #expect(table.find(hash: 7) { keys[$0] == key } == position)
        }
        #expect(table.find(hash: 7) { keys[$0] == "z" } == nil)
        #expect(table.find(hash: 8) { _ in true } == nil)
        // An equal key is not stored again: the first position is returned.
        #expect(table.insert(9, hash: 7) { keys[$0] == "c" } == 2)
        #expect(PositionTable(count: 0).find(hash: 0) { _ in true } == nil)
    }

    @Test func positionTableGrowsAndKeepsEveryItem() {
        var table = PositionTable(count: 4)
        var random = SplitMix64(seed: 3)
        let hashes = (0..<5_000).map { _ in UInt64.random(in: 0...UInt64.max, using: &random) }
        for (position, hash) in hashes.enumerated() {
            if table.isFull { table.grow() }
            #expect(table.insert(position, hash: hash) { _ in true } == nil)
        }
        #expect(table.count == hashes.count)
        #expect(hashes.indices.allSatisfy { table.find(hash: hashes[$0]) { _ in true } == $0 })
        #expect(table.insert(7, hash: hashes[3]) { _ in true } == 3)
    }

    @Test func slugIndexReportsRepeatsInOrderAndFindsOwners() {
        let pairs: [(key: String, slug: String)?] = [
            ("x", "paper-1"), nil, ("y", "paper-3"), ("x", "paper-4"), ("y", "paper-5"), ("x", "paper-6"),
        ]
        let hashes = pairs.map { $0.map { Digest.of($0.key) } }
        let (index, repeats) = SlugIndex.build(hashes: hashes) { pairs[$0] }
        #expect(
            repeats == [.init(position: 3, owner: "paper-1"), .init(position: 4, owner: "paper-3"), .init(position: 5, owner: "paper-1")])
        #expect(index["x"] == "paper-1" && index["y"] == "paper-3" && index["z"] == nil)

        // Keys that share a hash are still two keys.
        let (same, sameRepeats) = SlugIndex.build(hashes: [1, 1, 1]) { [("p", "a"), ("q", "b"), ("p", "c")][$0] }
        #expect(sameRepeats == [.init(position: 2, owner: "a")])
        #expect(same["p"] == nil, "found under its own hash only")

        var growing = index
        growing["new"] = "paper-7"
        #expect(growing["new"] == "paper-7" && growing["x"] == "paper-1" && index["new"] == nil)
    }

    @Test func sortedEntriesStayInNameOrder() {
        func entry(_ slug: String) -> ContentCache.PaperEntry {
            .init(
                identity: CacheCodingTests.identity,
                paper: LoadedPaper(Paper(slug: slug, title: slug, firstSeen: CalendarDate("2026-11-26")!, abstract: "")), titleKey: slug)
        }
        var entries = ContentCache.SortedEntries()
        entries.append("b.md", entry("b"))
        entries.append("d.md", entry("d"))
        entries.append("a.md", entry("a"))
        entries["c.md"] = entry("c")
        #expect(entries.names == ["a.md", "b.md", "c.md", "d.md"])
        #expect(entries["c.md"]?.paper.slug == "c" && entries["e.md"] == nil)
        entries["b.md"] = nil
        #expect(entries.names == ["a.md", "c.md", "d.md"] && entries.count == 3)
        let table = entries.nameTable()
        #expect(entries.position(ofSlug: "d", in: table) == 2 && entries.position(ofSlug: "b", in: table) == nil)
    }

    @Test func manifestChecksPathsByHashAndText() {
        let previous = OutputManifest(inOrder: ["index.html", "papers/a/index.html", "feed.xml"])
        let planned = OutputManifest(inOrder: ["index.html", "papers/b/index.html", "papers/a/index.html", "feed.xml"])
        #expect(previous.contains("papers/a/index.html") && !previous.contains("papers/b/index.html"))
        #expect(previous.isSubset(of: planned) && !planned.isSubset(of: previous))
        #expect(planned.count == 4 && planned.files == Set(planned.order))
        #expect(previous.union(planned).order == ["index.html", "papers/a/index.html", "feed.xml", "papers/b/index.html"])
    }

    @Test func pageRecordsAreFoundByPathHash() {
        let first = PageRecords.Record(fingerprint: 1, file: CacheCodingTests.identity)
        let second = PageRecords.Record(fingerprint: 2, file: CacheCodingTests.identity)
        let records = PageRecords(
            keys: [Digest.of("a/index.html"), Digest.of("b/index.html"), Digest.of("a/index.html")], records: [first, second, second])
        #expect(records.record(key: Digest.of("a/index.html")) == first, "of two with one key, the first")
        #expect(records.record(key: Digest.of("b/index.html")) == second)
        #expect(records.record(key: Digest.of("c/index.html")) == nil && records.count == 3)
    }
}
