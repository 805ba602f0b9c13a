import Foundation
import PaperboyCore

/// The words of each sub-block of papers as last read (``SubBlockTerms``), kept in the cache
/// folder, one file per sub-block named by its fingerprint: a build reads again only the
/// papers of sub-blocks whose papers changed (on a new day, the last one or two).
///
/// Each file ends with the ``FNV1a`` hash of what comes before it, checked on every read.
/// `search-<hash of the Content folder>/<fingerprint>.bin`, and the dictionary of the full
/// blocks; files the last build did not use are removed
/// when the cache is saved. A file that cannot be read is a miss. Off with
/// `PAPERBOY_OFF=search-cache` (or `PAPERBOY_CACHE_DIR=off`).
package final class SearchTermCache: Sendable {
    /// The cache's folder; nil when caching is off.
    let folder: String?

    static let magic = Array("paperboy search words 1\n".utf8)

    /// The cache of the archive in `content` (its words are Content's, whatever the output).
    package convenience init(content: String) {
        self.init(folder: CacheFolder.folder(.search, for: content))
    }

    /// A cache kept in `folder` (nil: none).
    package init(folder: String?) {
        self.folder = folder
    }

    static func name(_ fingerprint: UInt64) -> String { String(fingerprint, radix: 16) + ".bin" }

    /// The words of the sub-block with this fingerprint, when kept.
    package func terms(fingerprint: UInt64) -> SubBlockTerms? {
        guard let folder, let bytes = (try? FileIO.read(folder + "/" + Self.name(fingerprint))).flatMap(Self.checked) else {
            return nil
        }
        return Self.decode(bytes, fingerprint: fingerprint)
    }

    /// The dictionary of the full blocks with this fingerprint, when kept.
    package func dictionary(fingerprint: UInt64) -> (entries: [SearchIndex.Entry], buckets: [UInt32])? {
        guard let folder, let bytes = (try? FileIO.read(folder + "/" + Self.dictionaryName(fingerprint))).flatMap(Self.checked) else {
            return nil
        }
        return Self.decodeDictionary(bytes, fingerprint: fingerprint)
    }

    static func dictionaryName(_ fingerprint: UInt64) -> String { "dictionary-" + String(fingerprint, radix: 16) + ".bin" }

    /// Keeps what the index read that is not kept yet, and removes what it does not use.
    package func save(_ index: SearchIndex) {
        guard let folder else { return }
        var wanted = Set(index.subBlockFingerprints.map(Self.name))
        wanted.insert(Self.dictionaryName(index.sealedFingerprint))
        let present = Set(FileIO.list(folder))
        for (fingerprint, terms) in index.freshSubBlocks where !present.contains(Self.name(fingerprint)) {
            CacheFolder.write(Self.sealed(Self.encode(terms, fingerprint: fingerprint)), to: folder + "/" + Self.name(fingerprint))
        }
        if let entries = index.sealedDictionary, !present.contains(Self.dictionaryName(index.sealedFingerprint)) {
            CacheFolder.write(
                Self.sealed(Self.encodeDictionary(entries, buckets: index.sealedBuckets, fingerprint: index.sealedFingerprint)),
                to: folder + "/" + Self.dictionaryName(index.sealedFingerprint))
        }
        guard let open = FileIO.OpenFolder(folder) else { return }
        for name in present where !wanted.contains(name) && name.hasSuffix(".bin") { open.removeOwnEntry(name) }
    }

    static func encodeDictionary(_ entries: [SearchIndex.Entry], buckets: [UInt32], fingerprint: UInt64) -> [UInt8] {
        var writer = CacheWriter(magic: dictionaryMagic)
        writer.add(fingerprint)
        writer.add(UInt32(entries.count))
        for entry in entries {
            writer.add(entry.term)
            writer.add(entry.any.words)
            writer.add(entry.title.words)
        }
        writer.add(buckets)
        return writer.bytes
    }

    static let dictionaryMagic = Array("paperboy search dictionary 3\n".utf8)

    static func decodeDictionary(_ bytes: [UInt8], fingerprint: UInt64) -> (entries: [SearchIndex.Entry], buckets: [UInt32])? {
        bytes.withUnsafeBytes { raw -> (entries: [SearchIndex.Entry], buckets: [UInt32])? in
            var reader = CacheReader(raw, magic: dictionaryMagic)
            guard reader.read(UInt64.self) == fingerprint, let count = reader.read(UInt32.self), Int(count) <= raw.count else { return nil }
            var entries: [SearchIndex.Entry] = []
            entries.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let term = reader.string(), let any = reader.list(UInt64.self), let title = reader.list(UInt64.self) else {
                    return nil
                }
                entries.append(SearchIndex.Entry(term: term, any: BlockSet(words: any), title: BlockSet(words: title)))
            }
            guard let buckets = reader.list(UInt32.self), reader.isAtEnd else { return nil }
            return (entries, buckets)
        }
    }

    // MARK: Coding

    /// `bytes` followed by their hash.
    static func sealed(_ bytes: [UInt8]) -> [UInt8] {
        let hash = bytes.withUnsafeBytes(Self.hash).littleEndian
        return bytes + withUnsafeBytes(of: hash) { Array($0) }
    }

    /// What ``sealed(_:)`` sealed, when its hash matches; nil for a damaged file.
    static func checked(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 8 else { return nil }
        return bytes.withUnsafeBytes { raw -> [UInt8]? in
            let body = UnsafeRawBufferPointer(rebasing: raw[..<(raw.count - 8)])
            let stored = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self))
            return Self.hash(body) == stored ? Array(body) : nil
        }
    }

    /// ``FNV1a`` of `bytes`.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash = FNV1a()
        for byte in bytes { hash.add(byte) }
        return hash.value
    }

    static func encode(_ terms: SubBlockTerms, fingerprint: UInt64) -> [UInt8] {
        var writer = CacheWriter(magic: magic)
        writer.add(fingerprint)
        writer.add(UInt32(terms.terms.count))
        for term in terms.terms { writer.add(term) }
        writer.add(terms.title)
        writer.add(terms.titleEnds)
        writer.add(terms.body)
        writer.add(terms.bodyEnds)
        return writer.bytes
    }

    static func decode(_ bytes: [UInt8], fingerprint: UInt64) -> SubBlockTerms? {
        bytes.withUnsafeBytes { raw -> SubBlockTerms? in
            var reader = CacheReader(raw, magic: magic)
            guard reader.read(UInt64.self) == fingerprint, let count = reader.read(UInt32.self), Int(count) <= raw.count else { return nil }
            var terms: [String] = []
            terms.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let term = reader.string() else { return nil }
                terms.append(term)
            }
            guard let title = reader.list(UInt16.self), let titleEnds = reader.list(Int32.self), let body = reader.list(UInt16.self),
                let bodyEnds = reader.list(Int32.self), reader.isAtEnd, titleEnds.count == terms.count, bodyEnds.count == terms.count,
                titleEnds.last.map({ Int($0) == title.count }) ?? title.isEmpty,
                bodyEnds.last.map({ Int($0) == body.count }) ?? body.isEmpty,
                (titleEnds.first ?? 0) >= 0, (bodyEnds.first ?? 0) >= 0,
                zip(titleEnds, titleEnds.dropFirst()).allSatisfy({ $0 <= $1 }), zip(bodyEnds, bodyEnds.dropFirst()).allSatisfy({ $0 <= $1 })
            else { return nil }
            return SubBlockTerms(terms: terms, title: title, titleEnds: titleEnds, body: body, bodyEnds: bodyEnds)
        }
    }
}

