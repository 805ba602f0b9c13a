import Foundation
import PaperboyCore

/// When and how long to wait before asking again: exponential backoff on 5xx, 429 and transport
/// failures, a server's `Retry-After` honoured, and a cap so a command never waits for long.
package struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included.
    package var maxAttempts: Int
    /// The wait after the first failure, in seconds; it doubles after each further one…
    package var baseDelay: Double
    /// …up to this.
    package var maxDelay: Double
    /// A `Retry-After` longer than this is not waited for: the command stops and says when to
    /// come back, rather than sitting silent for an hour.
    package var longestRetryAfter: Double
    /// Multiplies every wait. Tests set it small (``scaleVariable``) so a `Retry-After: 2` takes
    /// milliseconds, while what is waited for, and in what order, stays the same.
    package var scale: Double

    package init(maxAttempts: Int = 4, baseDelay: Double = 1, maxDelay: Double = 30, longestRetryAfter: Double = 120, scale: Double = 1) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.longestRetryAfter = longestRetryAfter
        self.scale = scale
    }

    /// The environment variable that sets ``scale`` (a number from 0 to 1), for tests.
    package static let scaleVariable = "PAPERBOY_RETRY_SCALE"

    /// The default policy with the scale `environment` sets; a value that is not a number from 0
    /// to 1 is an error (a misspelt one must not make a test wait for real, or a user's fetch hammer).
    package static func fromEnvironment(_ environment: [String: String]) -> Result<RetryPolicy, PaperboyError> {
        var policy = RetryPolicy()
        guard let text = environment[scaleVariable], !text.isEmpty else { return .success(policy) }
        guard let scale = Double(text), scale >= 0, scale <= 1 else {
            return .failure(PaperboyError("\(scaleVariable)=\(text): expected a number from 0 to 1 (a factor on every retry wait)"))
        }
        policy.scale = scale
        return .success(policy)
    }

    /// Whether a response with this status is worth asking for again: the server's trouble
    /// (5xx) or too many requests (429). Any other 4xx will not change by asking again.
    package static func retries(status: Int) -> Bool {
        status == 429 || (500...599).contains(status)
    }

    /// Seconds to wait after failed attempt `attempt` (1-based) when the server named no time:
    /// 1, 2, 4, … up to ``maxDelay``, before ``scale``.
    package func backoff(afterAttempt attempt: Int) -> Double {
        min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
    }
}
