/// Ascending paper ids packed into a short ASCII string, as `search.js` unpacks them.
///
/// Each id is written as its gap from the one before (the first from `base - 1`) minus one,
/// in groups of 5 bits, most significant first; a character of the 64-letter alphabet below
/// carries one group, and 32 is added to every group but a number's last. A frequent word's
/// gaps are small: most ids take one character.
package enum PackedIDs {
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Appends `ids` (ascending, each at least `base`) packed to `output`.
    package static func append(_ ids: some Sequence<Int>, base: Int, to output: inout [UInt8]) {
        var packer = Packer(base: base)
        for id in ids { packer.add(id, to: &output) }
    }

    /// Packs ids one at a time, from several lists in turn.
    package struct Packer {
        var previous: Int

        package init(base: Int) { previous = base - 1 }

        @inline(__always)
        package mutating func add(_ id: Int, to output: inout [UInt8]) {
            precondition(id > previous, "ids must ascend")
            let value = id - previous - 1
            previous = id
            var shift = 0, rest = value >> 5
            while rest > 0 {
                shift += 5
                rest >>= 5
            }
            while shift > 0 {
                output.append(PackedIDs.letter((value >> shift) & 31 | 32))
                shift -= 5
            }
            output.append(PackedIDs.letter(value & 31))
        }
    }

    /// The letter of `digit` (0 to 63) in ``alphabet``.
    @inline(__always)
    static func letter(_ digit: Int) -> UInt8 {
        switch digit {
        case 0..<26: UInt8(truncatingIfNeeded: 65 + digit)  // A-Z
        case 26..<52: UInt8(truncatingIfNeeded: 97 + digit - 26)  // a-z
        case 52..<62: UInt8(truncatingIfNeeded: 48 + digit - 52)  // 0-9
        case 62: UInt8(ascii: "-")
        default: UInt8(ascii: "_")
        }
    }

    /// The ids packed by ``append(_:base:to:)``; nil when the text is not such a packing.
    package static func unpack(_ text: String, base: Int) -> [Int]? {
        var ids: [Int] = [], value = 0, previous = base - 1
        for byte in text.utf8 {
            guard let digit = alphabet.firstIndex(of: byte) else { return nil }
            value = value << 5 | (digit & 31)
            if digit < 32 {
                previous += value + 1
                ids.append(previous)
                value = 0
            }
        }
        return value == 0 ? ids : nil
    }
}
