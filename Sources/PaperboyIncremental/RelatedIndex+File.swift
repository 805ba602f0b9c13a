import PaperboyContent
import PaperboyCore
import PaperboySite

extension RelatedIndex {
    // The file: magic, the binary that wrote it, the last day, then each flat array of the
    // index as its count and its bytes (a saved index loads as a few copies), then the
    // ``ContentCache/checksum(_:)`` of all that. Weights and scores keep their exact bits, so
    // a resumed index ranks as the one it was saved from; a damaged file, which would carry
    // wrong lists from build to build, is not read.
    static let magic = "paperboy related papers 2"

    /// The saved index of a Content folder; nil when there is none, it cannot be read, it was
    /// written by another binary, or this cache is off (see ``CacheFolder``). Its entries have
    /// no slugs yet: ``updating(_:to:)`` takes them from the documents when it resumes.
    package static func load(content: String) -> RelatedIndex? {
        guard let file = CacheFolder.file(.related, for: content), let bytes = FileIO.map(file, populate: true) else { return nil }
        return decode(bytes)
    }

    /// An index from the bytes ``encoded()`` made; nil when they are damaged or from another binary.
    static func decode(_ bytes: ByteBuffer) -> RelatedIndex? {
        let body = bytes.count - 8
        guard body >= 0,
            UInt64(littleEndian: bytes.bytes.loadUnaligned(fromByteOffset: body, as: UInt64.self))
                == ContentCache.checksum(UnsafeRawBufferPointer(rebasing: bytes.bytes[..<body]))
        else { return nil }
        var reader = BinaryReader(bytes, range: 0..<body)
        guard reader.string() == magic, reader.string() == BuildIdentity.current, let day = reader.string(),
            let terms: [UInt64] = reader.raw(), let frequencies: [Int32] = reader.raw(), let keys: [UInt64] = reader.raw(),
            let vectorStarts: [Int32] = reader.raw(), let vectorTerms: [Int32] = reader.raw(), let vectorWeights: [Float] = reader.raw(),
            let listEntries: [Int32] = reader.raw(), let listScores: [Float] = reader.raw(), reader.isAtEnd
        else { return nil }
        return RelatedIndex(
            terms: terms, documentFrequency: frequencies, keys: keys, lastDay: CalendarDate(day), vectorStarts: vectorStarts,
            vectorTerms: vectorTerms, vectorWeights: vectorWeights, listEntries: listEntries, listScores: listScores)
    }

    /// Writes the index of a Content folder to the cache folder (see ``CacheFolder/write(_:to:)``).
    package func save(content: String) {
        guard let file = CacheFolder.file(.related, for: content) else { return }
        CacheFolder.write(encoded(), to: file)
    }

    /// The file's bytes.
    func encoded() -> [UInt8] {
        var writer = BinaryWriter(capacity: 128 + terms.count * 12 + count * 120)
        writer.add(Self.magic)
        writer.add(BuildIdentity.current)
        writer.add(lastDay?.description ?? "")
        writer.addRaw(terms)
        writer.addRaw(documentFrequency)
        writer.addRaw(keys)
        writer.addRaw(vectorStarts)
        writer.addRaw(vectorTerms)
        writer.addRaw(vectorWeights)
        writer.addRaw(listEntries)
        writer.addRaw(listScores)
        var bytes = writer.bytes
        let checksum = bytes.withUnsafeBytes(ContentCache.checksum).littleEndian
        withUnsafeBytes(of: checksum) { bytes += $0 }
        return bytes
    }
}

extension BinaryWriter {
    /// An array of plain numbers: its count, then its bytes as they are in memory.
    fileprivate mutating func addRaw<Number: BitwiseCopyable>(_ numbers: [Number]) {
        add(numbers.count)
        numbers.withUnsafeBytes { append($0) }
    }
}

extension BinaryReader {
    /// What ``BinaryWriter/addRaw(_:)`` wrote, copied out; nil when the bytes are too few.
    fileprivate mutating func raw<Number: BitwiseCopyable>() -> [Number]? {
        let size = MemoryLayout<Number>.stride
        guard let count = int(), count >= 0, count <= (Int.max / size), let bytes = take(count * size) else { return nil }
        return [Number](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: bytes)
            initialized = count
        }
    }
}
