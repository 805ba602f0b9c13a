import PaperboyContent
import PaperboyCore

extension ContentCache {
    // MARK: Files

    // The file: a header (magic, binary, topics digest, chunk count, light length), then the
    // light part (per chunk, each paper file's fields but its abstract; then the day files),
    // then the heavy part (per chunk, in the same order, abstracts and derived values). A
    // command that does not build reads the header and the light part only: an eighth of it.

    /// Reads the cache of a Content folder; an empty cache when there is none or it cannot be
    /// used, nil when caching is off.
    ///
    /// Without `withHeavyPart`, papers come without their abstracts (see ``isPartial``).
    static func load(_ layout: ContentLayout, derivedKey: UInt64, withHeavyPart: Bool = true) -> ContentCache? {
        guard let file = CacheFolder.file(.content, for: layout.root) else { return nil }
        // No file reads as an empty cache, the same as a damaged one. Without the heavy part,
        // only the light part's pages are ever touched.
        guard let bytes = FileIO.map(file, populate: false) else {
            return decode([], derivedKey: derivedKey, withHeavyPart: withHeavyPart)
        }
        return decode(bytes, derivedKey: derivedKey, withHeavyPart: withHeavyPart)
    }

    /// The header: which binary and rules wrote the cache, and where its light part ends.
    struct Header {
        var derivedKey: UInt64
        var chunkCount: Int
        /// Bytes from the start of the file to the end of the light part.
        var lightEnd: Int
        var headerEnd: Int
        /// ``ContentCache/checksum(_:)`` of the light part.
        var lightChecksum: UInt64

        init?(_ bytes: [UInt8]) { self.init(ByteBuffer(bytes)) }

        init?(_ bytes: ByteBuffer) {
            var reader = BinaryReader(bytes)
            guard reader.string() == ContentCache.magic, reader.string() == BuildIdentity.current, let derivedKey = reader.uint64(),
                let chunkCount = reader.int(), chunkCount >= 0, chunkCount <= 1024, let lightLength = reader.int(), lightLength >= 0,
                let lightChecksum = reader.uint64()
            else { return nil }
            self.lightChecksum = lightChecksum
            self.derivedKey = derivedKey
            self.chunkCount = chunkCount
            self.headerEnd = reader.offset
            self.lightEnd = reader.offset + lightLength
        }
    }

    /// A cache from its bytes; empty when they are damaged or from another binary. Without
    /// `withHeavyPart`, only the header and the light part are read (and needed): papers come
    /// without their abstracts.
    static func decode(_ bytes: [UInt8], derivedKey: UInt64, withHeavyPart: Bool = true) -> ContentCache {
        decode(ByteBuffer(bytes), derivedKey: derivedKey, withHeavyPart: withHeavyPart)
    }

