import Foundation
import PaperboyCore

/// Downloads a list from the Hugging Face Daily Papers API (`/api/daily_papers`), every page
/// of it, checked and joined into one JSON array of the bytes received.
///
/// The API has no total or next link: pages of ``pageSize`` are asked for (`limit=100&p=N`)
/// until one comes back short. The format: docs/content-format.md, "Hugging Face feeds".
package struct HuggingFaceFetcher: Sendable {
    /// Which list: a day's Daily Papers, or the trending list as of now.
    package enum List: String, Sendable, CaseIterable {
        case daily = "hf-daily"
        case trending = "hf-trending"
    }

    /// The pages fetched, joined.
    package struct Fetched: Sendable {
        /// The joined array, or nil when the list is empty (no Daily Papers on weekends).
        package var bytes: [UInt8]?
        package var count: Int
        /// The requests made for it, one per page (retries not counted).
        package var pages: [URL]
    }

    package var list: List
    /// The day asked for (`daily`), or the day the snapshot is named after (`trending`: the API
    /// ignores any date with `sort=trending`, so none is sent).
    package var date: CalendarDate
    /// The server: `https://huggingface.co`, or a test's local one (its path is kept).
    package var apiURL: String
    package var client: any HTTPClient
    /// Seconds one request may take (see ``HTTPRequest/timeout``).
    package var timeout: Double
    /// The API's largest `limit` (above it, HTTP 400).
    package var pageSize = 100
    /// Far beyond any real list (a day has tens of papers): a server that ignored `p` and
    /// always answered with a full page would otherwise be paged forever.
    package var maxPages = 50

    package static let defaultAPIURL = "https://huggingface.co"

    package init(list: List, date: CalendarDate, apiURL: String = defaultAPIURL, client: any HTTPClient, timeout: Double = 30) {
        self.list = list
        self.date = date
        self.apiURL = apiURL
        self.client = client
        self.timeout = timeout
    }

    /// `hf-daily-2026-11-26.json`.
    package var fileName: String { "\(list.rawValue)-\(date).json" }

    /// The request for page `page` (0-based), or nil when ``apiURL`` cannot be made into a URL.
    package func request(page: Int) -> HTTPRequest? {
        var query: [(name: String, value: String)]
        switch list {
        case .daily: query = [("date", date.description)]
        case .trending: query = [("sort", "trending")]
        }
        query += [("limit", "\(pageSize)"), ("p", "\(page)")]
        return HTTPRequest(base: apiURL, path: "/api/daily_papers", query: query, timeout: timeout)
    }

    /// Every page of the list. Throws, naming the URL, on a status other than 2xx (after the
    /// client's retries), a cut-off body or a page that is not the documented shape.
    package func fetch() async throws(PaperboyError) -> Fetched {
        var pages: [DailyPapersPage] = []
        var urls: [URL] = []
        for number in 0..<maxPages {
            guard let request = request(page: number) else {
                throw PaperboyError("\(apiURL): not a usable API URL (expected something like \(Self.defaultAPIURL))")
            }
            urls.append(request.url)
            let response: HTTPResponse
            do {
                response = try await client.get(request)
            } catch {
                throw PaperboyError(error.description + Self.attemptsNote(error.attempts))
            }
            guard (200..<300).contains(response.status) else { throw Self.refusal(response) }
            let page: DailyPapersPage
            switch DailyPapersPage.check(response.body) {
            case let .success(checked): page = checked
            case let .failure(problem):
                throw PaperboyError(
                    "\(request.url.absoluteString): page \(number + 1) (p=\(number)) is not a Daily Papers list: \(problem)")
            }
            if let previous = pages.last, previous.count == pageSize, previous.body == page.body {
                throw PaperboyError(
                    "\(request.url.absoluteString): the server sent the same papers for p=\(number) as for p=\(number - 1); it seems to ignore paging, so the list cannot be read whole"
                )
            }
            pages.append(page)
            if page.count < pageSize {
                return Fetched(bytes: DailyPapersPage.join(pages), count: pages.reduce(0) { $0 + $1.count }, pages: urls)
            }
        }
        throw PaperboyError(
            "\(urls.last?.absoluteString ?? apiURL): still full pages after \(maxPages) pages of \(pageSize) papers; stopped (does the server ignore p?)"
        )
    }

    /// The error for a response that is not a success (see ``HTTPResponse/refusal(clientErrorHint:)``).
    static func refusal(_ response: HTTPResponse) -> PaperboyError { response.refusal(clientErrorHint: "check --date and --api-url") }

    /// ` (after 4 attempts)`, or nothing for one.
    static func attemptsNote(_ attempts: Int) -> String { HTTPResponse.attemptsNote(attempts) }
}
