import Dispatch

/// How the time of an operation grows with its input, measured without a wall-clock limit: the
/// time for an input of size 2n over the time for size n. A linear operation gives about 2 and a
/// quadratic one about 4, on any machine, however loaded; each size keeps the smallest of a few
/// runs, so one run slowed by other work does not count.
enum Growth {
    struct Measure: CustomStringConvertible {
        var n: Int
        var small: Double
        var large: Double
        var repetitions: Int
        var ratio: Double { large / max(small, 1e-9) }
        var description: String {
            String(format: "n %d: %.4f s, 2n: %.4f s (best of runs, %d repetitions each), ratio %.2f", n, small, large, repetitions, ratio)
        }
    }

    /// Measures `body` on `make(n)` and `make(2 * n)`. Inputs are made outside the timing; a
    /// fast body is repeated until one run of size n takes about 30 ms, so the clock's
    /// resolution does not decide the ratio.
    ///
    /// Other work on the machine (parallel tests, another build) can slow the runs of one size
    /// only: a measure over the bound is taken again, up to `attempts` times, and the smallest
    /// ratio kept. A quadratic operation stays near 4 however often it is measured.
    static func measure<Input>(n: Int, runs: Int = 3, attempts: Int = 3, _ make: (Int) -> Input, _ body: (Input) throws -> Void) throws
        -> Measure
    {
        let small = make(n)
        let large = make(2 * n)
        var best = try measure(n: n, small, large, runs: runs, body)
        for _ in 1..<max(1, attempts) where best.ratio >= linear {
            let again = try measure(n: n, small, large, runs: runs, body)
            if again.ratio < best.ratio { best = again }
        }
        return best
    }

    static func measure<Input>(n: Int, _ small: Input, _ large: Input, runs: Int, _ body: (Input) throws -> Void) throws -> Measure {
        func time(_ input: Input, _ repetitions: Int) throws -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<repetitions { try body(input) }
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        // A first run of each size warms caches and allocators; the second of size n sets the repetitions.
        _ = try time(small, 1)
        _ = try time(large, 1)
        let once = try time(small, 1)
        let repetitions = max(1, min(10_000, Int((0.03 / max(once, 1e-7)).rounded(.up))))
        var best = (small: Double.infinity, large: Double.infinity)
        for _ in 0..<runs {
            best.small = min(best.small, try time(small, repetitions))
            best.large = min(best.large, try time(large, repetitions))
        }
        return Measure(n: n, small: best.small, large: best.large, repetitions: repetitions)
    }

    /// The bound for an operation meant to be linear (or n log n): well under the 4 of a quadratic one.
    static let linear = 3.0
}