    /// ``decode(_:derivedKey:withHeavyPart:)`` of a mapped file: a light load reads only the light
    /// part, even though the buffer holds the whole file.
    static func decode(_ bytes: ByteBuffer, derivedKey: UInt64, withHeavyPart: Bool = true) -> ContentCache {
        var cache = ContentCache()
        cache.derivedKey = derivedKey
        cache.isPartial = !withHeavyPart
        // Text and display fields are read from the light part only when used, and days point at
        // papers by position: a damaged light part must show before anything is decoded.
        guard let header = Header(bytes), header.lightEnd <= bytes.count,
            withExtendedLifetime(
                bytes, { Self.checksum(UnsafeRawBufferPointer(rebasing: bytes.bytes[header.headerEnd..<header.lightEnd])) })
                == header.lightChecksum
        else { return cache }
        let keepDerived = header.derivedKey == derivedKey
        // Chunks of known length, decoded in parallel: light chunks, the days, heavy chunks.
        var reader = BinaryReader(bytes, range: header.headerEnd..<bytes.count)
        func chunkRanges(_ count: Int) -> [Range<Int>]? {
            var ranges: [Range<Int>] = []
            for _ in 0..<count {
                guard let length = reader.int() else { return nil }
                let start = reader.offset
                guard reader.skip(length) else { return nil }
                ranges.append(start..<start + length)
            }
            return ranges
        }
        guard let lightChunks = chunkRanges(header.chunkCount), let dayRange = chunkRanges(1)?.first,
            reader.offset == header.lightEnd
        else { return cache }
        var heavyChunks: [Range<Int>?] = Array(repeating: nil, count: header.chunkCount)
        if withHeavyPart {
            guard let ranges = chunkRanges(header.chunkCount), reader.isAtEnd else { return cache }
            heavyChunks = ranges
        }
        // The days on the other core, while both decode papers (a listing per day).
        let daysDecoding = Background { decodeDays(bytes, range: dayRange) }
        let decoded: [[(String, PaperEntry)]?] = Array(zip(lightChunks, heavyChunks)).parallelMap { light, heavy in
            var reader = BinaryReader(bytes, range: light)
            // A heavy chunk: the length of its index, the index (each entry's small values and where
            // its texts are), then the texts, which are left where they are (see StoredText).
            var heavyReader: BinaryReader?
            var texts = 0..<0
            if let heavy {
                var frame = BinaryReader(bytes, range: heavy)
                guard let indexLength = frame.int(), indexLength >= 0, indexLength <= heavy.upperBound - frame.offset else { return nil }
                heavyReader = BinaryReader(bytes, range: frame.offset..<frame.offset + indexLength)
                texts = frame.offset + indexLength..<heavy.upperBound
            }
            guard let count = reader.int(), count >= 0, count <= light.count, heavyReader == nil || heavyReader!.int() == count else {
                return nil
            }
            var entries: [(String, PaperEntry)] = []
            entries.reserveCapacity(count)
            for _ in 0..<count {
                guard let name = reader.string(), let identity = reader.identity(), let fields = reader.paperWithoutAbstract(),
                    let titleKey = reader.string(), let titleHash = reader.uint64(), let hasArxivHash = reader.bool()
                else { return nil }
                var arxivHash: UInt64?
                if hasArxivHash {
                    guard let hash = reader.uint64() else { return nil }
                    arxivHash = hash
                }
                var derived: Derived?
                var abstract: StoredText?
                if var heavy = heavyReader {
                    guard let text = heavy.storedText(in: texts), let hasDerived = heavy.bool() else { return nil }
                    abstract = text
                    if hasDerived {
                        guard let html = heavy.storedText(in: texts), let excerpt = heavy.storedText(in: texts),
                            let topics = heavy.strings(),
                            let cardDigest = heavy.uint64(), let contentDigest = heavy.uint64()
                        else { return nil }
                        if keepDerived {
                            derived = Derived(
                                abstractHTML: html, excerpt: excerpt, topics: topics, cardDigest: cardDigest, contentDigest: contentDigest)
                        }
                    }
                    heavyReader = heavy
                }
                let paper = LoadedPaper(
                    slug: fields.slug, firstSeen: fields.firstSeen, arxiv: fields.arxiv, topics: fields.topics, abstract: abstract,
                    display: fields.display)
                entries.append(
                    (
                        name,
                        PaperEntry(
                            identity: identity, paper: paper, titleKey: titleKey, derived: derived,
                            hashes: (titleHash, arxivHash))
                    ))
            }
            return reader.isAtEnd && (heavyReader?.isAtEnd ?? true) ? entries : nil
        }
        var stored: [(name: String, entry: PaperEntry)] = []
        stored.reserveCapacity(decoded.reduce(0) { $0 + ($1?.count ?? 0) })
        for chunk in decoded {
            guard let chunk else { return cache }
            stored += chunk
        }
        // The days were read meanwhile; their positions must name entries read here.
        guard let days = daysDecoding.take(),
            days.values.allSatisfy({ entry in
                zip(entry.storedPositions ?? [], entry.day.papers).allSatisfy { position, slug in
                    position < 0 || (position < stored.count && stored[position].name.utf8.count == slug.utf8.count + 3)
                }
            })
        else { return cache }
        cache.stored = stored
        cache.days = days
        cache.isModified = !keepDerived
        return cache
    }

    /// A checksum of bytes that may arrive in parts: four lanes of multiply-and-add over 64-bit
    /// words. Not a digest, but fast (the light part of a large cache is 35 MB, checked on each
    /// load) and no change of one word goes unseen.
    struct Checksum {
        private var lanes: (UInt64, UInt64, UInt64, UInt64) = (1, 2, 3, 4)
        private var pending: [UInt8] = []
        private var count: UInt64 = 0
        private static let factor: UInt64 = 0x9E37_79B9_7F4A_7C15

