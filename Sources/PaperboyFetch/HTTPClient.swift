import Foundation

/// The one seam to the network: a GET and its response, or a transport failure.
///
/// Commands take an `HTTPClient`, so `URLSessionHTTPClient` is the only code that talks to
/// sockets and a retrying wrapper (``RetryingHTTPClient``) composes with any of them.
/// Any HTTP status is a response, not an error: what a status means is the caller's decision.
package protocol HTTPClient: Sendable {
    func get(_ request: HTTPRequest) async throws(HTTPFailure) -> HTTPResponse
}

/// A request that got no complete response.
package struct HTTPFailure: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable {
        /// No answer within the request's timeout.
        case timedOut(seconds: Double)
        /// The body ended before the length the server announced, or the connection dropped
        /// mid-body; `detail` says how much arrived when that is known.
        case truncated(detail: String)
        /// Could not connect, or the connection failed before a response.
        case connection(String)
        /// The URL cannot be fetched at all (an unsupported scheme); retrying cannot help.
        case unusable(String)
    }

    package var url: URL
    package var kind: Kind
    /// How many times the request was sent (set by ``RetryingHTTPClient``).
    package var attempts = 1

    package init(url: URL, kind: Kind) {
        self.url = url
        self.kind = kind
    }

    /// Whether trying again may succeed: anything but an unusable URL.
    package var isTransient: Bool {
        if case .unusable = kind { false } else { true }
    }

    package var reason: String {
        switch kind {
        case let .timedOut(seconds): "no response within \(formatSeconds(seconds)) (timed out)"
        case let .truncated(detail): "the response was cut short, the connection closed before the whole body arrived (\(detail))"
        case let .connection(message): message
        case let .unusable(message): message
        }
    }

    package var description: String { "\(url.absoluteString): \(reason)" }
}

/// `1.5 s`, `30 s`: seconds for messages.
package func formatSeconds(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.3g s", seconds)
}
