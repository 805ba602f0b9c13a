import Foundation
@testable import PaperboyContent
@testable import PaperboyCore
@testable import PaperboySearch
@testable import PaperboySite
import Testing
import TestSupport

@Suite("Search index")
struct SearchIndexTests {
    @Test("words: lower case, accents dropped, split at what is not a letter or digit; stop words and single letters out")
    func words() {
        #expect(
            SearchTokenizer.words(in: "Diffusion-based GPT-3.5 Models: the Naïve CAFÉ of x") == [
                "diffusion", "based", "gpt", "models", "naive", "cafe",
            ])
        #expect(SearchTokenizer.words(in: "<script>alert(1)</script>") == ["script", "alert", "script"])
        #expect(SearchTokenizer.words(in: "αβγ δ 日本語") == ["αβγ", "日本語"])
        #expect(SearchTokenizer.key("diffusion") == "di" && SearchTokenizer.key("αβγ") == "__" && SearchTokenizer.key("a日") == "a_")
    }

    @Test("packed ids unpack to the ids packed")
    func packedIDs() {
        let seed = SplitMix64.seed(from: "PAPERBOY_SEED", fixed: 19)
        var random = SplitMix64(seed: seed)
        for _ in 0..<500 {
            let base = Int.random(in: 0...100_000, using: &random)
            var ids: [Int] = [], next = base
            for _ in 0..<Int.random(in: 0...60, using: &random) {
                next += Int.random(in: 0...(Bool.random(using: &random) ? 3 : 70_000), using: &random)
                ids.append(next)
                next += 1
            }
            var packed: [UInt8] = []
            PackedIDs.append(ids, base: base, to: &packed)
            #expect(PackedIDs.unpack(String(decoding: packed, as: UTF8.self), base: base) == ids, "seed \(seed) (PAPERBOY_SEED)")
        }
    }

    static let layout = SearchIndex.Layout(subBlockSize: 4, subBlocksPerBlock: 2, shardSize: 3, keyBuckets: 8)
    static let hostile = "<script>alert(1)</script> Wombat \u{2028} & \"quoted\""

    /// An archive of `days` days of three papers each; the second paper of day 2 has a hostile title.
    static func model(days: Int) -> SiteModel {
        var papers: [String: Paper] = [:], dayList: [Day] = []
        var date = CalendarDate("2026-01-01")!
        let words = ["diffusion", "routers", "quokka", "sparse", "experts", "telemetry", "graphs"]
        for day in 0..<days {
            var slugs: [String] = []
            for rank in 0..<3 {
                let number = day * 3 + rank
                let slug = "paper-\(number)"
                let title = day == 1 && rank == 1 ? hostile : "\(words[number % words.count].capitalized) study \(number)"
                var paper = Paper(
                    slug: slug, title: title, firstSeen: date,
                    abstract: "We look at \(words[(number + 3) % words.count]) and mixture of experts, number \(number).\n")
                if number % 4 == 0 { paper.arxiv = "2601.\(10000 + number)" }
                papers[slug] = paper
                slugs.append(slug)
            }
            dayList.append(Day(date: date, source: "d\(day)", papers: slugs))
            date = date.next
            if day == 4 { date = CalendarDate("2027-01-01")! }
        }
        return SiteModel(
            archive: Archive(
                site: SiteConfig(title: "T", description: "D", baseURL: "https://example.org/"),
                taxonomy: Taxonomy(topics: [.init(slug: "diffusion", name: "Diffusion", phrases: ["diffusion"])]),
                days: dayList, papers: papers))
    }

    static func made(_ index: SearchIndex) -> [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: index.files.map { ($0.path, $0.make()) })
    }

    static func text(_ files: [String: [UInt8]], _ path: String) -> String {
        String(decoding: files[path] ?? [], as: UTF8.self)
    }

    @Test("a word's postings name the papers that have it, in the title and elsewhere; rows and keys find papers")
    func contents() throws {
        let model = Self.model(days: 8)
        let index = SearchIndex(model: model, layout: Self.layout)
        let files = Self.made(index)
        #expect(index.papers.map(\.slug).first == "paper-2" && index.papers.map(\.slug).last == "paper-21", "oldest first, rank 3 first")
        // 24 papers: blocks of 8, shards of 3, 8 buckets; every key's last-block file holds its dictionary.
        #expect(files.keys.filter { $0.hasPrefix("search/d/") }.count == 8)
        #expect(files.keys.filter { $0.hasPrefix("search/k/") }.count == 8)
        let last = Self.text(files, "search/p/2/qu.js")
        #expect(last.contains("\"d\":[[\"quokka\","), "\(last)")
        // Quokka is in the title of papers 2, 9, 16, 23 (by slug number): numbers 0, 11, 16, 21.
        var quokka: [Int] = []
        for block in 0..<3 {
            let file = Self.text(files, "search/p/\(block)/qu.js")
            guard let range = file.range(of: "\"quokka\":[\"") else { continue }
            let packed = file[range.upperBound...].prefix { $0 != "\"" }
            quokka += try #require(PackedIDs.unpack(String(packed), base: block * 8))
        }
        let slugs = quokka.map { index.papers[$0].slug }
        #expect(Set(slugs) == Set(["paper-2", "paper-9", "paper-16", "paper-23"]), "\(slugs)")
        // Rows and exact keys.
        let shard = Self.text(files, "search/d/0.js")
        #expect(shard.hasPrefix("pbChunk(\"d/0\",[[\"paper-2\",\"Quokka study 2\",\"2026-01-01\","), "\(shard)")
        let key = "paper-9", bucket = Int(SearchIndex.bucket(key) % 8)
        #expect(Self.text(files, "search/k/\(bucket).js").contains("\"paper-9\":\(index.papers.firstIndex { $0.slug == key }!)"))
        let arxivBucket = Int(SearchIndex.bucket("2601.10000") % 8)
        #expect(Self.text(files, "search/k/\(arxivBucket).js").contains("\"2601.10000\":"))
        let meta = Self.text(files, "search/meta.js")
        #expect(meta.contains("\"years\":[[2026,0],[2027,15]]"), "\(meta)")
    }

    @Test("an archive of more blocks than one 64-bit word holds: the dictionary names every block")
    func manyBlocks() {
        // 576 papers in blocks of 8: "study" is in every title.
        let index = SearchIndex(model: Self.model(days: 192), layout: Self.layout)
        let blocks = (index.papers.count + 7) / 8
        #expect(blocks == 72)
        let dictionary = Self.text(Self.made(index), "search/p/\(blocks - 1)/st.js")
        let every = "ff" + String(repeating: "f", count: 16)
        #expect(BlockSet(Array(0..<blocks)).hexadecimal == every)
        #expect(dictionary.contains("[\"study\",\"\(every)\",\"\(every)\"]"), "\(dictionary.prefix(300))")
    }

    @Test("block sets in hexadecimal read back digit by digit from the right, as search.js reads them")
    func blockSets() {
        #expect(BlockSet().hexadecimal == "0" && BlockSet([0]).hexadecimal == "1" && BlockSet([5]).hexadecimal == "20")
        #expect(BlockSet([64]).hexadecimal == "1" + String(repeating: "0", count: 16))
        #expect(BlockSet(words: [3, 0, 0]) == BlockSet([0, 1]))
        let seed = SplitMix64.seed(from: "PAPERBOY_SEED", fixed: 23)
        var random = SplitMix64(seed: seed)
        for _ in 0..<300 {
            let blocks = Set((0..<Int.random(in: 0...20, using: &random)).map { _ in Int.random(in: 0..<300, using: &random) }).sorted()
            var set = BlockSet()
            for block in blocks.shuffled(using: &random) { set.insert(block) }
            #expect(set == BlockSet(blocks) && blocks.allSatisfy(set.contains) && !set.contains(300), "seed \(seed)")
            var read: [Int] = []
            for (place, digit) in set.hexadecimal.reversed().enumerated() {
                let value = Int(String(digit), radix: 16)!
                for bit in 0..<4 where value & (1 << bit) != 0 { read.append(place * 4 + bit) }
            }
            #expect(read == blocks, "seed \(seed) (PAPERBOY_SEED)")
            var union = BlockSet([299])
            union.formUnion(set)
            #expect(union == BlockSet(blocks + [299]))
        }
    }

    @Test("a long excerpt is cut at a space, without the punctuation before it, and marked")
    func shortenedExcerpts() {
        func cut(_ text: String) -> String {
            var text = text
            return text.withUTF8 { SearchIndex.shortened(UnsafeRawBufferPointer($0)) }
        }
        #expect(cut("Short, as it is.") == "Short, as it is.")
        let long = String(repeating: "word ", count: 40) + "end, and more words after it."
        #expect(cut(long) == String(repeating: "word ", count: 32).dropLast() + "…")
        let commas = String(repeating: "abc, ", count: 60)
        #expect(cut(commas) == String(repeating: "abc, ", count: 32).dropLast(2) + "…")
        let accents = String(repeating: "é", count: 200)
        #expect(cut(accents) == String(repeating: "é", count: 80) + "…", "cut before a character")
    }

    @Test("text in the index is escaped for a script: no markup, no line separator")
    func escaping() {
        let files = Self.made(SearchIndex(model: Self.model(days: 3), layout: Self.layout))
        let all = files.values.map { String(decoding: $0, as: UTF8.self) }.joined()
        #expect(all.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e Wombat \\u2028 \\u0026 \\\"quoted\\\""))
        #expect(!all.contains("<") && !all.contains(">") && !all.contains("\u{2028}"))
    }

    @Test("deterministic; with the cache, and after one more day, equal to an index made from nothing")
    func equalToCleanBuilds() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("search-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cache = SearchTermCache(folder: folder)
        let model = Self.model(days: 7)
        let plain = SearchIndex(model: model, layout: Self.layout)
        let plainFiles = Self.made(plain)
        #expect(Self.made(SearchIndex(model: model, layout: Self.layout)) == plainFiles)
        let cold = SearchIndex(model: model, cache: cache, layout: Self.layout)
        #expect(Self.made(cold) == plainFiles)
        cache.save(cold)
        let warm = SearchIndex(model: model, cache: cache, layout: Self.layout)
        #expect(warm.subBlocksRead == 0, "every sub-block from the cache")
        #expect(Self.made(warm) == plainFiles)
        #expect(warm.files.map(\.fingerprint) == plain.files.map(\.fingerprint))

        // One more day: only the last sub-blocks are read; older rows and postings keep their fingerprints.
        let grown = Self.model(days: 8)
        let next = SearchIndex(model: grown, cache: cache, layout: Self.layout)
        #expect(next.subBlocksRead <= 2, "\(next.subBlocksRead) sub-blocks read")
        let nextFiles = Self.made(next)
        #expect(nextFiles == Self.made(SearchIndex(model: grown, layout: Self.layout)))
        let before = Dictionary(uniqueKeysWithValues: plain.files.map { ($0.path, $0.fingerprint) })
        for file in next.files where file.path.hasPrefix("search/d/") || file.path.hasPrefix("search/p/0/") {
            let number = Int(file.path.split(separator: "/")[2].split(separator: ".")[0]) ?? 0
            if file.path.hasPrefix("search/p/0/") || number < 6 {
                #expect(before[file.path] == file.fingerprint, "\(file.path) kept its fingerprint")
                #expect(nextFiles[file.path] == plainFiles[file.path], "\(file.path) kept its bytes")
            }
        }
    }

    @Test("the cache's files decode to what was encoded; damaged ones are misses")
    func cacheCoding() throws {
        let index = SearchIndex(model: Self.model(days: 4), layout: Self.layout)
        let terms = index.freshSubBlocks[0].terms
        let bytes = SearchTermCache.encode(terms, fingerprint: 42)
        #expect(SearchTermCache.decode(bytes, fingerprint: 42) == terms)
        #expect(SearchTermCache.decode(bytes, fingerprint: 43) == nil)
        #expect(SearchTermCache.decode(Array(bytes.dropLast()), fingerprint: 42) == nil)
        var damaged = bytes
        damaged[damaged.count - 2] ^= 0x7F
        #expect(SearchTermCache.decode(damaged, fingerprint: 42) != terms)
        let entries = [
            SearchIndex.Entry(term: "quokka", any: BlockSet([0, 2]), title: BlockSet([0])),
            SearchIndex.Entry(term: "wombat", any: BlockSet([1, 70, 130]), title: BlockSet()),
        ]
        let dictionary = SearchTermCache.encodeDictionary(entries, buckets: [3, 0x0005_0002], fingerprint: 7)
        let decoded = try #require(SearchTermCache.decodeDictionary(dictionary, fingerprint: 7))
        #expect(decoded.entries == entries && decoded.buckets == [3, 0x0005_0002])
        #expect(SearchTermCache.decodeDictionary(Array(dictionary.dropLast()), fingerprint: 7) == nil)
        // Files carry their hash: a flipped byte that still decodes is refused.
        var sealed = SearchTermCache.sealed(bytes)
        #expect(SearchTermCache.checked(sealed) == bytes)
        sealed[sealed.count - 12] ^= 1
        #expect(SearchTermCache.checked(sealed) == nil)
    }
}