        mutating func add(_ bytes: UnsafeRawBufferPointer) {
            count &+= UInt64(bytes.count)
            var offset = 0
            // Bytes left from the last part first, so that parts checksum as their concatenation.
            while !pending.isEmpty && pending.count < 32 && offset < bytes.count {
                pending.append(bytes[offset])
                offset += 1
            }
            if pending.count == 32 {
                pending.withUnsafeBytes { mix($0, at: 0) }
                pending.removeAll(keepingCapacity: true)
            }
            while offset + 32 <= bytes.count {
                mix(bytes, at: offset)
                offset += 32
            }
            pending.append(contentsOf: bytes[offset...])
        }

        private mutating func mix(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
            lanes.0 = lanes.0 &* Self.factor &+ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            lanes.1 = lanes.1 &* Self.factor &+ bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
            lanes.2 = lanes.2 &* Self.factor &+ bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)
            lanes.3 = lanes.3 &* Self.factor &+ bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)
        }

        var value: UInt64 {
            var tail = count
            for byte in pending { tail = tail &* Self.factor &+ UInt64(byte) }
            return lanes.0 ^ (lanes.1 &* 3) ^ (lanes.2 &* 5) ^ (lanes.3 &* 7) ^ (tail &* 11)
        }
    }

    /// ``Checksum`` of one run of bytes.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var checksum = Checksum()
        checksum.add(bytes)
        return checksum.value
    }

    /// The day entries of a cache's days part; nil when it is damaged. Their stored positions
    /// are checked against the papers by the caller.
    static func decodeDays(_ bytes: ByteBuffer, range dayRange: Range<Int>) -> [String: DayEntry]? {
        var reader = BinaryReader(bytes, range: dayRange)
        guard let dayCount = reader.int(), dayCount >= 0, dayCount <= dayRange.count else { return nil }
        var days: [String: DayEntry] = [:]
        for _ in 0..<dayCount {
            guard let name = reader.string(), let identity = reader.identity(), let date = reader.date(),
                let source = reader.string(), let note = reader.string(), let count = reader.int(), count >= 0, count <= dayRange.count
            else { return nil }
            var upvotes: [String: Int] = [:]
            // Each listing: its line, 1 + the position of its paper in `stored` (0: none), its slug.
            var slugs: [String] = [], lines: [Int] = [], positions: [Int] = []
            slugs.reserveCapacity(count)
            lines.reserveCapacity(count)
            positions.reserveCapacity(count)
            for _ in 0..<count {
                guard let line = reader.int(), let code = reader.int(), code >= 0, let slug = reader.string(),
                    let votes = reader.int()
                else { return nil }
                if votes >= 0 { upvotes[slug] = votes }
                slugs.append(slug)
                lines.append(line)
                positions.append(code - 1)
            }
            days[name] = DayEntry(
                identity: identity, day: Day(date: date, source: source, papers: slugs, upvotes: upvotes, note: note), slugLines: lines,
                storedPositions: positions)
        }
        return reader.isAtEnd ? days : nil
    }

    /// Writes the cache of the Content folder. Failing to is not an error: the next command
    /// parses the files again.
    package func save(_ layout: ContentLayout) {
        guard !isPartial, let file = CacheFolder.file(.content, for: layout.root) else { return }
        CacheFolder.write(to: file, encode)
    }

    /// The cache's bytes, entries sorted by file name.
    func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        _ = encode {
            bytes += $0; return true
        }
        return bytes
    }

    /// Passes the cache's bytes to `emit` in parts, one after the other: a large archive's
    /// cache is 240 MB, so of its heavy part only as many chunks as there are cores are in
    /// memory at once.
    func encode(_ emit: ([UInt8]) -> Bool) -> Bool {
        let count = papers.count
        let chunkSize = max(1, (count + Self.chunkCount - 1) / Self.chunkCount)
        let chunks = stride(from: 0, to: count, by: chunkSize).map { $0..<min($0 + chunkSize, count) }
        // The light part first, whole: the header gives its length.
        var light: [[UInt8]] = chunks.parallelMap { chunk in
            var writer = BinaryWriter(capacity: chunk.count * 256)
            writer.add(chunk.count)
            for position in chunk {
                let entry = papers.entries[position]
                writer.add(papers.names[position])
                writer.add(entry.identity)
                writer.addWithoutAbstract(entry.paper)
                writer.add(entry.titleKey)
                writer.add(entry.titleHash)
                writer.add(entry.arxivHash != nil)
                if let hash = entry.arxivHash { writer.add(hash) }
            }
            return writer.bytes
        }
        // Days list their papers by position in the papers just written (see DayEntry).
        let names = papers.nameTable()
        var writer = BinaryWriter(capacity: days.count * 1200)
        writer.add(days.count)
        for name in days.keys.sorted() {
            let entry = days[name]!
            writer.add(name)
            writer.add(entry.identity)
            writer.add(entry.day.date)
            writer.add(entry.day.source)
            writer.add(entry.day.note)
            writer.add(entry.day.papers.count)
            for (slug, line) in zip(entry.day.papers, entry.slugLines) {
                writer.add(line)
                let position = papers.position(ofSlug: slug, in: names)
                writer.add((position ?? -1) + 1)
                writer.add(slug)
                writer.add(entry.day.upvotes[slug] ?? -1)
            }
        }
        light.append(writer.bytes)
        func framed(_ part: [UInt8]) -> [UInt8] {
            var frame = BinaryWriter(capacity: 9)
            frame.add(part.count)
            return frame.bytes
        }
        var header = BinaryWriter(capacity: 1024)
        header.add(Self.magic)
        header.add(BuildIdentity.current)
        header.add(derivedKey)
        header.add(chunks.count)
        var framedLight = light.flatMap { [framed($0), $0] }
        light = []
        header.add(framedLight.reduce(0) { $0 + $1.count })
        var checksum = Checksum()
        for part in framedLight { part.withUnsafeBytes { checksum.add($0) } }
        header.add(checksum.value)
        guard emit(header.bytes) else { return false }
        for part in framedLight {
            guard emit(part) else { return false }
        }
        framedLight = []
        let perRound = ProcessInfoCores.count
        for round in stride(from: 0, to: chunks.count, by: perRound) {
            let heavy: [(index: [UInt8], texts: [UInt8])] = Array(chunks[round..<min(round + perRound, chunks.count)]).parallelMap {
                chunk in
                // The index first, the texts after it: a build reads the index, 50 bytes a paper,
                // and of the texts only those of the pages it renders.
                var index = BinaryWriter(capacity: chunk.count * 64)
                var texts = BinaryWriter(capacity: chunk.count * 3072)
                index.add(chunk.count)
                for position in chunk {
                    let entry = papers.entries[position]
                    // A partial cache (papers without abstracts) is never saved: every paper has one here.
                    index.add(entry.paper.abstract ?? "", into: &texts)
                    index.add(entry.derived != nil)
                    if let derived = entry.derived {
                        index.add(derived.abstractHTML, into: &texts)
                        index.add(derived.excerpt, into: &texts)
                        index.add(derived.topics)
                        index.add(derived.cardDigest)
                        index.add(derived.contentDigest)
                    }
                }
                var framedIndex = BinaryWriter(capacity: index.bytes.count + 10)
                framedIndex.add(index.bytes.count)
                index.bytes.withUnsafeBytes { framedIndex.append($0) }
                return (framedIndex.bytes, texts.bytes)
            }
            // The chunk's length, then its two parts as they are (the texts are most of the file).
            for part in heavy {
                var length = BinaryWriter(capacity: 10)
                length.add(part.index.count + part.texts.count)
                guard emit(length.bytes), emit(part.index), emit(part.texts) else { return false }
            }
        }
        return true
    }
}

