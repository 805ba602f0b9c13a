import Dispatch
import Foundation

/// A small, seeded generator (SplitMix64): the same seed gives the same fuzz inputs and
/// kill times, so a failure can be replayed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SplitMix64 {
    /// The seed in the environment variable `variable` (to replay a failure), else one from the clock.
    public static func seed(from variable: String) -> UInt64 {
        ProcessInfo.processInfo.environment[variable].flatMap { UInt64($0) } ?? UInt64(DispatchTime.now().uptimeNanoseconds & 0xFFFF_FFFF)
    }
}
