import PaperboyContent
import PaperboyCore

/// The words of a paper's title and abstract that related papers are found by.
///
/// A word is a run of ASCII letters and digits (lowercased) or non-ASCII bytes; a trailing
/// plural `s` is dropped (`experts` and `expert` are one term). Numbers, one-letter words and
/// words that say nothing of a paper's subject (`the`, `propose`, `results`) are left out.
/// Terms are known by a hash of their bytes: the index never needs their text back.
package enum RelatedTerms {
    /// A title word counts as much as this many abstract words.
    package static let titleWeight: Float = 3

    /// One term of a paper and how often it occurs (title occurrences weighted).
    package struct Count: Sendable, Equatable {
        package var term: UInt64
        package var count: Float
    }

    /// The paper's distinct terms, in the order they first occur.
    package static func counts(title: String, abstract: StoredText) -> [Count] {
        var counts = CountTable()
        var title = title
        title.withUTF8 { add(UnsafeRawBufferPointer($0), weight: titleWeight, into: &counts) }
        abstract.withUTF8 { add($0, weight: 1, into: &counts) }
        return counts.counts
    }

    /// The term of one word as ``counts(title:abstract:)`` would count it; nil for a word it leaves out.
    package static func term(_ word: String) -> UInt64? {
        var counts = CountTable()
        var word = word
        word.withUTF8 { add(UnsafeRawBufferPointer($0), weight: 1, into: &counts) }
        return counts.counts.count == 1 ? counts.counts[0].term : nil
    }

    private static func add(_ bytes: UnsafeRawBufferPointer, weight: Float, into counts: inout CountTable) {
        forEachWord(in: bytes) { term in
            if !isStopWord(term) { counts.add(term, weight) }
        }
    }

    /// Calls `body` with the term of each word of two bytes or more that has a letter.
    @inline(__always)
    private static func forEachWord(in bytes: UnsafeRawBufferPointer, _ body: (UInt64) -> Void) {
        // The word's FNV-1a hash so far, and without its last byte (the word without a plural `s`).
        var hash = FNV1a.offsetBasis, withoutLast = FNV1a.offsetBasis
        var length = 0, hasLetter = false
        var last: UInt8 = 0, beforeLast: UInt8 = 0
        func end() {
            defer {
                hash = FNV1a.offsetBasis
                length = 0
                hasLetter = false
            }
            guard length >= 2, hasLetter else { return }
            // `experts` is `expert`, but `analysis`, `focus` and `loss` keep their `s`.
            let plural =
                length >= 4 && last == UInt8(ascii: "s") && beforeLast != UInt8(ascii: "s") && beforeLast != UInt8(ascii: "u")
                && beforeLast != UInt8(ascii: "i")
            body(plural ? withoutLast : hash)
        }
        for byte in bytes {
            var byte = byte
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), 0x80...: hasLetter = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): break
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                byte |= 0x20
                hasLetter = true
            default:
                if length > 0 { end() }
                continue
            }
            withoutLast = hash
            hash = (hash ^ UInt64(byte)) &* FNV1a.prime
            length += 1
            beforeLast = last
            last = byte
        }
        if length > 0 { end() }
    }

    /// Whether `term` is a stop word: most words are told apart by one bit of a filter.
    @inline(__always)
    private static func isStopWord(_ term: UInt64) -> Bool {
        let bit = Int(truncatingIfNeeded: term >> 52)
        return stopWordBits[bit >> 6] & (1 << UInt64(bit & 63)) != 0 && stopWords.find(hash: term, matches: { _ in true }) != nil
    }

    /// One bit per stop word, of 4,096, chosen by the hash's top bits.
    private static let stopWordBits: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 64)
        for term in stopWordTerms {
            let bit = Int(truncatingIfNeeded: term >> 52)
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        return bits
    }()

    private static let stopWords: PositionTable = {
        var table = PositionTable(count: stopWordTerms.count)
        for (position, hash) in stopWordTerms.enumerated() { _ = table.insert(position, hash: hash) { _ in true } }
        return table
    }()

    /// Words of English and of every abstract: they tell nothing of what a paper is about.
    private static let stopWordTerms: [UInt64] = {
        let words = """
            a about above across after again against all almost along also although always am among an and another any \
            are around as at be because been before being below between both but by can could did do does doing done \
            down during each either else enough especially even ever every few for from further get gets given gives had \
            has have having he her here hers how however if in into is it its itself just least less like made make makes \
            many may might more most much must my neither no nor not now of off often on once one only onto or other \
            others our ours out over own per rather same several she should since so some such than that the their them \
            then there these they this those though through thus to together too toward towards under until up upon us \
            very via was we well were what when where whether which while who whom whose why will with within without \
            would yet you your
            able abstract achieve achieves achieving address addresses allow allows approach approaches based better \
            called case cases challenge challenges challenging compared comparison consider considered demonstrate \
            demonstrates design designed despite develop developed different effective effectively enable enables \
            evaluate evaluated evaluation existing experiment experimental experiments extensive find finding findings \
            first framework further general high highly however http https improve improved improvement improvements \
            improves improving include including increase introduce introduced introduces key large leading leverage \
            leverages lead leads method methods new novel number observe obtain offer outperform outperforms over paper \
            particular performance perform performs possible present presents previous prior problem problems propose \
            proposed proposes provide provides recent recently remain remains require requires research result results \
            second set show shown shows significant significantly simple single specific state study studies substantial \
            substantially such suggest superior task tasks technique techniques three through two use used uses using \
            various wide widely work works www com org github
            """
        var hashes: [UInt64] = []
        var text = words
        text.withUTF8 { forEachWord(in: UnsafeRawBufferPointer($0)) { hashes.append($0) } }
        return hashes
    }()

    /// A paper's counts, first occurrence order, found through a small open-addressing table.
    private struct CountTable {
        var counts: [Count] = []
        private var slots = [Int32](repeating: -1, count: 512)

        mutating func add(_ term: UInt64, _ weight: Float) {
            if counts.count * 2 >= slots.count { grow() }
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: term) & mask
            while true {
                let index = slots[slot]
                if index < 0 {
                    slots[slot] = Int32(counts.count)
                    counts.append(Count(term: term, count: weight))
                    return
                }
                if counts[Int(index)].term == term {
                    counts[Int(index)].count += weight
                    return
                }
                slot = (slot + 1) & mask
            }
        }

        private mutating func grow() {
            slots = [Int32](repeating: -1, count: slots.count * 2)
            let mask = slots.count - 1
            for (index, count) in counts.enumerated() {
                var slot = Int(truncatingIfNeeded: count.term) & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(index)
            }
        }
    }
}
