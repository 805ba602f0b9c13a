/// The 64-bit FNV-1a hash: tiny, fast and the same on every machine and run (unlike
/// `Hasher`, which is seeded per process). Used for slug suffixes and topic word matching.
package struct FNV1a {
    // Inlinable constants: a stored `static let` is read through a lazy-initialisation check on
    // every access from another module, which in a per-byte loop costs more than the hash.
    @inlinable package static var offsetBasis: UInt64 { 0xcbf2_9ce4_8422_2325 }
    @inlinable package static var prime: UInt64 { 0x100_0000_01b3 }

    package private(set) var value = FNV1a.offsetBasis

    package init() {}

    @inline(__always)
    package mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* Self.prime
    }

    package static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = FNV1a()
        for byte in bytes { hash.add(byte) }
        return hash.value
    }
}
