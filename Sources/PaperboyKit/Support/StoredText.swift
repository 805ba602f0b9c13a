import PaperboyCore

/// Text that may still be bytes in a mapped cache file (``ByteBuffer``), made a `String` only
/// when something reads it.
///
/// A build of 72,000 papers takes every paper's rendered abstract from the content cache but
/// shows only the few pages it renders: copying 150 MB of abstracts into strings, and the
/// memory that took, was a tenth of an incremental build. Hashing (page fingerprints) and
/// saving the cache again read the bytes where they are.
struct StoredText: Sendable, Equatable, ExpressibleByStringLiteral {
    private enum Storage: Sendable {
        case text(String)
        case mapped(ByteBuffer, Range<Int>)
    }

    private let storage: Storage

    init(_ text: String) { storage = .text(text) }

    init(stringLiteral text: String) { self.init(text) }

    /// `range` of `buffer`, read later. The cache checks lengths, not encodings: bytes that are
    /// not UTF-8 (a damaged cache file) read as U+FFFD, never as a crash.
    init(mapped buffer: ByteBuffer, range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= buffer.count)
        storage = .mapped(buffer, range)
    }

    var string: String {
        switch storage {
        case let .text(text): return text
        case .mapped: return withUTF8 { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// The text's UTF-8 bytes, valid only inside `body`.
    func withUTF8<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        switch storage {
        case var .text(text):
            return try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
        case let .mapped(buffer, range):
            return try withExtendedLifetime(buffer) { try body(UnsafeRawBufferPointer(rebasing: buffer.bytes[range])) }
        }
    }

    static func == (a: StoredText, b: StoredText) -> Bool {
        a.withUTF8 { first in b.withUTF8 { second in first.elementsEqual(second) } }
    }
}

extension Digest {
    /// Text still in a mapped cache digests the same as its `String`.
    mutating func add(_ text: StoredText) {
        text.withUTF8 { add(utf8: $0) }
    }
}
