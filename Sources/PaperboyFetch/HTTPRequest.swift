import Foundation

/// One GET request: what ``HTTPClient`` sends.
///
/// Generic on purpose: the Hugging Face fetch and the arXiv enrichment build theirs the same way.
package struct HTTPRequest: Sendable, Equatable {
    /// The full URL, query included.
    package var url: URL
    /// Extra header fields (the client adds User-Agent and Accept unless given here).
    package var headers: [String: String]
    /// Seconds one attempt may take, from connecting to the last byte of the body.
    package var timeout: Double

    package init(url: URL, headers: [String: String] = [:], timeout: Double = 30) {
        self.url = url
        self.headers = headers
        self.timeout = timeout
    }

    /// `base` with `path` appended and `query` in the order given (a server or a test log
    /// sees the same string every time). `base` may have a path of its own (a test server's
    /// scenario prefix); nil when the result is not a URL.
    package init?(base: String, path: String, query: [(name: String, value: String)], timeout: Double = 30) {
        var trimmed = base
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard var components = URLComponents(string: trimmed + path), components.scheme != nil, components.host != nil else {
            return nil
        }
        components.queryItems = query.isEmpty ? nil : query.map { URLQueryItem(name: $0.name, value: $0.value) }
        guard let url = components.url else { return nil }
        self.init(url: url, timeout: timeout)
    }
}
