@testable import PaperboyBuild
@testable import PaperboyContent
@testable import PaperboyCore
@testable import PaperboyIncremental
import Testing

/// The on-disk formats behind fast rebuilds: they read back what was written, and damaged
/// bytes read as "no cache", never as wrong values or a crash.
@Suite("Cache and manifest formats")
struct CacheCodingTests {
    static let identity = FileIdentity(
        size: 4743, inode: 99, device: 2049, modified: 1_764_203_000_123_456_789, changed: 1_764_203_000_987_654_321)

    @Test func binaryCodingRoundTrips() {
        var writer = BinaryWriter()
        writer.add(UInt64.max)
        writer.add(-5)
        writer.add(true)
        writer.add("Straße · 🎉")
        writer.add(nil as String?)
        writer.add(["a", "", "ünï"])
        var reader = BinaryReader(writer.bytes)
        #expect(reader.uint64() == UInt64.max)
        #expect(reader.int() == -5)
        #expect(reader.bool() == true)
        #expect(reader.string() == "Straße · 🎉")
        #expect(reader.optionalString() == .some(nil))
        #expect(reader.strings() == ["a", "", "ünï"])
        #expect(reader.isAtEnd)
    }

    @Test func damagedBinaryReadsAsNothing() {
        var writer = BinaryWriter()
        writer.add("hello")
        var cut = BinaryReader(Array(writer.bytes.dropLast()))
        #expect(cut.string() == nil)
        var huge = BinaryReader([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F])
        #expect(huge.string() == nil)
        var invalid = BinaryReader([2, 0xC3, 0x28])
        #expect(invalid.string() == nil, "not UTF-8")
    }

    @Test func contentCacheRoundTripsAndRejectsDamage() throws {
        var cache = ContentCache()
        cache.derivedKey = 7
        let whole = Paper(
            slug: "a", title: "A <b>", firstSeen: CalendarDate("2026-11-26")!, arxiv: "2502.12345", authors: ["X"], code: [], summary: nil,
            topics: ["nlp"], abstract: "Text.\n",
            metadata: PaperMetadata(
                published: CalendarDate("2026-11-20"), project: "https://x.example", codeStars: 0, keywords: ["moe"],
                categories: ["cs.LG", "cs.CL"]),
            extraFrontMatter: "venue: X\n")
        let paper = LoadedPaper(whole)
        cache.papers["a.md"] = .init(
            identity: Self.identity, paper: paper, titleKey: "a <b>",
            derived: .init(abstractHTML: "<p>Text.</p>\n", excerpt: "Text.", topics: ["nlp"], cardDigest: 41, contentDigest: 42))
        cache.days["2026-11-26.md"] = .init(
            identity: Self.identity,
            day: Day(date: CalendarDate("2026-11-26")!, source: "f.txt", papers: ["a", "gone", "a"], upvotes: ["a": 12]),
            slugLines: [5, 6, 7])
        let bytes = cache.encoded()

        // A build reads every field back, the abstract left in the cache file until it is read,
        // and saves those bytes again.
        let back = ContentCache.decode(bytes, derivedKey: 7)
        #expect(back.entry("a.md")?.paper == paper && back.entry("a.md")?.paper.whole == whole)
        var resaved = ContentCache()
        resaved.derivedKey = 7
        resaved.papers["a.md"] = back.entry("a.md")
        #expect(ContentCache.decode(resaved.encoded(), derivedKey: 8).entry("a.md")?.paper == paper)
        #expect(back.entry("a.md")?.identity == Self.identity)
        #expect(back.entry("a.md")?.titleKey == "a <b>")
        #expect(
            back.derived(slug: "a")
                == .init(abstractHTML: "<p>Text.</p>\n", excerpt: "Text.", topics: ["nlp"], cardDigest: 41, contentDigest: 42))
        // A day lists its papers by position in the cache; a slug without an entry as text.
        #expect(back.days["2026-11-26.md"]?.day.papers == ["a", "gone", "a"])
        #expect(back.days["2026-11-26.md"]?.day.upvotes == ["a": 12])
        #expect(back.days["2026-11-26.md"]?.slugLines == [5, 6, 7])
        #expect(back.days["2026-11-26.md"]?.storedPositions == [0, -1, 0])
        #expect(back.entry("a.md")?.titleHash == Digest.of("a <b>") && back.entry("a.md")?.arxivHash == Digest.of("2502.12345"))
        #expect(!back.isModified)

        // Another topics.yml: files stay cached, what was derived from the old rules does not.
        let otherRules = ContentCache.decode(bytes, derivedKey: 8)
        #expect(otherRules.entry("a.md")?.paper == paper)
        #expect(otherRules.derived(slug: "a") == nil)

        // Ingest and check read only the light part: no abstracts, no derived values, and such
        // a cache is never saved.
        let lightEnd = try #require(ContentCache.Header(bytes)).lightEnd
        #expect(lightEnd < bytes.count)
        for light in [bytes, Array(bytes.prefix(lightEnd))] {
            let partial = ContentCache.decode(light, derivedKey: 7, withHeavyPart: false)
            let light = try #require(partial.entry("a.md")?.paper)
            #expect(light.abstract == nil && light.whole == nil)
            #expect(light.title == whole.title && light.authors == whole.authors && light.extraFrontMatter == whole.extraFrontMatter)
            #expect(partial.derived(slug: "a") == nil && partial.isPartial)
            #expect(partial.days["2026-11-26.md"]?.slugLines == [5, 6, 7])
        }
        #expect(!back.isPartial)
        #expect(ContentCache.decode(Array(bytes.prefix(lightEnd - 1)), derivedKey: 7, withHeavyPart: false).stored.isEmpty)