extension BinaryWriter {
    mutating func add(_ identity: FileIdentity) {
        add(identity.size)
        add(identity.inode)
        add(identity.device)
        add(identity.modified)
        add(identity.changed)
    }

    mutating func add(_ date: CalendarDate) {
        add(date.year)
        add(date.month)
        add(date.day)
    }

    mutating func add(_ metadata: PaperMetadata) {
        add(metadata.published != nil)
        if let published = metadata.published { add(published) }
        add(metadata.project)
        add(metadata.codeStars != nil)
        if let stars = metadata.codeStars { add(stars) }
        add(metadata.keywords)
        add(metadata.categories)
    }

    /// A paper's fields but its abstract (see ``ContentCache``'s light part); the display
    /// fields as one length-prefixed block, copied as they are when the paper still holds
    /// them encoded (see ``LoadedPaper/Display``).
    mutating func addWithoutAbstract(_ paper: LoadedPaper) {
        add(paper.slug)
        add(paper.firstSeen)
        add(paper.arxiv)
        add(paper.topics)
        switch paper.display {
        case let .stored(stored as MappedDisplayFields):
            let (buffer, range) = (stored.buffer, stored.range)
            add(range.count)
            withExtendedLifetime(buffer) { append(UnsafeRawBufferPointer(rebasing: buffer.bytes[range])) }
        case .stored, .decoded:
            let fields = paper.display.fields
            var block = BinaryWriter(capacity: 256)
            block.add(fields.title)
            block.add(fields.authors)
            block.add(fields.code)
            block.add(fields.summary)
            block.add(fields.metadata)
            block.add(fields.extraFrontMatter)
            add(block.bytes.count)
            block.bytes.withUnsafeBytes { append($0) }
        }
    }
}

