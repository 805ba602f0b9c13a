import PaperboyContent

/// A compact byte encoding for Paperboy's caches: LEB128 integers and length-prefixed UTF-8.
///
/// Hand-written because the cache of a large archive holds ~100 MB of text that must load in
/// a fraction of a second; Foundation's coders take seconds for it.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func add(_ number: UInt64) {
        var number = number
        while number >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: number) | 0x80)
            number >>= 7
        }
        bytes.append(UInt8(number))
    }

    mutating func add(_ number: Int) { add(UInt64(bitPattern: Int64(number))) }
    mutating func add(_ number: Int64) { add(UInt64(bitPattern: number)) }
    mutating func add(_ flag: Bool) { bytes.append(flag ? 1 : 0) }

    /// Text kept apart: its bytes go to `texts`, and here where they are there (offset and
    /// length), read back by ``BinaryReader/storedText(in:)``.
    mutating func add(_ text: StoredText, into texts: inout BinaryWriter) {
        add(texts.bytes.count)
        text.withUTF8 { utf8 in
            add(utf8.count)
            texts.append(utf8)
        }
    }

    /// Bytes as they are, with no length (the caller wrote one).
    mutating func append(_ raw: UnsafeRawBufferPointer) { bytes.append(contentsOf: raw) }

    mutating func add(_ text: String) { add(StoredText(text)) }

    /// Length-prefixed UTF-8, the same for text still in a mapped cache as for a `String`.
    mutating func add(_ text: StoredText) {
        text.withUTF8 { utf8 in
            add(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func add(_ text: String?) {
        add(text != nil)
        if let text { add(text) }
    }

    mutating func add(_ texts: [String]) {
        add(texts.count)
        for text in texts { add(text) }
    }
}

/// Reads what ``BinaryWriter`` wrote; every read fails (nil) instead of trapping on bad bytes.
struct BinaryReader {
    /// The buffer read, which text left in it keeps alive (see ``StoredText``).
    let buffer: ByteBuffer
    private let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int
    private let end: Int

    init(_ bytes: [UInt8]) { self.init(ByteBuffer(bytes)) }

    init(_ buffer: ByteBuffer) { self.init(buffer, range: 0..<buffer.count) }

    /// Reads only `range` of `buffer` (no copy): parts of one buffer can be read in parallel.
    init(_ buffer: ByteBuffer, range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= buffer.count)
        self.buffer = buffer
        self.bytes = buffer.bytes
        self.offset = range.lowerBound
        self.end = range.upperBound
    }

    var isAtEnd: Bool { offset == end }

    /// Skips `count` bytes; false when there are not that many.
    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, count <= end - offset else { return false }
        offset += count
        return true
    }

    /// The next `count` bytes, left in the buffer (valid while it lives); nil when there are not that many.
    mutating func take(_ count: Int) -> UnsafeRawBufferPointer? {
        guard count >= 0, count <= end - offset else { return nil }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    mutating func uint64() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < end, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }

    mutating func int() -> Int? { uint64().map { Int(truncatingIfNeeded: Int64(bitPattern: $0)) } }
    mutating func int64() -> Int64? { uint64().map { Int64(bitPattern: $0) } }

    mutating func bool() -> Bool? {
        guard offset < end, bytes[offset] <= 1 else { return nil }
        offset += 1
        return bytes[offset - 1] == 1
    }

    mutating func string() -> String? {
        guard let count = int(), count >= 0, count <= end - offset else { return nil }
        let text = String(
            validating: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]).assumingMemoryBound(to: UInt8.self), as: UTF8.self)
        offset += count
        return text
    }

    /// Text that ``BinaryWriter/add(_:into:)`` kept apart, in `texts` of the buffer, left there.
    mutating func storedText(in texts: Range<Int>) -> StoredText? {
        guard let offset = int(), let count = int(), offset >= 0, count >= 0, offset <= texts.count - count else { return nil }
        return StoredText(mapped: buffer, range: texts.lowerBound + offset..<texts.lowerBound + offset + count)
    }

    /// A string as ``string()`` reads it, left in the buffer (see ``StoredText``).
    mutating func storedText() -> StoredText? {
        guard let count = int(), count >= 0, count <= end - offset else { return nil }
        defer { offset += count }
        return StoredText(mapped: buffer, range: offset..<offset + count)
    }

    mutating func optionalString() -> String?? {
        guard let present = bool() else { return nil }
        guard present else { return .some(nil) }
        guard let text = string() else { return nil }
        return .some(text)
    }

    mutating func strings() -> [String]? {
        guard let count = int(), count >= 0, count <= end - offset else { return nil }
        var texts: [String] = []
        texts.reserveCapacity(count)
        for _ in 0..<count {
            guard let text = string() else { return nil }
            texts.append(text)
        }
        return texts
    }
}
