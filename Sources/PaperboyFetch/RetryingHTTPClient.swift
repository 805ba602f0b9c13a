import Foundation

/// An ``HTTPClient`` that asks again, as its ``RetryPolicy`` says, when the server is in
/// trouble (5xx), asks to slow down (429) or the transport fails; it honours `Retry-After`.
///
/// After the last attempt it hands back the last response (the caller reports its status) or
/// throws the last failure, either with ``HTTPResponse/attempts`` or ``HTTPFailure/attempts`` set.
package struct RetryingHTTPClient: HTTPClient {
    package var base: any HTTPClient
    package var policy: RetryPolicy
    /// Told before each wait, in a sentence (the command prints it on standard error).
    package var log: @Sendable (String) -> Void
    /// Waits this many seconds; tests may count the waits instead.
    package var sleep: @Sendable (Double) async -> Void
    package var now: @Sendable () -> Date

    package init(
        _ base: any HTTPClient, policy: RetryPolicy, log: @escaping @Sendable (String) -> Void = { _ in },
        sleep: @escaping @Sendable (Double) async -> Void = { seconds in
            try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
        },
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.base = base
        self.policy = policy
        self.log = log
        self.sleep = sleep
        self.now = now
    }

    package func get(_ request: HTTPRequest) async throws(HTTPFailure) -> HTTPResponse {
        var attempt = 1
        while true {
            let what: String
            var wait: Double
            do {
                var response = try await base.get(request)
                response.attempts = attempt
                guard RetryPolicy.retries(status: response.status), attempt < policy.maxAttempts else { return response }
                what = "HTTP \(response.statusText)"
                wait = policy.backoff(afterAttempt: attempt)
                if let value = response.header("Retry-After"), let asked = RetryAfter.seconds(value, now: now()) {
                    // Waiting longer than the server asks is polite; shorter is not.
                    guard asked <= policy.longestRetryAfter else { return response }
                    wait = asked
                }
            } catch {
                var failure = error
                failure.attempts = attempt
                guard failure.isTransient, attempt < policy.maxAttempts else { throw failure }
                what = failure.reason
                wait = policy.backoff(afterAttempt: attempt)
            }
            wait *= policy.scale
            attempt += 1
            log(
                "\(request.url.absoluteString): \(what); trying again in \(formatSeconds(wait)) (attempt \(attempt) of \(policy.maxAttempts))"
            )
            await sleep(wait)
        }
    }
}
