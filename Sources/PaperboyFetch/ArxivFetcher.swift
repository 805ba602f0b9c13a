import Foundation
import PaperboyCore
import PaperboyIngest

/// Answers ``ArxivEnricher``'s questions from the arXiv API (`/api/query`, Atom), as arXiv asks
/// its clients to: one request at a time, the next ``spacing`` seconds after the last answer.
package actor ArxivFetcher {
    package static let defaultAPIURL = "https://export.arxiv.org"
    /// arXiv's terms of use ask for no more than one request every three seconds.
    package static let defaultSpacing = 3.0

    let apiURL: String
    let client: any HTTPClient
    let timeout: Double
    /// Seconds from one answer to the next request (tests scale it down with the retry policy).
    let spacing: Double
    private var lastAnswer: Date?
    /// How many requests were sent, for the summary.
    package private(set) var requests = 0

    package init(apiURL: String = defaultAPIURL, client: any HTTPClient, timeout: Double = 30, spacing: Double = defaultSpacing) {
        self.apiURL = apiURL
        self.client = client
        self.timeout = timeout
        self.spacing = spacing
    }

    /// The request for a question: ids as one `id_list`, a title as an exact phrase in `ti:`.
    package func request(_ query: ArxivEnricher.Query) -> HTTPRequest? {
        var request: HTTPRequest?
        switch query {
        case let .ids(ids):
            request = HTTPRequest(
                base: apiURL, path: "/api/query", query: [("id_list", ids.joined(separator: ",")), ("max_results", "\(ids.count)")],
                timeout: timeout)
        case let .title(title):
            // Quotes would end the phrase: arXiv's search has no escape for them.
            let phrase = title.replacingOccurrences(of: "\"", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            request = HTTPRequest(
                base: apiURL, path: "/api/query", query: [("search_query", "ti:\"\(phrase)\""), ("max_results", "10")], timeout: timeout)
        }
        request?.headers["Accept"] = "application/atom+xml"
        return request
    }

    /// The records arXiv gives for a question; throws, naming the URL, on a refused request, a
    /// transport failure after the client's retries, or an answer that is not arXiv's Atom.
    package func answer(_ query: ArxivEnricher.Query) async throws -> [ArxivRecord] {
        guard let request = request(query) else {
            throw PaperboyError("\(apiURL): not a usable API URL (expected something like \(Self.defaultAPIURL))")
        }
        // Counted from the end of the previous answer, so a slow answer never shortens the pause.
        if let lastAnswer {
            let wait = spacing - Date().timeIntervalSince(lastAnswer)
            if wait > 0 { try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000)) }
        }
        requests += 1
        let response: HTTPResponse
        do {
            response = try await client.get(request)
            lastAnswer = Date()
        } catch {
            lastAnswer = Date()
            throw PaperboyError(error.description + HTTPResponse.attemptsNote(error.attempts))
        }
        guard (200..<300).contains(response.status) else { throw response.refusal(clientErrorHint: "check --api-url") }
        return try ArxivAtomParser.parse(response.body, source: request.url.absoluteString)
    }
}
