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
    /// The seed a test runs with: `fixed` unless the environment variable `variable` says
    /// otherwise. A number replays that seed; `random` asks for a new one (from the clock).
    /// Tests are deterministic by default: the same code gives the same inputs on every run
    /// and every machine, and a failure message carries the seed to replay it.
    public static func seed(from variable: String, fixed: UInt64) -> UInt64 {
        seed(from: ProcessInfo.processInfo.environment[variable], fixed: fixed)
    }

    /// ``seed(from:fixed:)`` for the variable's value `value` (nil when unset).
    public static func seed(from value: String?, fixed: UInt64) -> UInt64 {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return fixed }
        if let number = UInt64(value) { return number }
        if value.lowercased() == "random" { return randomSeed() }
        // A value that is neither: stop rather than run silently with some other seed.
        preconditionFailure("a seed variable holds \(value.debugDescription): give a number, or `random`")
    }

    /// A new seed, from the clock and the system generator: only when `random` is asked for.
    public static func randomSeed() -> UInt64 {
        var system = SystemRandomNumberGenerator()
        return (DispatchTime.now().uptimeNanoseconds ^ system.next()) & 0xFFFF_FFFF
    }
}
