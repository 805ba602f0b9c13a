import Foundation
import Testing

/// Incremental builds on the benchmark's medium corpus (100 days of 100 entries): after a
/// build, ingesting one more day and building again into the same folder gives exactly
/// what a clean build gives, and rewrites only files whose bytes change.
@Suite("Incremental build", .serialized)
struct IncrementalBuildTests {
    @Test("ingest a day and rebuild == clean build (medium corpus)")
    func incrementalEqualsClean() throws {
        let site = try SiteFixture(emptyContent: true)
        defer { site.remove() }
        let generator = SiteFixture.repositoryRoot.appendingPathComponent("Benchmarks/generate_corpus.py").path
        let corpus = site.folder.appendingPathComponent("corpus").path
        let extra = site.folder.appendingPathComponent("extra").path
        var result = try CommandResult.run("/usr/bin/env", ["python3", generator, "--days", "99", "--per-day", "100", "--out", corpus])
        #expect(result.status == 0, "\(result.stderr)")
        result = try CommandResult.run(
            "/usr/bin/env", ["python3", generator, "--days", "99", "--per-day", "100", "--extra-day", "--out", extra])
        #expect(result.status == 0, "\(result.stderr)")
        let feeds = try FileManager.default.contentsOfDirectory(atPath: corpus).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(feeds.count == 99)

        // Ingest and build share the fixture's cache, as on a user's machine.
        let environment = TestEnvironment.environment(cache: site.cache)
        result = try CommandResult.run(
            CommandResult.paperboy, ["ingest", "--content", site.content] + feeds.map { corpus + "/" + $0 }, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try site.build().status == 0)
        let before = SiteFixture.snapshot(site.output)
        #expect(before.count > 5000, "the first build's files, which the rebuild is compared with")

        let extraFeed = try #require(try FileManager.default.contentsOfDirectory(atPath: extra).first { $0.hasSuffix(".txt") })
        result = try CommandResult.run(
            CommandResult.paperboy, ["ingest", "--content", site.content, extra + "/" + extraFeed], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let rebuild = try site.build()
        #expect(rebuild.status == 0, "\(rebuild.stderr)")
        // Related papers: the saved index extended by the new day, not made again.
        #expect(rebuild.stdout.contains(" made or changed") && !rebuild.stdout.contains("made for every paper"), "\(rebuild.stdout)")

        // The clean build runs without any cache, so a cache bug cannot show in both.
        let fresh = try site.expectSameAsCleanBuild("ingest a day and rebuild")
        #expect(fresh.count > 5000)

        // Only files whose bytes changed were rewritten, and the build says how many.
        let changed = fresh.filter { $0.key != ".paperboy-manifest" && before[$0.key] != $0.value }.count
        #expect(rebuild.stdout.contains("(\(changed) written,"), "\(changed) changed: \(rebuild.stdout)")
        #expect(changed < fresh.count / 2, "a new day should not change most of the site")
        // And only pages whose inputs moved were rendered at all (page fingerprints): the new
        // day's papers, returning ones, two day pages, topic front pages and the indexes, and
        // the papers whose related list the new papers entered (the build counts them).
        let rendered = rebuild.stdout.split(separator: ";").last.flatMap { Int($0.split(separator: " ").first ?? "") }
        let lists = try #require(
            rebuild.stdout.firstMatch(of: /lists (\d+) made or changed/).flatMap { Int($0.output.1) }, "\(rebuild.stdout)")
        #expect(rendered != nil && rendered! < fresh.count / 20 + lists, "\(rebuild.stdout)")
        #expect(lists < fresh.count / 5, "\(rebuild.stdout)")
    }
}
