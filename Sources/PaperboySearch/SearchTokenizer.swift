import Foundation
import PaperboyCore

/// Words as the search index holds them and as `search.js` reads a query: lower case,
/// accents dropped, split at anything that is not a letter or a digit.
///
/// ASCII text (nearly all of it) is handled byte by byte, without making a string; a word
/// with other characters is folded by Foundation. Words of one character and the most common
/// English words are not indexed: they would make the largest postings and tell nothing
/// (`search.js` drops them from a query too).
package enum SearchTokenizer {
    /// Not indexed; the same list is in `search.js`.
    package static let stopWords: [String] = [
        "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "has", "have", "in", "into", "is", "it", "its",
        "of", "on", "or", "our", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to",
        "via", "was", "we", "were", "which", "while", "with",
    ]
    static let longestStopWord = 5
    static let stopHashes: [UInt64: [UInt8]] = Dictionary(uniqueKeysWithValues: stopWords.map { (FNV1a.hash($0.utf8), Array($0.utf8)) })

    /// The indexed words of `text`, in order (repeats included).
    package static func words(in text: String) -> [String] {
        var words: [String] = []
        var text = text
        text.withUTF8 { forEachWord(in: UnsafeRawBufferPointer($0)) { word, _ in words.append(String(decoding: word, as: UTF8.self)) } }
        return words
    }

    /// Calls `body` with the UTF-8 bytes and the ``FNV1a`` hash of each indexed word of `bytes`.
    @inline(__always)
    package static func forEachWord(in bytes: UnsafeRawBufferPointer, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Void) {
        let offsetBasis = FNV1a.offsetBasis, prime = FNV1a.prime
        var index = 0
        let count = bytes.count
        while index < count {
            // Skip to a word.
            while index < count, !isWordByte(bytes[index]) { index += 1 }
            let start = index
            var hash = offsetBasis, foreign = false
            while index < count {
                let byte = bytes[index]
                if byte >= 0x80 {
                    foreign = true
                } else if isWordByte(byte) {
                    let lowered = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                    hash = (hash ^ UInt64(lowered)) &* prime
                } else {
                    break
                }
                index += 1
            }
            let length = index - start
            if length == 0 { continue }
            if foreign {
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                for part in fold(text) {
                    var part = part
                    part.withUTF8 { emit($0, FNV1a.hash($0), body) }
                }
            } else if length > 1 && length <= 256 {
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { word in
                    for offset in 0..<length {
                        let byte = bytes[start + offset]
                        word[offset] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                    }
                    emit(UnsafeBufferPointer(word), hash, body)
                }
            }
        }
    }

    /// An ASCII letter or digit, or any byte of a non-ASCII character.
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...:
            true
        default: false
        }
    }

    @inline(__always)
    private static func emit(_ word: UnsafeBufferPointer<UInt8>, _ hash: UInt64, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Void) {
        if word.count <= longestStopWord, let stop = stopHashes[hash], stop.elementsEqual(word) { return }
        // One character (one scalar) is not a word; a scalar of two or more bytes is one character.
        if word.count == 1 || (word.count <= 4 && String(decoding: word, as: UTF8.self).unicodeScalars.count == 1) { return }
        body(word, hash)
    }

    /// A word with non-ASCII characters: case and accents folded, split at what is not a letter or digit.
    static func fold(_ word: String) -> [String] {
        let folded = word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        var parts: [String] = [], current = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.append(scalar)
            } else if !current.isEmpty {
                parts.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { parts.append(String(current)) }
        return parts
    }

    /// The dictionary chunk a word belongs to: its first two characters, each a letter `a`-`z`
    /// or a digit, or `_` for any other (the same rule is in `search.js`).
    package static func key(_ term: String) -> String {
        var key = ""
        for scalar in term.unicodeScalars.prefix(2) {
            let value = scalar.value
            let plain = (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39)
            key.unicodeScalars.append(plain ? scalar : "_")
        }
        return key
    }
}