        for cut in [1, bytes.count / 2, bytes.count - 1] {
            let damaged = ContentCache.decode(Array(bytes.prefix(cut)), derivedKey: 7)
            #expect(damaged.stored.isEmpty && damaged.days.isEmpty, "cut at \(cut)")
        }
        #expect(ContentCache.decode(bytes + [0], derivedKey: 7).stored.isEmpty, "trailing bytes")
        // A changed byte in the light part (here inside the paper's title, which is read only
        // when used) makes the whole cache unusable, not a wrong title.
        let header = try #require(ContentCache.Header(bytes))
        let title = try #require(
            (header.headerEnd..<header.lightEnd).first { bytes[$0..<min($0 + 5, bytes.count)].elementsEqual(Array("A <b>".utf8)) })
        var flipped = bytes
        flipped[title + 2] ^= 0x01
        #expect(ContentCache.decode(flipped, derivedKey: 7).stored.isEmpty && ContentCache.decode(flipped, derivedKey: 7).days.isEmpty)
        #expect(ContentCache.decode(flipped, derivedKey: 7, withHeavyPart: false).stored.isEmpty)
    }

    @Test func checksumSeesEveryWordAndIgnoresHowBytesArrive() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let whole = bytes.withUnsafeBytes { ContentCache.checksum($0) }
        for cut in [1, 31, 32, 33, 500, 999] {
            var parts = ContentCache.Checksum()
            bytes[..<cut].withUnsafeBytes { parts.add($0) }
            bytes[cut...].withUnsafeBytes { parts.add($0) }
            #expect(parts.value == whole, "cut at \(cut)")
        }
        for index in [0, 8, 31, 500, 999] {
            var changed = bytes
            changed[index] ^= 0x80
            #expect(changed.withUnsafeBytes { ContentCache.checksum($0) } != whole, "byte \(index)")
        }
        #expect(Array(bytes.dropLast()).withUnsafeBytes { ContentCache.checksum($0) } != whole)
    }

    @Test func mappedFilesReadAsTheirBytes() throws {
        let folder = "/tmp/paperboy-map-\(UInt64.random(in: 1...UInt64.max))"
        try FileIO.createDirectory(folder)
        defer { for name in ["cache.bin", "empty.bin", ""] { FileIO.remove(folder + "/" + name) } }
        let bytes: [UInt8] = Array("paper\u{0}bytes é".utf8) + Array(repeating: 7, count: 10_000)
        try FileIO.write(bytes, to: folder + "/cache.bin")
        try FileIO.write([], to: folder + "/empty.bin")
        #expect(try #require(FileIO.map(folder + "/cache.bin", populate: true)).array == bytes)
        #expect(try #require(FileIO.map(folder + "/cache.bin", populate: false)).array == bytes)
        #expect(try #require(FileIO.map(folder + "/empty.bin", populate: true)).count == 0)
        #expect(FileIO.map(folder + "/missing.bin", populate: true) == nil)
        #expect(FileIO.map(folder, populate: true) == nil, "a folder is not mapped")
    }

    @Test func manifestRoundTripsAndKnowsInterruptedBuilds() {
        let manifest = OutputManifest(files: ["index.html", "papers/a/index.html", "assets/style.css"], building: false)
        let back = OutputManifest(bytes: manifest.bytes)
        #expect(back == manifest)
        #expect(
            String(decoding: manifest.bytes, as: UTF8.self).hasSuffix(
                "# state: complete\nassets/style.css\nindex.html\npapers/a/index.html\n"))
        var building = manifest
        building.building = true
        #expect(OutputManifest(bytes: building.bytes).building)
        // A build's manifest keeps the build's order; a pending one adds the previous files it lacks.
        let ordered = OutputManifest(inOrder: ["index.html", "papers/b/index.html", "index.html", "feed.xml"])
        #expect(ordered.order == ["index.html", "papers/b/index.html", "feed.xml"] && ordered.files.count == 3)
        #expect(OutputManifest(bytes: ordered.bytes) == ordered)
        #expect(
            ordered.union(manifest).order == ["index.html", "papers/b/index.html", "feed.xml", "assets/style.css", "papers/a/index.html"])
        // A manifest without a state line (an older paperboy's) may hide temporaries: swept once.
        let old = OutputManifest(bytes: Array("# Files written by paperboy build\nindex.html\n".utf8))
        #expect(old.building && old.files == ["index.html"])
    }

    @Test func onlySettledFilesAreTrusted() {
        let now = Self.identity.changed
        #expect(!Self.identity.isSettled(now: now))
        #expect(!Self.identity.isSettled(now: now + 1_999_999_999))
        #expect(Self.identity.isSettled(now: now + 2_000_000_001))
    }
}
