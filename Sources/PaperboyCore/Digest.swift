/// A 64-bit digest over typed values: page fingerprints, the templates' and the cache keys.
///
/// Every value is framed by a tag and its length, so two different sequences of values never
/// feed the same words. Text is taken eight bytes at a time, each word folded in with a
/// full-width multiply (the mixing step of wyhash): a large site hashes 60 MB of abstracts
/// per build, which byte-at-a-time FNV-1a made a visible part of an incremental build.
package struct Digest {
    private var state: UInt64 = 0x243F_6A88_85A3_08D3

    package init() {}

    /// The digest of one text: a key for hash tables of names and paths (see ``PositionTable``).
    package static func of(_ text: String) -> UInt64 {
        var digest = Digest()
        digest.add(text)
        return digest.value
    }

    package var value: UInt64 {
        // Final avalanche (MurmurHash3's fmix64), so that every input bit reaches every output bit.
        var x = state
        x ^= x >> 33
        x = x &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x = x &* 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }

    @inline(__always)
    private mutating func mix(_ word: UInt64) {
        let product = (state ^ word).multipliedFullWidth(by: 0x9E37_79B9_7F4A_7C15)
        state = product.high ^ product.low
    }

    package mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// Text as its UTF-8 bytes: the same digest as the `String` of those bytes.
    package mutating func add(utf8 raw: UnsafeRawBufferPointer) {
        mix(1 | UInt64(raw.count) << 8)
        var offset = 0
        while offset + 8 <= raw.count {
            mix(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        var tail: UInt64 = 0
        for index in offset..<raw.count { tail |= UInt64(raw[index]) << UInt64(8 * (index - offset)) }
        mix(tail)
    }

    package mutating func add(_ number: UInt64) {
        mix(2)
        mix(number)
    }

    package mutating func add(_ number: Int) { add(UInt64(bitPattern: Int64(number))) }

    package mutating func add(_ flag: Bool) { mix(flag ? 3 : 4) }

    /// A date as one word (year, month, day), not as text: a build adds a date per page and feed item.
    package mutating func add(_ date: CalendarDate) {
        mix(5)
        mix(
            UInt64(truncatingIfNeeded: date.year) << 16 | UInt64(truncatingIfNeeded: date.month) << 8 | UInt64(truncatingIfNeeded: date.day)
        )
    }

    package mutating func add(_ date: CalendarDate?) {
        add(date != nil)
        if let date { add(date) }
    }

    package mutating func add(_ texts: [String]) {
        add(texts.count)
        for text in texts { add(text) }
    }

    package mutating func add(_ text: String?) {
        add(text != nil)
        if let text { add(text) }
    }
}
