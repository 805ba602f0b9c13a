import Foundation
import PaperboyContent
import PaperboyCore
import PaperboyFeeds
import PaperboySite

/// One file of the search index: its path in the site, what its bytes are made of, and how
/// to make them (only when the file is not already in place).
package struct SearchFile: Sendable {
    /// `search/...`, relative to the site root.
    package let path: String
    /// A digest of everything the bytes are made of; nil for a file made and compared on
    /// every build (small ones, made from the whole archive).
    package let fingerprint: UInt64?
    package let make: @Sendable () -> [UInt8]
}

/// The search index `search.js` reads, written under `search/` (see README, "Search").
///
/// Papers are numbered oldest first (by first day, then rank), so a new day adds numbers at
/// the end and the files of older papers keep their bytes. Numbers are grouped in blocks of
/// ``Layout/blockSize``: for each block, a postings file per dictionary key (`p/<block>/<key>.js`:
/// each word's papers with it in the title, and those with it elsewhere only) and one of
/// topics (`p/<block>/topics.js`). The last block's file of each key also holds the key's
/// dictionary: each word with the blocks that hold it, in a title and at all, so a query's
/// first fetch per word tells which older blocks can hold its best results. Paper rows (slug,
/// title, first day, topics, authors, excerpt) are in shards of ``Layout/shardSize``
/// (`d/<n>.js`), fetched for the results shown; slugs and arXiv ids go to one of
/// ``Layout/keyBuckets`` files by hash (`k/<n>.js`).
/// `meta.js` holds the topics, the years' first numbers and the dictionary's keys. Every file
/// is a script (`pbChunk(name, JSON)`), so the index loads from `file://` as well.
package struct SearchIndex: Sendable {
    package static let folder = "search/"

    /// How papers are grouped into files; tests use small ones.
    package struct Layout: Sendable {
        /// Papers whose words are read and cached together.
        package var subBlockSize = 1024
        package var subBlocksPerBlock = 16
        /// Papers per row file.
        package var shardSize = 64
        /// Files the slugs and arXiv ids are hashed into.
        package var keyBuckets = 256
        package var blockSize: Int { subBlockSize * subBlocksPerBlock }

        package init() {}

        package init(subBlockSize: Int, subBlocksPerBlock: Int, shardSize: Int, keyBuckets: Int) {
            precondition(subBlockSize <= Int(UInt16.max) + 1 && keyBuckets < Int(SearchIndex.noBucket))
            self.subBlockSize = subBlockSize
            self.subBlocksPerBlock = subBlocksPerBlock
            self.shardSize = shardSize
            self.keyBuckets = keyBuckets
        }
    }

    package let layout: Layout
    static let formatVersion = "paperboy search index 1"

    /// Every paper, by number (oldest first).
    package let papers: [PaperModel]
    let topics: [(slug: String, name: String)]
    let topicNumbers: [String: Int]
    /// Each sub-block's fingerprint (its papers and what the index takes of them).
    package let subBlockFingerprints: [UInt64]
    /// Each sub-block's words, read when first needed.
    let subBlocks: SubBlockStore
    /// The dictionary's words, by key, sorted, with the blocks that hold each.
    let dictionary: [String: [Entry]]
    /// The fingerprint of the dictionary of the blocks before the last, and the dictionary
    /// when this index made it (to be cached).
    package let sealedFingerprint: UInt64
    package let sealedDictionary: [Entry]?
    /// What the full blocks' papers hash to (see ``bucket(_:)``): kept with their dictionary,
    /// so that a build does not read every slug. Each paper's is `slug | arxiv << 16`, `arxiv`
    /// ``noBucket`` for a paper without an arXiv id.
    package let sealedBuckets: [UInt32]
    let buckets: [UInt32]
    static let noBucket: UInt32 = 0xFFFF
    /// Each paper's card and content digests, read once (the papers are objects all over memory).
    let cardDigests: [UInt64]
    let contentDigests: [UInt64]
    let base: UInt64

    /// The index of `model`'s papers; `cache` gives the words of sub-blocks (and the
    /// dictionary of the full blocks) whose papers are unchanged since they were kept.
    package init(model: SiteModel, cache: SearchTermCache? = nil, layout: Layout = Layout()) {
        self.layout = layout
        let papers = Array(model.newestFirst.reversed())
        self.papers = papers
        topics = model.topics.map { ($0.slug, $0.name) }
        topicNumbers = Dictionary(uniqueKeysWithValues: topics.enumerated().map { ($1.slug, $0) })
        var baseDigest = Digest()
        baseDigest.add(Self.formatVersion)
        baseDigest.add(BuildIdentity.current)
        for size in [layout.subBlockSize, layout.subBlocksPerBlock, layout.shardSize, layout.keyBuckets] { baseDigest.add(size) }
        let base = baseDigest.value
        self.base = base
        var cardDigests: [UInt64] = [], contentDigests: [UInt64] = []
        cardDigests.reserveCapacity(papers.count)
        contentDigests.reserveCapacity(papers.count)
        for paper in papers {
            cardDigests.append(paper.cardDigest)
            contentDigests.append(paper.contentDigest)
        }
        self.cardDigests = cardDigests
        self.contentDigests = contentDigests
        let starts = Array(stride(from: 0, to: papers.count, by: layout.subBlockSize))
        let fingerprints = starts.map { start in
            var digest = Digest()
            digest.add(base)
            digest.add(start)
            // The card's digest covers the slug (its path), the content's the title, abstract,
            // authors and arXiv id.
            for number in start..<min(start + layout.subBlockSize, papers.count) {
                digest.add(cardDigests[number])
                digest.add(contentDigests[number])
            }
            return digest.value
        }
        subBlockFingerprints = fingerprints
        let subBlocks = SubBlockStore(count: starts.count) { index in
            if let known = cache?.terms(fingerprint: fingerprints[index]) { return (known, false) }
            let start = starts[index]
            return (SubBlockTerms(papers[start..<min(start + layout.subBlockSize, papers.count)]), true)
        }
        self.subBlocks = subBlocks
        // The blocks before the last are full: their dictionary changes only when their papers do.
        let blockCount = (papers.count + layout.blockSize - 1) / layout.blockSize
        let sealed = max(0, blockCount - 1) * layout.subBlocksPerBlock
        var sealedDigest = Digest()
        sealedDigest.add(base)
        for fingerprint in fingerprints[..<sealed] { sealedDigest.add(fingerprint) }
        var entries: [Entry]
        let sealedPapers = min(papers.count, sealed * layout.subBlockSize)
        var buckets: [UInt32]
        if let known = cache?.dictionary(fingerprint: sealedDigest.value), known.buckets.count == sealedPapers {
            (entries, buckets) = known
            sealedDictionary = nil
        } else {
            subBlocks.load(Array(0..<sealed))
            entries = Self.merge([], subBlocks: (0..<sealed).map { (subBlocks[$0], $0 / layout.subBlocksPerBlock) })
            buckets = papers[..<sealedPapers].map { Self.buckets($0, count: layout.keyBuckets) }
            sealedDictionary = entries
        }
        sealedFingerprint = sealedDigest.value
        sealedBuckets = buckets
        buckets += papers[sealedPapers...].map { Self.buckets($0, count: layout.keyBuckets) }
        self.buckets = buckets
        subBlocks.load(Array(sealed..<starts.count))
        entries = Self.merge(entries, subBlocks: (sealed..<starts.count).map { (subBlocks[$0], $0 / layout.subBlocksPerBlock) })
        var byKey: [String: [Entry]] = [:]
        for entry in entries { byKey[SearchTokenizer.key(entry.term), default: []].append(entry) }
        for key in byKey.keys { byKey[key]!.sort { $0.term.utf8.lexicographicallyPrecedes($1.term.utf8) } }
        dictionary = byKey
    }

    var blockCount: Int { (papers.count + layout.blockSize - 1) / layout.blockSize }

    /// How many sub-blocks' words were read from their papers (the others came from the cache).
    package var subBlocksRead: Int { subBlocks.freshlyRead.count }

    /// The sub-blocks read from their papers, by fingerprint (to be cached).
    package var freshSubBlocks: [(fingerprint: UInt64, terms: SubBlockTerms)] {
        let known = subBlocks.known, fresh = subBlocks.freshlyRead
        return fresh.sorted().map { (subBlockFingerprints[$0], known[$0]!) }
    }
    package var subBlockCount: Int { subBlockFingerprints.count }

    /// Every file of the index, in a stable order.
    package var files: [SearchFile] {
        var files: [SearchFile] = []
        let keys = dictionary.keys.sorted()
        files.append(SearchFile(path: Self.folder + "meta.js", fingerprint: nil) { [self] in meta(keys: keys) })
        var keysByBlock = [Set<String>](repeating: [], count: blockCount)
        // The last block's file of every key also holds the key's dictionary: a word's first
        // fetch gives its words, the blocks that hold them and the newest postings.
        var entriesDigests: [String: UInt64] = [:]
        for key in keys {
            let entries = dictionary[key]!
            var digest = Digest()
            for entry in entries {
                digest.add(entry.term)
                for blocks in [entry.any, entry.title] {
                    digest.add(blocks.words.count)
                    for word in blocks.words { digest.add(word) }
                }
            }
            entriesDigests[key] = digest.value
            if blockCount > 0 { keysByBlock[blockCount - 1].insert(key) }
            var blocks = BlockSet()
            for entry in entries { blocks.formUnion(entry.any) }
            for block in 0..<blockCount where blocks.contains(block) { keysByBlock[block].insert(key) }
        }
        for block in 0..<blockCount {
            let subBlocks = block * layout.subBlocksPerBlock..<min((block + 1) * layout.subBlocksPerBlock, subBlockFingerprints.count)
            var digest = Digest()
            digest.add(base)
            digest.add(block)
            for index in subBlocks { digest.add(subBlockFingerprints[index]) }
            let blockDigest = digest.value
            for key in keysByBlock[block].sorted() {
                var fileDigest = Digest()
                fileDigest.add(blockDigest)
                fileDigest.add(key)
                if block == blockCount - 1 { fileDigest.add(entriesDigests[key]!) }
                files.append(
                    SearchFile(path: Self.folder + "p/\(block)/\(key).js", fingerprint: fileDigest.value) { [self] in
                        postingsFile(block: block, key: key)
                    })
            }
            var topicDigest = Digest()
            topicDigest.add(blockDigest)
            topicDigest.add(topics.map(\.slug))
            files.append(
                SearchFile(path: Self.folder + "p/\(block)/topics.js", fingerprint: topicDigest.value) { [self] in topicFile(block: block) }
            )
        }
        let shardCount = (papers.count + layout.shardSize - 1) / layout.shardSize
        let topicSlugs = topics.map(\.slug)
        files += Array(0..<shardCount).parallelMap { [papers, base] shard in
            let range = shard * layout.shardSize..<min((shard + 1) * layout.shardSize, papers.count)
            var digest = Digest()
            digest.add(base)
            digest.add(shard)
            digest.add(topicSlugs)
            for number in range { digest.add(cardDigests[number]) }
            return SearchFile(path: Self.folder + "d/\(shard).js", fingerprint: digest.value) { [self] in shardFile(shard: shard) }
        }
        // Each paper's slug and arXiv id, by bucket; a bucket's fingerprint takes its papers'
        // digests (the card's covers the slug, the content's the arXiv id).
        var buckets = [[Int]](repeating: [], count: layout.keyBuckets)
        for (number, placed) in self.buckets.enumerated() {
            let slug = placed & 0xFFFF, arxiv = placed >> 16
            buckets[Int(slug)].append(number)
            if arxiv != Self.noBucket, arxiv != slug { buckets[Int(arxiv)].append(number) }
        }
        // Every bucket, empty or not: `search.js` asks for the one a key hashes to.
        files += Array(buckets.enumerated()).parallelMap { [self] bucket, numbers in
            var digest = Digest()
            digest.add(base)
            digest.add(bucket)
            for number in numbers {
                digest.add(number)
                digest.add(cardDigests[number])
                digest.add(contentDigests[number])
            }
            return SearchFile(path: Self.folder + "k/\(bucket).js", fingerprint: digest.value) { [self] in
                keysFile(bucket: bucket, numbers)
            }
        }
        return files
    }

    // MARK: The dictionary

    package struct Entry: Sendable, Equatable {
        package var term: String
        /// The blocks that have the word anywhere / in a title.
        package var any: BlockSet
        package var title: BlockSet

        package init(term: String, any: BlockSet, title: BlockSet) {
            self.term = term
            self.any = any
            self.title = title
        }
    }

    /// `entries` with the words of each sub-block added, under its block's bit.
    static func merge(_ entries: [Entry], subBlocks: [(SubBlockTerms, block: Int)]) -> [Entry] {
        var entries = entries
        var found = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.term, $0) })
        for (subBlock, block) in subBlocks {
            for (position, term) in subBlock.terms.enumerated() {
                let inTitle = !subBlock.title(position).isEmpty
                if let at = found[term] {
                    entries[at].any.insert(block)
                    if inTitle { entries[at].title.insert(block) }
                } else {
                    found[term] = entries.count
                    entries.append(Entry(term: term, any: BlockSet([block]), title: BlockSet(inTitle ? [block] : [])))
                }
            }
        }
        return entries
    }

    /// A key's dictionary: `[[word, blocks with it (hexadecimal bits), blocks with it in a title], ...]`.
    static func appendDictionary(_ entries: [Entry], to json: inout [UInt8]) {
        json.append(UInt8(ascii: "["))
        for (index, entry) in entries.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.append(UInt8(ascii: "["))
            JSONEscaping.append(entry.term, to: &json)
            json += Array(",\"\(entry.any.hexadecimal)\",\"\(entry.title.hexadecimal)\"]".utf8)
        }
        json.append(UInt8(ascii: "]"))
    }

    // MARK: Postings

    func postingsFile(block: Int, key: String) -> [UInt8] {
        // Each word of the key in each sub-block, by word, then sub-block (so papers ascend).
        var found: [(term: String, subBlock: Int, position: Int)] = []
        let first = block * layout.subBlocksPerBlock
        let known = first..<min(first + layout.subBlocksPerBlock, subBlockFingerprints.count)
        let terms = known.map { subBlocks[$0] }
        for (offset, subBlock) in terms.enumerated() {
            for position in subBlock.positions(key: key) { found.append((subBlock.terms[position], offset, position)) }
        }
        found.sort { $0.term == $1.term ? $0.subBlock < $1.subBlock : $0.term.utf8.lexicographicallyPrecedes($1.term.utf8) }
        let base = block * layout.blockSize
        var json = Self.open("p/\(block)/\(key)")
        json += Array("{\"p\":{".utf8)
        var at = 0
        while at < found.count {
            var end = at + 1
            while end < found.count, found[end].term == found[at].term { end += 1 }
            if at > 0 { json.append(UInt8(ascii: ",")) }
            JSONEscaping.append(found[at].term, to: &json)
            json += Array(":[\"".utf8)
            for part in 0..<2 {
                if part == 1 { json += Array("\",\"".utf8) }
                var packer = PackedIDs.Packer(base: base)
                for entry in found[at..<end] {
                    let start = (first + entry.subBlock) * layout.subBlockSize
                    let subBlock = terms[entry.subBlock]
                    let offsets = part == 0 ? subBlock.title(entry.position) : subBlock.body(entry.position)
                    for offset in offsets { packer.add(start + Int(offset), to: &json) }
                }
            }
            json += Array("\"]".utf8)
            at = end
        }
        json.append(UInt8(ascii: "}"))
        if block == blockCount - 1 {
            json += Array(",\"d\":".utf8)
            Self.appendDictionary(dictionary[key] ?? [], to: &json)
        }
        json.append(UInt8(ascii: "}"))
        return Self.close(json)
    }

    func topicFile(block: Int) -> [UInt8] {
        let range = block * layout.blockSize..<min((block + 1) * layout.blockSize, papers.count)
        var byTopic = [[Int]](repeating: [], count: topics.count)
        for number in range {
            for topic in papers[number].topics { if let index = topicNumbers[topic] { byTopic[index].append(number) } }
        }
        var json = Self.open("p/\(block)/topics")
        json.append(UInt8(ascii: "["))
        for (index, numbers) in byTopic.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.append(UInt8(ascii: "\""))
            PackedIDs.append(numbers, base: range.lowerBound, to: &json)
            json.append(UInt8(ascii: "\""))
        }
        json.append(UInt8(ascii: "]"))
        return Self.close(json)
    }

    // MARK: Paper rows and exact keys

    func shardFile(shard: Int) -> [UInt8] {
        let range = shard * layout.shardSize..<min((shard + 1) * layout.shardSize, papers.count)
        var json = Self.open("d/\(shard)")
        json.append(UInt8(ascii: "["))
        for number in range {
            if number > range.lowerBound { json += Array(",\n".utf8) }
            // What the paper's card shows: the shard's fingerprint takes the card's digest.
            let paper = papers[number], card = paper.card
            json.append(UInt8(ascii: "["))
            JSONEscaping.append(paper.slug, to: &json)
            json.append(UInt8(ascii: ","))
            JSONEscaping.append(card.title, to: &json)
            json += Array(",\"\(card.firstSeen)\",[".utf8)
            json += Array(card.topics.compactMap { topicNumbers[$0].map(String.init) }.joined(separator: ",").utf8)
            json += Array("],[".utf8)
            for (index, author) in card.authors.enumerated() {
                if index > 0 { json.append(UInt8(ascii: ",")) }
                JSONEscaping.append(author, to: &json)
            }
            json += Array("],\(card.authorCount),".utf8)
            JSONEscaping.append(card.excerpt.withUTF8(Self.shortened), to: &json)
            json.append(UInt8(ascii: "]"))
        }
        json.append(UInt8(ascii: "]"))
        return Self.close(json)
    }

    /// Results show this many bytes of an excerpt at most: the rows are most of the index's bytes.
    static let excerptLength = 160

    /// An excerpt of more than ``excerptLength`` + 20 bytes cut at its last space within
    /// ``excerptLength`` bytes (else before a character), without the punctuation before the
    /// cut, and an ellipsis.
    static func shortened(_ bytes: UnsafeRawBufferPointer) -> String {
        guard bytes.count > excerptLength + 20 else { return String(decoding: bytes, as: UTF8.self) }
        var end = excerptLength
        while end > 0, bytes[end] != UInt8(ascii: " ") { end -= 1 }
        if end == 0 {
            end = excerptLength
            while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        }
        while end > 0, bytes[end - 1] < 0x80, bytes[end - 1] == 0x20 || isPunctuation(bytes[end - 1]) { end -= 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<end]), as: UTF8.self) + "…"
    }

    static func isPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }

    /// The arXiv id that finds a paper at once: lower case, without a version.
    static func arxivKey(_ paper: PaperModel) -> String? {
        guard var arxiv = paper.paper.arxiv?.lowercased(), !arxiv.isEmpty else { return nil }
        if let version = arxiv.lastIndex(of: "v"), arxiv.contains("."), arxiv[arxiv.index(after: version)...].allSatisfy(\.isNumber),
            version != arxiv.index(before: arxiv.endIndex)
        {
            arxiv = String(arxiv[..<version])
        }
        return arxiv
    }

    /// 32-bit FNV-1a of the key's UTF-8, modulo ``keyBuckets`` (the same in `search.js`).
    /// The paper's slug's bucket, and its arXiv id's (or ``noBucket``) shifted 16 bits up.
    static func buckets(_ paper: PaperModel, count: Int) -> UInt32 {
        let count = UInt32(count)
        return bucket(paper.slug) % count | (arxivKey(paper).map { (key: String) in bucket(key) % count } ?? noBucket) << 16
    }

    /// 32-bit FNV-1a of the key's UTF-8; its bucket is this modulo ``Layout/keyBuckets``
    /// (the same in `search.js`).
    static func bucket(_ key: String) -> UInt32 {
        var key = key
        return key.withUTF8 { Self.bucket($0) }
    }

    static func bucket(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt32 = 0x811c_9dc5
        var index = 0
        while index < bytes.count {
            hash = (hash ^ UInt32(bytes[index])) &* 0x0100_0193
            index += 1
        }
        return hash
    }

    /// The slugs and arXiv ids of the papers `numbers` that hash to `bucket`, each with its number.
    func keysFile(bucket: Int, _ numbers: [Int]) -> [UInt8] {
        var entries: [(String, Int)] = []
        for number in numbers {
            // The paper's buckets, as ``buckets(_:count:)`` placed it: its slug's, then its arXiv id's.
            let placed = buckets[number]
            if Int(placed & 0xFFFF) == bucket { entries.append((papers[number].slug, number)) }
            if Int(placed >> 16) == bucket, let arxiv = Self.arxivKey(papers[number]) { entries.append((arxiv, number)) }
        }
        var json = Self.open("k/\(bucket)")
        json.append(UInt8(ascii: "{"))
        for (index, (key, number)) in entries.sorted(by: { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) || ($0.0 == $1.0 && $0.1 < $1.1) }
        ).enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            JSONEscaping.append(key, to: &json)
            json += Array(":\(number)".utf8)
        }
        json.append(UInt8(ascii: "}"))
        return Self.close(json)
    }

    // MARK: Meta

    func meta(keys: [String]) -> [UInt8] {
        var json = Self.open("meta")
        json += Array(
            "{\"version\":1,\"papers\":\(papers.count),\"block\":\(layout.blockSize),\"shard\":\(layout.shardSize),\"buckets\":\(layout.keyBuckets),\"topics\":["
                .utf8)
        for (index, topic) in topics.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.append(UInt8(ascii: "["))
            JSONEscaping.append(topic.slug, to: &json)
            json.append(UInt8(ascii: ","))
            JSONEscaping.append(topic.name, to: &json)
            json.append(UInt8(ascii: "]"))
        }
        // Each year's first paper number: numbers follow first days, so a year is a range.
        json += Array("],\"years\":[".utf8)
        var number = 0, first = true
        while number < papers.count {
            let year = papers[number].paper.firstSeen.year
            if !first { json.append(UInt8(ascii: ",")) }
            first = false
            json += Array("[\(year),\(number)]".utf8)
            // The next year's first paper, by halving.
            var low = number + 1, high = papers.count
            while low < high {
                let middle = (low + high) / 2
                if papers[middle].paper.firstSeen.year == year { low = middle + 1 } else { high = middle }
            }
            number = low
        }
        json += Array("],\"keys\":\"\(keys.joined(separator: " "))\"}".utf8)
        return Self.close(json)
    }

    static func open(_ name: String) -> [UInt8] { Array("pbChunk(\"\(name)\",".utf8) }
    static func close(_ json: [UInt8]) -> [UInt8] { json + Array(");\n".utf8) }
}