extension BinaryReader {
    mutating func identity() -> FileIdentity? {
        guard let size = int64(), let inode = uint64(), let device = uint64(), let modified = int64(), let changed = int64() else {
            return nil
        }
        return FileIdentity(size: size, inode: inode, device: device, modified: modified, changed: changed)
    }

    mutating func date() -> CalendarDate? {
        guard let year = int(), let month = int(), let day = int() else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// A paper's fields as ``BinaryWriter/addWithoutAbstract(_:)`` wrote them, its display
    /// fields left in the buffer.
    mutating func paperWithoutAbstract() -> (
        slug: String, firstSeen: CalendarDate, arxiv: String?, topics: [String], display: LoadedPaper.Display
    )? {
        guard let slug = string(), let firstSeen = date(), let arxiv = optionalString(), let topics = strings(),
            let length = int(), length >= 0
        else { return nil }
        let start = offset
        guard skip(length) else { return nil }
        return (slug, firstSeen, arxiv, topics, .stored(MappedDisplayFields(buffer: buffer, range: start..<start + length)))
    }

    /// The display fields of a paper (see ``LoadedPaper/Display``).
    mutating func displayFields() -> LoadedPaper.DisplayFields? {
        guard let title = string(), let authors = strings(), let code = strings(), let summary = optionalString(),
            let metadata = metadata(), let extra = string(), isAtEnd
        else { return nil }
        return LoadedPaper.DisplayFields(
            title: title, authors: authors, code: code, summary: summary, metadata: metadata, extraFrontMatter: extra)
    }

    mutating func metadata() -> PaperMetadata? {
        guard let hasPublished = bool() else { return nil }
        var metadata = PaperMetadata()
        if hasPublished {
            guard let published = date() else { return nil }
            metadata.published = published
        }
        guard let project = optionalString(), let hasStars = bool() else { return nil }
        metadata.project = project
        if hasStars {
            guard let stars = int() else { return nil }
            metadata.codeStars = stars
        }
        guard let keywords = strings(), let categories = strings() else { return nil }
        metadata.keywords = keywords
        metadata.categories = categories
        return metadata
    }
}

/// The content cache of a Content folder, mapped from its file in the ``CacheFolder``: what
/// ``ContentLoader`` pairs unchanged files with.
package struct ContentCacheFile: ContentCacheStore {
    package init() {}

    package func load(_ layout: ContentLayout, derivedKey: UInt64, withHeavyPart: Bool) -> ContentCache? {
        ContentCache.load(layout, derivedKey: derivedKey, withHeavyPart: withHeavyPart)
    }
}

/// A paper's display fields still in the mapped cache file (see ``LoadedPaper/Display``), read again
/// on each use and never changed there.
struct MappedDisplayFields: StoredDisplayFields {
    let buffer: ByteBuffer
    let range: Range<Int>

    func decodeFields() -> LoadedPaper.DisplayFields? {
        var reader = BinaryReader(buffer, range: range)
        return reader.displayFields()
    }

    func decodeTitle() -> String? {
        var reader = BinaryReader(buffer, range: range)
        return reader.string()
    }

    func storedTitle() -> StoredText? {
        var reader = BinaryReader(buffer, range: range)
        return reader.storedText()
    }

    func decodeCardFields() -> LoadedPaper.CardFields? {
        var reader = BinaryReader(buffer, range: range)
        guard let title = reader.string(), let authors = reader.strings() else { return nil }
        return LoadedPaper.CardFields(title: title, authors: authors)
    }
}
