import Foundation
import Testing

/// Every speed mechanism is an optimization of a plain path that gives the same bytes: the
/// benchmark's medium corpus built with all of them on, each one off (`PAPERBOY_OFF`) and all of
/// them off gives byte-identical sites, cold and with warm caches.
@Suite("Speed switches", .serialized)
struct SpeedSwitchTests {
    @Test("all on, each off and all off build the medium corpus byte for byte alike")
    func everyWayAlike() throws {
        let site = try SiteFixture(emptyContent: true)
        defer { site.remove() }
        let feeds = try Reliability.corpus(days: 100, perDay: 100, into: site.folder.appendingPathComponent("corpus").path)
        #expect(feeds.count == 100)
        let result = try CommandResult.run(
            CommandResult.paperboy, ["ingest", "--content", site.content] + feeds, environment: TestEnvironment.environment(cache: "off"))
        #expect(result.status == 0, "\(result.stderr)")
        // Content files younger than 2 s are never cached: let them settle, as an archive's have.
        Thread.sleep(forTimeInterval: 2.1)

        func build(_ off: String, cache: String, into name: String) throws -> (log: String, files: [String: Data]) {
            var environment = TestEnvironment.environment(cache: cache)
            environment["PAPERBOY_OFF"] = off
            let output = site.folder.appendingPathComponent(name).path
            let result = try CommandResult.run(
                CommandResult.paperboy, ["build", "--content", site.content, "--templates", site.templates, "--output", output],
                environment: environment)
            #expect(result.status == 0, "PAPERBOY_OFF=\(off): \(result.stderr)")
            return (result.stdout, SiteFixture.snapshot(output))
        }

        let plain = try build("all", cache: "off", into: "plain")
        #expect(plain.files.count > 7000, "the medium corpus's site")
        #expect(plain.log.contains("skeletons off (PAPERBOY_OFF)"), "\(plain.log)")
        #expect(!plain.log.contains("filled from skeletons"))

        func expectPlain(_ built: (log: String, files: [String: Data]), _ label: String) {
            #expect(built.files.count == plain.files.count, "\(label): \(built.files.count) files, plain has \(plain.files.count)")
            let differing = plain.files.filter { built.files[$0.key] != $0.value }.map(\.key).sorted()
            #expect(differing.isEmpty, "\(label): \(differing.prefix(5)) differ from the plain build")
        }
        /// Whether the search index took every sub-block's words from the cache.
        func readNoWords(_ log: String) -> Bool { log.contains("; 0 of ") && log.contains(" word lists read") }
        /// Whether a build took Content from the cache, and whether it left pages unrendered.
        func usedContentCache(_ log: String) -> Bool { !log.contains("(0 files from the cache)") }
        func keptPages(_ log: String) -> Bool { log.contains(" 0 rendered,") || log.contains(" 6 rendered,") }

        // All on: cold, then with the caches it left (a new folder; the same folder again).
        let cache = site.folder.appendingPathComponent("cache").path
        let cold = try build("", cache: cache, into: "on")
        expectPlain(cold, "all on, cold")
        #expect(cold.log.contains("filled from skeletons"), "\(cold.log)")
        let warm = try build("", cache: cache, into: "on-warm")
        expectPlain(warm, "all on, warm")
        #expect(usedContentCache(warm.log), "\(warm.log)")
        #expect(readNoWords(warm.log), "the search index's words all from the cache: \(warm.log)")
        let again = try build("", cache: cache, into: "on")
        expectPlain(again, "all on, again")
        #expect(keptPages(again.log) && again.log.contains(" rendered, 0 changed"), "\(again.log)")
        #expect(cold.log.contains("lists made for every paper") && again.log.contains("lists 0 made or changed"), "\(again.log)")

        // Each off, the others on.
        let skeletonsOff = try build("skeletons", cache: cache, into: "no-skeletons")
        expectPlain(skeletonsOff, "skeletons off")
        #expect(skeletonsOff.log.contains("skeletons off (PAPERBOY_OFF)") && !skeletonsOff.log.contains("filled from skeletons"))
        let contentOff = try build("content-cache", cache: cache, into: "no-content-cache")
        expectPlain(contentOff, "content-cache off")
        #expect(!usedContentCache(contentOff.log), "\(contentOff.log)")
        let relatedOff = try build("related-cache", cache: cache, into: "no-related-cache")
        expectPlain(relatedOff, "related-cache off")
        #expect(relatedOff.log.contains("lists made for every paper"), "\(relatedOff.log)")
        let searchOff = try build("search-cache", cache: cache, into: "no-search-cache")
        expectPlain(searchOff, "search-cache off")
        #expect(!readNoWords(searchOff.log) && usedContentCache(searchOff.log), "\(searchOff.log)")
        for run in ["first", "again"] {
            let recordsOff = try build("page-records", cache: cache, into: "no-page-records")
            expectPlain(recordsOff, "page-records off, \(run)")
            #expect(!keptPages(recordsOff.log) && usedContentCache(recordsOff.log), "\(recordsOff.log)")
        }
    }
}