/// The words of a sub-block of papers (``SearchIndex/subBlockSize`` consecutive numbers):
/// each word, sorted, with the papers (as offsets in the sub-block) that have it in the title
/// and those that have it only in the abstract or the authors. The lists are kept end to end
/// (`titleEnds[i]` is where word `i`'s list ends), so the value is a few flat arrays, as
/// cached.
package struct SubBlockTerms: Sendable, Equatable {
    package var terms: [String]
    package var title: [UInt16]
    package var titleEnds: [Int32]
    package var body: [UInt16]
    package var bodyEnds: [Int32]
    package init(terms: [String], title: [UInt16], titleEnds: [Int32], body: [UInt16], bodyEnds: [Int32]) {
        self.terms = terms
        self.title = title
        self.titleEnds = titleEnds
        self.body = body
        self.bodyEnds = bodyEnds
    }

    /// The positions of the words of dictionary key `key`: a key of two letters or digits is
    /// a prefix, found by halving in the sorted words; another is looked for in all of them.
    func positions(key: String) -> [Int] {
        guard !key.contains("_") else { return terms.indices.filter { SearchTokenizer.key(terms[$0]) == key } }
        let prefix = Array(key.utf8)
        var low = 0, high = terms.count
        while low < high {
            let middle = (low + high) / 2
            if terms[middle].utf8.lexicographicallyPrecedes(prefix) { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < terms.count, terms[end].utf8.starts(with: prefix) { end += 1 }
        return Array(low..<end)
    }

    package static func == (a: SubBlockTerms, b: SubBlockTerms) -> Bool {
        a.terms == b.terms && a.title == b.title && a.titleEnds == b.titleEnds && a.body == b.body && a.bodyEnds == b.bodyEnds
    }

    /// Word `position`'s papers with it in the title.
    func title(_ position: Int) -> ArraySlice<UInt16> {
        title[(position == 0 ? 0 : Int(titleEnds[position - 1]))..<Int(titleEnds[position])]
    }

    /// Word `position`'s papers with it elsewhere only.
    func body(_ position: Int) -> ArraySlice<UInt16> {
        body[(position == 0 ? 0 : Int(bodyEnds[position - 1]))..<Int(bodyEnds[position])]
    }

    /// The words of `papers`, read from their titles, abstracts and authors.
    init(_ papers: ArraySlice<PaperModel>) {
        var builder = Builder()
        for (offset, paper) in papers.enumerated() {
            builder.start(offset)
            var text = paper.paper.title
            text.withUTF8 { SearchTokenizer.forEachWord(in: UnsafeRawBufferPointer($0)) { builder.add($0, $1, isTitle: true) } }
            paper.paper.abstract?.withUTF8 { SearchTokenizer.forEachWord(in: $0) { builder.add($0, $1, isTitle: false) } }
            for var author in paper.paper.authors {
                author.withUTF8 { SearchTokenizer.forEachWord(in: UnsafeRawBufferPointer($0)) { builder.add($0, $1, isTitle: false) } }
            }
            builder.finish()
        }
        let (table, title, body) = (builder.table, builder.title, builder.body)
        let names = table.words
        let order = names.indices.sorted { names[$0].utf8.lexicographicallyPrecedes(names[$1].utf8) }
        var flatTitle: [UInt16] = [], flatBody: [UInt16] = [], titleEnds: [Int32] = [], bodyEnds: [Int32] = []
        titleEnds.reserveCapacity(order.count)
        bodyEnds.reserveCapacity(order.count)
        for number in order {
            flatTitle += title[number]
            flatBody += body[number]
            titleEnds.append(Int32(flatTitle.count))
            bodyEnds.append(Int32(flatBody.count))
        }
        self.init(terms: order.map { names[$0] }, title: flatTitle, titleEnds: titleEnds, body: flatBody, bodyEnds: bodyEnds)
    }
}

/// Sub-blocks' words, each read (from the cache, else from its papers) when first needed.
final class SubBlockStore: @unchecked Sendable {
    private let lock = NSLock()
    private var loaded: [SubBlockTerms?]
    /// The sub-blocks read from their papers, not the cache.
    private var fresh: Set<Int> = []
    var freshlyRead: Set<Int> { lock.withLock { fresh } }
    private let read: @Sendable (Int) -> (SubBlockTerms, fresh: Bool)

    init(count: Int, read: @escaping @Sendable (Int) -> (SubBlockTerms, fresh: Bool)) {
        loaded = Array(repeating: nil, count: count)
        self.read = read
    }

    subscript(index: Int) -> SubBlockTerms {
        if let known = lock.withLock({ loaded[index] }) { return known }
        let (terms, fresh) = read(index)
        lock.withLock {
            loaded[index] = terms
            if fresh { self.fresh.insert(index) }
        }
        return terms
    }

    /// Reads these sub-blocks on all cores.
    func load(_ indices: [Int]) {
        _ = indices.parallelMap { self[$0].terms.count }
    }

    /// The sub-blocks read so far, by index.
    var known: [Int: SubBlockTerms] {
        lock.withLock { Dictionary(uniqueKeysWithValues: loaded.enumerated().compactMap { index, terms in terms.map { (index, $0) } }) }
    }
}

/// A sub-block's words as its papers are read, one paper at a time.
private struct Builder {
    var table = WordTable()
    var title: [[UInt16]] = [], body: [[UInt16]] = []
    var lastSeen: [Int] = [], inTitle: [Bool] = []
    var paperTerms: [Int] = []
    var offset = 0

    mutating func start(_ offset: Int) {
        self.offset = offset
        paperTerms.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    mutating func add(_ word: UnsafeBufferPointer<UInt8>, _ hash: UInt64, isTitle: Bool) {
        let number = table.number(word, hash: hash)
        if number == lastSeen.count {
            title.append([])
            body.append([])
            lastSeen.append(-1)
            inTitle.append(false)
        }
        if lastSeen[number] != offset {
            lastSeen[number] = offset
            inTitle[number] = isTitle
            paperTerms.append(number)
        }
    }

    mutating func finish() {
        for number in paperTerms {
            if inTitle[number] { title[number].append(UInt16(offset)) } else { body[number].append(UInt16(offset)) }
        }
    }
}

/// Words numbered in the order first met, found by their hash and bytes without making a
/// string for each occurrence.
struct WordTable {
    private var slots = [Int32](repeating: -1, count: 1 << 14)
    private var hashes: [UInt64] = []
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    /// The word's number; a new word gets the next one.
    mutating func number(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] >= 0 {
            let number = Int(slots[slot])
            if hashes[number] == hash {
                let start = number == 0 ? 0 : ends[number - 1]
                if ends[number] - start == word.count,
                    bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress! + start, word.baseAddress!, word.count) == 0 })
                {
                    return number
                }
            }
            slot = (slot + 1) & (slots.count - 1)
        }
        let number = hashes.count
        slots[slot] = Int32(number)
        hashes.append(hash)
        bytes += word
        ends.append(bytes.count)
        if hashes.count * 2 > slots.count { grow() }
        return number
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for (number, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(number)
        }
    }

    /// Every word, by number.
    var words: [String] {
        ends.indices.map { String(decoding: bytes[($0 == 0 ? 0 : ends[$0 - 1])..<ends[$0]], as: UTF8.self) }
    }
}
