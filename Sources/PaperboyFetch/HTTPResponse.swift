import Foundation

/// What came back for an ``HTTPRequest``: the status, the header fields and the body as received.
package struct HTTPResponse: Sendable, Equatable {
    package var url: URL
    package var status: Int
    /// Header fields by lower-cased name (HTTP names are case-insensitive).
    package var headers: [String: String]
    /// The body as it arrived (after any Content-Encoding the transport undid).
    package var body: [UInt8]
    /// How many times the request was sent to get this (set by ``RetryingHTTPClient``).
    package var attempts = 1

    package init(url: URL, status: Int, headers: [String: String], body: [UInt8]) {
        self.url = url
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
    }

    /// The value of a header field, whatever the case of `name`.
    package func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// `404 Not Found`: the status with its standard phrase, for messages.
    package var statusText: String {
        Self.phrases[status].map { "\(status) \($0)" } ?? "\(status)"
    }

    /// The standard phrases (RFC 9110) of the statuses an API client meets.
    static let phrases: [Int: String] = [
        200: "OK", 204: "No Content", 301: "Moved Permanently", 302: "Found", 304: "Not Modified",
        400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 408: "Request Timeout", 410: "Gone",
        422: "Unprocessable Content", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
        503: "Service Unavailable", 504: "Gateway Timeout",
    ]

    /// The start of the body as text, for a message about a refused response.
    package var bodyExcerpt: String {
        let text = String(decoding: body.prefix(200), as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        return body.count > 200 ? line + "…" : line
    }
}
