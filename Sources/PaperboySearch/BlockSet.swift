/// A set of the index's blocks, as bits: bit `b` stands for block `b`. As many 64-bit words as
/// the highest block needs, so an archive of any size fits; the dictionary writes it in
/// hexadecimal, which `search.js` reads a digit at a time.
package struct BlockSet: Sendable, Equatable {
    /// Least significant first, with no zero word at the end.
    package private(set) var words: [UInt64]

    package init() {
        words = []
    }

    /// The set of `words` (least significant first); zero words at the end are dropped.
    package init(words: [UInt64]) {
        self.words = words
        while self.words.last == 0 { self.words.removeLast() }
    }

    package init(_ blocks: [Int]) {
        self.init()
        for block in blocks { insert(block) }
    }

    package var isEmpty: Bool { words.isEmpty }

    package func contains(_ block: Int) -> Bool {
        let word = block / 64
        return word < words.count && words[word] & (1 << UInt64(block % 64)) != 0
    }

    package mutating func insert(_ block: Int) {
        precondition(block >= 0)
        let word = block / 64
        if word >= words.count { words += repeatElement(0, count: word + 1 - words.count) }
        words[word] |= 1 << UInt64(block % 64)
    }

    package mutating func formUnion(_ other: BlockSet) {
        if other.words.count > words.count { words += repeatElement(0, count: other.words.count - words.count) }
        for (index, word) in other.words.enumerated() { words[index] |= word }
    }

    /// Hexadecimal, most significant digit first, without leading zeros; `0` for no block.
    package var hexadecimal: String {
        guard let top = words.last else { return "0" }
        var text = String(top, radix: 16)
        for word in words.dropLast().reversed() {
            let digits = String(word, radix: 16)
            text += String(repeating: "0", count: 16 - digits.count) + digits
        }
        return text
    }
}
