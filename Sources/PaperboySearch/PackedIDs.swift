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
        var previous = base - 1
        var groups: [UInt8] = []
        for id in ids {
            precondition(id > previous, "ids must ascend")
            var value = id - previous - 1
            previous = id
            groups.removeAll(keepingCapacity: true)
            repeat {
                groups.append(UInt8(value & 31))
                value >>= 5
            } while value > 0
            for index in stride(from: groups.count - 1, through: 0, by: -1) {
                output.append(alphabet[Int(groups[index] | (index > 0 ? 32 : 0))])
            }
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
