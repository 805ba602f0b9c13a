/// Positions in an array of items, found by a 64-bit hash of each item's key: open addressing
/// over two flat arrays.
///
/// For the loader's indexes of every paper. With the hashes taken beforehand (on both cores,
/// while each item is at hand), filling the table touches no item unless two hashes are equal,
/// where a `[String: Int]` reads every key's bytes again, scattered over the heap.
package struct PositionTable: Sendable {
    private var hashes: [UInt64]
    /// The position stored in each slot; -1 in an empty one.
    private var positions: [Int32]
    private let shift: UInt64
    /// Items stored.
    package private(set) var count = 0

    /// A table for up to `count` items, at most half full.
    package init(count: Int) {
        var bits: UInt64 = 4
        while (1 << bits) < count * 2 { bits += 1 }
        hashes = Array(repeating: 0, count: 1 << bits)
        positions = Array(repeating: -1, count: 1 << bits)
        shift = 64 - bits
    }

    /// The first slot to look in: the hash's high bits after a multiplication, so that keys
    /// alike in their last bytes spread out.
    private func slot(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Stores `position` under `hash`, unless an item with an equal key is there already
    /// (`isSame` tells, given that item's position): then that position is returned instead.
    package mutating func insert(_ position: Int, hash: UInt64, isSame: (Int) -> Bool) -> Int? {
        let mask = positions.count - 1
        var index = slot(hash)
        while positions[index] >= 0 {
            if hashes[index] == hash && isSame(Int(positions[index])) { return Int(positions[index]) }
            index = (index + 1) & mask
        }
        hashes[index] = hash
        positions[index] = Int32(position)
        count += 1
        return nil
    }

    /// Whether one more item would leave the table more than half full: ``grow()`` first
    /// when items keep coming.
    package var isFull: Bool { (count + 1) * 2 > positions.count }

    /// The same items in a table twice as large.
    package mutating func grow() {
        var larger = PositionTable(count: positions.count)
        for slot in positions.indices where positions[slot] >= 0 {
            _ = larger.insert(Int(positions[slot]), hash: hashes[slot]) { _ in false }
        }
        self = larger
    }

    /// The position of the item whose key has `hash` and `matches` (given its position).
    package func find(hash: UInt64, matches: (Int) -> Bool) -> Int? {
        let mask = positions.count - 1
        var index = slot(hash)
        while positions[index] >= 0 {
            if hashes[index] == hash && matches(Int(positions[index])) { return Int(positions[index]) }
            index = (index + 1) & mask
        }
        return nil
    }
}

extension PositionTable {
    /// A table of the positions of distinct `names`, by their ``Digest/of(_:)``.
    package init(names: [String]) {
        self.init(count: names.count)
        for (position, name) in names.enumerated() { _ = insert(position, hash: Digest.of(name)) { _ in false } }
    }

    /// Where `name` is in the `names` the table was made of.
    package func position(of name: String, in names: [String]) -> Int? {
        find(hash: Digest.of(name)) { names[$0] == name }
    }
}
