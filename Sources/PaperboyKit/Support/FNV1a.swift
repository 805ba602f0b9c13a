/// The 64-bit FNV-1a hash: tiny, fast and the same on every machine and run (unlike
/// `Hasher`, which is seeded per process). Used for slug suffixes and topic word matching.
struct FNV1a {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    private(set) var value = FNV1a.offsetBasis

    @inline(__always)
    mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* Self.prime
    }

    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = FNV1a()
        for byte in bytes { hash.add(byte) }
        return hash.value
    }
}
