import PaperboyCore

/// Text that may still be bytes in a mapped cache file (``ByteStorage``), made a `String` only
/// when something reads it.
///
/// A build takes every paper's rendered abstract from the content cache but
/// shows only the few pages it renders: copying 150 MB of abstracts into strings, and the
/// memory that took, was a tenth of an incremental build. Hashing (page fingerprints) and
/// saving the cache again read the bytes where they are.
package struct StoredText: Sendable, Equatable, ExpressibleByStringLiteral {
    private enum Storage: Sendable {
        case text(String)
        case mapped(any ByteStorage, Range<Int>)
    }

    private let storage: Storage

    package init(_ text: String) { storage = .text(text) }

    package init(stringLiteral text: String) { self.init(text) }

    /// `range` of `buffer`, read later. The cache checks lengths, not encodings: bytes that are
    /// not UTF-8 (a damaged cache file) read as U+FFFD, never as a crash.
    package init(mapped buffer: any ByteStorage, range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= buffer.bytes.count)
        storage = .mapped(buffer, range)
    }

    package var string: String {
        switch storage {
        case let .text(text): return text
        case .mapped: return withUTF8 { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// The text's UTF-8 bytes, valid only inside `body`.
    package func withUTF8<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        switch storage {
        case var .text(text):
            return try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
        case let .mapped(buffer, range):
            return try withExtendedLifetime(buffer) { try body(UnsafeRawBufferPointer(rebasing: buffer.bytes[range])) }
        }
    }

    package static func == (a: StoredText, b: StoredText) -> Bool {
        a.withUTF8 { first in b.withUTF8 { second in first.elementsEqual(second) } }
    }
}

/// Bytes that stay where they are while readers on both cores look at parts of them: the
/// mapped cache file (PaperboyIncremental's `ByteBuffer`) that ``StoredText`` leaves text in.
package protocol ByteStorage: AnyObject, Sendable {
    /// Valid only while this storage lives: a reader keeps the storage, not just these.
    var bytes: UnsafeRawBufferPointer { get }
}

extension Digest {
    /// Text still in a mapped cache digests the same as its `String`.
    package mutating func add(_ text: StoredText) {
        text.withUTF8 { add(utf8: $0) }
    }
}
