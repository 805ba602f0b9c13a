import Foundation
@testable import PaperboyFetch
import Testing

/// The retry rules of ``RetryingHTTPClient`` over a scripted client: what is asked again, how
/// long it waits (recorded, never slept), and when it gives up.
@Suite("HTTP retries")
struct HTTPRetryTests {
    /// Answers with the next scripted outcome and counts the requests.
    final class ScriptedClient: HTTPClient, @unchecked Sendable {
        private let lock = NSLock()
        private var script: [Result<HTTPResponse, HTTPFailure>]
        private(set) var requests = 0

        init(_ script: [Result<HTTPResponse, HTTPFailure>]) { self.script = script }

        func get(_ request: HTTPRequest) async throws(HTTPFailure) -> HTTPResponse {
            let next = lock.withLock {
                requests += 1
                return script.count > 1 ? script.removeFirst() : script[0]
            }
            return try next.get()
        }
    }

    /// The waits asked for, in order.
    final class Waits: @unchecked Sendable {
        private let lock = NSLock()
        private var recorded: [Double] = []
        var all: [Double] { lock.withLock { recorded } }
        func add(_ seconds: Double) { lock.withLock { recorded.append(seconds) } }
    }

    static let url = URL(string: "http://127.0.0.1:9/api/daily_papers?p=0")!
    static let now = Date(timeIntervalSince1970: 1_764_000_000)

    static func response(_ status: Int, _ headers: [String: String] = [:]) -> Result<HTTPResponse, HTTPFailure> {
        .success(HTTPResponse(url: url, status: status, headers: headers, body: Array("[]".utf8)))
    }

    func run(
        _ script: [Result<HTTPResponse, HTTPFailure>], policy: RetryPolicy = RetryPolicy()
    ) async -> (result: Result<HTTPResponse, HTTPFailure>, requests: Int, waits: [Double]) {
        let base = ScriptedClient(script)
        let waits = Waits()
        let client = RetryingHTTPClient(base, policy: policy, sleep: { waits.add($0) }, now: { Self.now })
        let result: Result<HTTPResponse, HTTPFailure>
        do { result = .success(try await client.get(HTTPRequest(url: Self.url))) } catch { result = .failure(error) }
        return (result, base.requests, waits.all)
    }

    @Test func serverErrorsAreAskedAgainWithDoublingWaitsThenReturned() async throws {
        let (result, requests, waits) = await run([Self.response(503)])
        #expect(requests == 4)
        #expect(waits == [1, 2, 4])
        let response = try result.get()
        #expect(response.status == 503)
        #expect(response.attempts == 4)
    }

    @Test func theWaitsStopGrowingAtTheCap() async {
        let (_, requests, waits) = await run([Self.response(500)], policy: RetryPolicy(maxAttempts: 6, baseDelay: 10, maxDelay: 30))
        #expect(requests == 6)
        #expect(waits == [10, 20, 30, 30, 30])
    }

    @Test func successAfterAFailureEndsTheRetries() async throws {
        let (result, requests, waits) = await run([Self.response(502), Self.response(200)])
        #expect(requests == 2)
        #expect(waits == [1])
        #expect(try result.get().attempts == 2)
    }

    @Test(arguments: [400, 401, 403, 404, 410, 422])
    func aClientErrorIsNotAskedAgain(status: Int) async throws {
        let (result, requests, waits) = await run([Self.response(status)])
        #expect(requests == 1)
        #expect(waits == [])
        #expect(try result.get().status == status)
    }

    @Test(arguments: [
        ("7", 7.0), ("0", 0.0), ("Thu, 24 Jul 2025 10:00:05 GMT", 5.0), ("Thursday, 24-Jul-25 10:00:05 GMT", 5.0),
        ("Thu Jul 24 10:00:05 2025", 5.0), ("Thu, 24 Jul 2025 09:00:00 GMT", 0.0),
    ])
    func retryAfterIsHonouredInSecondsAndAsADate(value: String, seconds: Double) async throws {
        let now = try #require(RetryAfter.date("Thu, 24 Jul 2025 10:00:00 GMT"))
        #expect(RetryAfter.seconds(value, now: now) == seconds)
    }

    @Test(arguments: ["", "soon", "-5", "1.5", "Thu, 32 Jul 2025 10:00:00 GMT"])
    func aRetryAfterThatIsNeitherIsIgnored(value: String) {
        #expect(RetryAfter.seconds(value, now: Self.now) == nil)
    }

    @Test func tooManyRequestsWaitsWhatRetryAfterSaysAtTheScale() async throws {
        var policy = RetryPolicy()
        policy.scale = 0.5
        let (result, requests, waits) = await run([Self.response(429, ["Retry-After": "12"]), Self.response(200)], policy: policy)
        #expect(requests == 2)
        #expect(waits == [6])
        #expect(try result.get().status == 200)
    }

    @Test func aRetryAfterBeyondTheLongestIsNotWaitedFor() async throws {
        let (result, requests, waits) = await run([Self.response(429, ["retry-after": "3600"])])
        #expect(requests == 1)
        #expect(waits == [])
        #expect(try result.get().status == 429)
    }

    @Test func transportFailuresAreAskedAgainButNotAnUnusableURL() async {
        let timedOut = HTTPFailure(url: Self.url, kind: .timedOut(seconds: 30))
        let (result, requests, waits) = await run([.failure(timedOut)])
        #expect(requests == 4)
        #expect(waits == [1, 2, 4])
        if case let .failure(failure) = result { #expect(failure.attempts == 4) } else { Issue.record("expected a failure") }

        let unusable = HTTPFailure(url: Self.url, kind: .unusable("unsupported URL"))
        let (_, once, none) = await run([.failure(unusable)])
        #expect(once == 1)
        #expect(none == [])
    }

    @Test(arguments: [("0.01", 0.01), ("1", 1.0), ("0", 0.0)])
    func theScaleComesFromTheEnvironment(text: String, scale: Double) throws {
        #expect(try RetryPolicy.fromEnvironment(["PAPERBOY_RETRY_SCALE": text]).get().scale == scale)
    }

    @Test(arguments: ["fast", "2", "-1", "nan"])
    func aScaleOutsideZeroToOneIsRefused(text: String) {
        #expect(throws: (any Error).self) { try RetryPolicy.fromEnvironment(["PAPERBOY_RETRY_SCALE": text]).get() }
    }

    @Test func aShortBodyIsTruncatedUnlessTheTransportDecodedIt() {
        let short = HTTPResponse(url: Self.url, status: 200, headers: ["Content-Length": "10"], body: Array("[]".utf8))
        #expect(throws: HTTPFailure.self) { try URLSessionHTTPClient.checkLength(short) }
        var gzipped = short
        gzipped.headers["content-encoding"] = "gzip"
        #expect(throws: Never.self) { try URLSessionHTTPClient.checkLength(gzipped) }
        let whole = HTTPResponse(url: Self.url, status: 200, headers: ["Content-Length": "2"], body: Array("[]".utf8))
        #expect(throws: Never.self) { try URLSessionHTTPClient.checkLength(whole) }
    }
}
