import Foundation

#if canImport(FoundationNetworking)
    // On Linux, URLSession lives in its own module (over libcurl).
    import FoundationNetworking
#endif

/// ``HTTPClient`` over URLSession: no cache, no cookies, a User-Agent naming Paperboy, and a
/// body checked against its Content-Length, so a dropped connection is never taken for a
/// short but complete answer.
package final class URLSessionHTTPClient: HTTPClient {
    private let session: URLSession
    private let userAgent: String

    package init(userAgent: String = UserAgent.paperboy) {
        let configuration = URLSessionConfiguration.ephemeral
        // A fetch stores what it receives itself; a cached answer would hide a changed list.
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration)
        self.userAgent = userAgent
    }

    deinit { session.finishTasksAndInvalidate() }

    package func get(_ request: HTTPRequest) async throws(HTTPFailure) -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalAndRemoteCacheData, timeoutInterval: request.timeout)
        urlRequest.httpMethod = "GET"
        urlRequest.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        urlRequest.setValue("application/json", forHTTPHeaderField: "Accept")
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }

        let (data, response) = try await send(urlRequest, timeout: request.timeout, url: request.url)
        guard let http = response as? HTTPURLResponse else {
            throw HTTPFailure(url: request.url, kind: .unusable("not an HTTP response"))
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        let result = HTTPResponse(url: request.url, status: http.statusCode, headers: headers, body: Array(data))
        try Self.checkLength(result)
        return result
    }

    /// Runs the request with a deadline of its own: FoundationNetworking on Linux does not end a
    /// request that gets no answer at the request's `timeoutInterval` (measured: a 0.5 s timeout
    /// waited out a 3 s silence), so a timer cancels the task, and the cancellation is reported
    /// as the timeout it is.
    private func send(_ urlRequest: URLRequest, timeout: Double, url: URL) async throws(HTTPFailure) -> (Data, URLResponse) {
        let deadline = Deadline()
        let result: Result<(Data, URLResponse), any Error> = await withCheckedContinuation { continuation in
            let task = session.dataTask(with: urlRequest) { data, response, error in
                if let data, let response, error == nil {
                    continuation.resume(returning: .success((data, response)))
                } else {
                    continuation.resume(returning: .failure(error ?? URLError(.badServerResponse)))
                }
            }
            task.resume()
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                if deadline.expire() { task.cancel() }
            }
        }
        let expired = !deadline.finish()
        switch result {
        case let .success(value): return value
        case .failure where expired: throw HTTPFailure(url: url, kind: .timedOut(seconds: timeout))
        case let .failure(error): throw HTTPFailure(url: url, kind: Self.kind(of: error, timeout: timeout))
        }
    }

    /// A body shorter than its Content-Length was cut off. Only checked when the transport did not
    /// decode the body: after gzip, Content-Length counts the compressed bytes.
    static func checkLength(_ response: HTTPResponse) throws(HTTPFailure) {
        let encoding = response.header("Content-Encoding")?.trimmingCharacters(in: .whitespaces).lowercased() ?? "identity"
        guard encoding == "identity",
            let announced = response.header("Content-Length").flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
            response.body.count < announced
        else { return }
        throw HTTPFailure(
            url: response.url, kind: .truncated(detail: "\(response.body.count) of the \(announced) bytes its Content-Length announced"))
    }

    /// What a URLSession error means for the caller.
    static func kind(of error: any Error, timeout: Double) -> HTTPFailure.Kind {
        guard let error = error as? URLError else { return .connection(String(describing: error)) }
        // libcurl reports a body shorter than its Content-Length ("transfer closed with 4940 bytes
        // remaining to read", CURLE_PARTIAL_FILE) under no code of its own: only its text tells.
        if error.localizedDescription.contains("bytes remaining") { return .truncated(detail: error.localizedDescription) }
        switch error.code {
        case .timedOut: return .timedOut(seconds: timeout)
        // libcurl's "transfer closed with bytes remaining" (a short body) arrives as one of these.
        case .networkConnectionLost, .cannotParseResponse, .badServerResponse, .cannotDecodeContentData, .zeroByteResource:
            return .truncated(detail: error.localizedDescription)
        case .unsupportedURL, .badURL: return .unusable(error.localizedDescription)
        case .cannotConnectToHost: return .connection("cannot connect to \(error.failingURL?.host ?? "the server")")
        case .cannotFindHost, .dnsLookupFailed: return .connection("cannot find the host \(error.failingURL?.host ?? "")")
        case .notConnectedToInternet: return .connection("not connected to the internet")
        default: return .connection(error.localizedDescription)
        }
    }
}

/// Whether a request's timer fired before it finished: whichever comes first wins.
private final class Deadline: @unchecked Sendable {
    private let lock = NSLock()
    private var state: State = .running

    private enum State { case running, finished, expired }

    /// The timer fired: true when the request was still running (and is now expired).
    func expire() -> Bool {
        lock.withLock {
            guard state == .running else { return false }
            state = .expired
            return true
        }
    }

    /// The request ended: false when the timer had already expired it.
    func finish() -> Bool {
        lock.withLock {
            guard state == .running else { return state != .expired }
            state = .finished
            return true
        }
    }
}
