import Foundation
import Testing

/// The caches behind fast rebuilds (parsed Content, page fingerprints) are never wrong:
/// whatever changes between two builds, a build that uses them writes exactly what a build
/// without any cache writes.
@Suite("Build caches", .serialized)
struct BuildCacheTests {
    /// A fixture whose Content files are old enough to be cached (see `FileIdentity.isSettled`),
    /// changed first by `prepare`, then built once into `Public/` with its own cache folder.
    static func cachedSite(prepare: (SiteFixture) throws -> Void = { _ in }) throws -> (SiteFixture, String) {
        let site = try SiteFixture()
        try prepare(site)
        Thread.sleep(forTimeInterval: 2.2)
        let first = try site.build(cache: site.cache)
        #expect(first.status == 0, "\(first.stderr)")
        return (site, site.cache)
    }

    @Test("a second build reads nothing again and renders only the always-rendered pages")
    func unchangedRebuild() throws {
        let (site, cache) = try Self.cachedSite()
        defer { site.remove() }
        let again = try site.build(cache: cache)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("Load content: 1 days, 281 papers (282 files from the cache)"), "\(again.stdout)")
        #expect(again.stdout.contains("(0 written,") && again.stdout.contains("; 6 pages rendered)"), "\(again.stdout)")
        try site.expectSameAsCleanBuild("unchanged")
    }

    @Test("a paper edited by hand, even keeping its size and modification time, is seen")
    func handEditKeepingSizeAndTime() throws {
        let (site, cache) = try Self.cachedSite()
        defer { site.remove() }
        let path = site.content + "/papers/lanpaint-training-free-diffusion-inpainting-with-asymptotically-exact-and-fast.md"
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let text = SiteFixture.read(path)
        #expect(text.contains("title: \"LanPaint"))
        // Same length, same modification time: only the change time and inode tell.
        try text.replacingOccurrences(of: "title: \"LanPaint", with: "title: \"LanPAINT").write(
            toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: attributes[.modificationDate]!], ofItemAtPath: path)
        #expect(try site.build(cache: cache).status == 0)
        let page = SiteFixture.read(
            site.output + "/papers/lanpaint-training-free-diffusion-inpainting-with-asymptotically-exact-and-fast/index.html")
        #expect(page.contains("LanPAINT"))
        try site.expectSameAsCleanBuild("hand edit")
    }

    @Test("papers ranked anew on their day: the same files in a new order, manifest included")
    func reorderedDay() throws {
        let (site, cache) = try Self.cachedSite()
        defer { site.remove() }
        let path = site.content + "/days/2026-11-26.md"
        let first = "  - lanpaint-training-free-diffusion-inpainting-with-asymptotically-exact-and-fast\n"
        let second = "  - drop-upcycling-training-sparse-mixture-of-experts-with-partial-re-initialization\n"
        let text = SiteFixture.read(path)
        #expect(text.contains(first + second))
        try text.replacingOccurrences(of: first + second, with: second + first).write(toFile: path, atomically: true, encoding: .utf8)
        let before = try SiteFixture.readEarlier(site.output + "/" + ".paperboy-manifest")
        #expect(try site.build(cache: cache).status == 0)
        #expect(SiteFixture.read(site.output + "/" + ".paperboy-manifest") != before, "the page order moved")
        try site.expectSameAsCleanBuild("reordered day")
    }

    @Test("a cached day is checked against papers changed or removed since: the same problems as without a cache")
    func cachedDayMeetsChangedPapers() throws {
        let slug = "lanpaint-training-free-diffusion-inpainting-with-asymptotically-exact-and-fast"
        for change in ["first_seen after the day", "paper file removed"] {
            let (site, cache) = try Self.cachedSite()
            defer { site.remove() }
            let path = site.content + "/papers/\(slug).md"
            if change == "paper file removed" {
                try FileManager.default.removeItem(atPath: path)
            } else {
                try SiteFixture.edit(path) { $0.replacingOccurrences(of: "first_seen: 2026-11-26", with: "first_seen: 2026-11-27") }
            }
            let cached = try site.build(cache: cache)
            let uncached = try site.build(cache: "off")
            #expect(cached.status == 1 && uncached.status == 1, "\(change): \(cached.stderr)")
            #expect(cached.stderr == uncached.stderr, "\(change)")
            #expect(cached.stderr.contains("days/2026-11-26.md:"), "\(change): \(cached.stderr)")
            #expect(
                cached.stderr.contains(
                    change == "paper file removed" ? "paper \(slug) does not exist" : "but its first_seen is 2026-11-27"),
                "\(change): \(cached.stderr)")
        }
    }

    @Test("templates, topics.yml and site.yml changes reach every page they touch")
    func configurationChanges() throws {
        let (site, cache) = try Self.cachedSite()
        defer { site.remove() }
        let card = site.templates + "/partials/paper-card.mustache"
        try SiteFixture.edit(card) { $0 + "<!-- card v2 -->\n" }
        #expect(try site.build(cache: cache).status == 0)
        #expect(SiteFixture.read(site.output + "/topics/diffusion/index.html").contains("<!-- card v2 -->"))
        try site.expectSameAsCleanBuild("template edit")

        let topics = site.content + "/topics.yml"
        try SiteFixture.edit(topics) { $0.replacingOccurrences(of: "name: Diffusion", with: "name: Diffusion models") }
        #expect(try site.build(cache: cache).status == 0)
        try site.expectSameAsCleanBuild("topics.yml edit")

        let siteFile = site.content + "/site.yml"
        try SiteFixture.edit(siteFile) { $0.replacingOccurrences(of: "title: \"", with: "title: \"New ") }
        #expect(try site.build(cache: cache).status == 0)
        try site.expectSameAsCleanBuild("site.yml edit")
    }

    @Test("a page changed or deleted in the output is written again")
    func outputTampering() throws {
        let (site, cache) = try Self.cachedSite()
        defer { site.remove() }
        let page = site.output + "/papers/lanpaint-training-free-diffusion-inpainting-with-asymptotically-exact-and-fast/index.html"
        let original = try SiteFixture.readEarlier(page)
        try "tampered".write(toFile: page, atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: site.output + "/days/2026-11-26/index.html")
        let rebuild = try site.build(cache: cache)
        #expect(rebuild.status == 0, "\(rebuild.stderr)")
        #expect(SiteFixture.read(page) == original)
        #expect(rebuild.stdout.contains("(2 written,"), "\(rebuild.stdout)")
        try site.expectSameAsCleanBuild("tampered output")
    }

    @Test("a cache folder that cannot be written is no error: the build just does not cache")
    func unwritableCache() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let notAFolder = site.folder.appendingPathComponent("cache-file").path
        try "not a folder".write(toFile: notAFolder, atomically: true, encoding: .utf8)
        for _ in 0..<2 {
            let result = try site.build(cache: notAFolder + "/cache")
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.isEmpty, "\(result.stderr)")
        }
        try site.expectSameAsCleanBuild("unwritable cache")
    }

    @Test("a damaged cache folder is ignored and rebuilt")
    func damagedCache() throws {
        let (site, cache) = try Self.cachedSite()
        defer { site.remove() }
        let files = try FileManager.default.contentsOfDirectory(atPath: cache)
        #expect(
            files.contains { $0.hasPrefix("content-") } && files.contains { $0.hasPrefix("pages-") }
                && files.contains { $0.hasPrefix("search-") },
            "\(files)")
        // The search cache is a folder of files: each one damaged too.
        let paths = try files.flatMap { file -> [String] in
            let path = cache + "/" + file
            guard file.hasPrefix("search-") else { return [path] }
            return try FileManager.default.contentsOfDirectory(atPath: path).map { path + "/" + $0 }
        }
        for path in paths {
            var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            bytes = bytes.prefix(bytes.count / 2) + Data(repeating: 0xFF, count: 64)
            try bytes.write(to: URL(fileURLWithPath: path))
        }
        let path = site.content + "/papers/lanpaint-training-free-diffusion-inpainting-with-asymptotically-exact-and-fast.md"
        try SiteFixture.edit(path) { $0.replacingOccurrences(of: "title: \"LanPaint", with: "title: \"LanPAINT") }
        let rebuild = try site.build(cache: cache)
        #expect(rebuild.status == 0, "\(rebuild.stderr)")
        try site.expectSameAsCleanBuild("damaged cache")
    }

    /// Ingest reads only the cache's light part, without abstracts: a returning paper must be
    /// changed from its file, or a hand-edited abstract would be lost.
    @Test("ingest after a cached build changes a returning paper from its file: Content as without a cache")
    func ingestAfterCachedBuild() throws {
        let paperFile = "/papers/lanpaint-training-free-diffusion-inpainting-with-asymptotically-exact-and-fast.md"
        let (site, cache) = try Self.cachedSite { site in
            let path = site.content + paperFile
            try SiteFixture.edit(path) { $0 + "\n*Edited by hand.*\n" }
        }
        defer { site.remove() }
        let path = site.content + paperFile
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).contains { $0.hasPrefix("content-") })
        // The same Content, ingested into without any cache.
        let uncached = site.folder.appendingPathComponent("Uncached").path
        try FileManager.default.copyItem(atPath: site.content, toPath: uncached)
        let feed = site.folder.appendingPathComponent("trending-2026-11-27.txt").path
        let longer =
            "A much longer text for LanPaint than the abstract it had, so ingest takes it in place of the old one, "
            + String(repeating: "with many more words about inpainting, ", count: 60) + "and code at https://github.com/example/lanpaint."
        try
            ("LanPaint: Training-Free Diffusion Inpainting with Asymptotically Exact and Fast Conditional Sampling\n\(longer)\n"
            + "A New Paper on Caches\nIt is new.\n").write(toFile: feed, atomically: true, encoding: .utf8)
        for (content, cacheFolder) in [(site.content, cache), (uncached, "off")] {
            let result = try CommandResult.run(
                CommandResult.paperboy, ["ingest", feed, "--content", content], environment: TestEnvironment.environment(cache: cacheFolder)
            )
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("1 new paper, 1 returning"), "\(result.stdout)")
            #expect(result.stderr.contains("kept the abstract edited by hand"), "\(result.stderr)")
        }
        let paper = SiteFixture.read(path)
        #expect(paper.contains("*Edited by hand.*") && !paper.contains("A much longer text"), "\(paper)")
        #expect(paper.contains("github.com/example/lanpaint"), "the code link is still added: \(paper)")
        let cached = SiteFixture.snapshot(site.content), fresh = SiteFixture.snapshot(uncached)
        #expect(cached.keys.sorted() == fresh.keys.sorted())
        for (path, bytes) in fresh where cached[path] != bytes { Issue.record("\(path) differs from an ingest without a cache") }
        #expect(try site.build(cache: cache).status == 0)
        try site.expectSameAsCleanBuild("ingest after a cached build")
    }
}