/// A cache file being written: its magic, then little-endian numbers, counted lists and
/// strings (a UTF-8 byte count, then the bytes).
private struct CacheWriter {
    private(set) var bytes: [UInt8]

    init(magic: [UInt8]) {
        bytes = magic
    }

    mutating func add<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    mutating func add<T: FixedWidthInteger>(_ values: [T]) {
        add(UInt32(values.count))
        for value in values { add(value) }
    }

    mutating func add(_ text: String) {
        add(UInt32(text.utf8.count))
        bytes += text.utf8
    }
}

/// Reads what ``CacheWriter`` wrote; every read is nil past the end or after another magic.
private struct CacheReader {
    private let raw: UnsafeRawBufferPointer
    private var at: Int

    init(_ raw: UnsafeRawBufferPointer, magic: [UInt8]) {
        self.raw = raw
        at = raw.count >= magic.count && raw.prefix(magic.count).elementsEqual(magic) ? magic.count : raw.count + 1
    }

    var isAtEnd: Bool { at == raw.count }

    mutating func read<T: FixedWidthInteger>(_: T.Type) -> T? {
        guard at + MemoryLayout<T>.size <= raw.count else { return nil }
        defer { at += MemoryLayout<T>.size }
        return T(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: T.self))
    }

    mutating func list<T: FixedWidthInteger>(_: T.Type) -> [T]? {
        guard let count = read(UInt32.self), at + Int(count) * MemoryLayout<T>.size <= raw.count else { return nil }
        let values = (0..<Int(count)).map { T(littleEndian: raw.loadUnaligned(fromByteOffset: at + $0 * MemoryLayout<T>.size, as: T.self)) }
        at += Int(count) * MemoryLayout<T>.size
        return values
    }

    mutating func string() -> String? {
        guard let length = read(UInt32.self), at + Int(length) <= raw.count else { return nil }
        defer { at += Int(length) }
        return String(decoding: UnsafeRawBufferPointer(rebasing: raw[at..<at + Int(length)]), as: UTF8.self)
    }
}
