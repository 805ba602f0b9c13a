import Foundation
@testable import PaperboyCore
@testable import PaperboyFetch
import Testing

/// Pages of the Daily Papers API: the shape check, and pages joined as the bytes received.
@Suite("Daily Papers pages")
struct DailyPapersPageTests {
    static func item(_ id: String, _ title: String = "A title") -> String {
        "{\"paper\": {\"id\": \"\(id)\", \"title\": \"\(title)\", \"authors\": [{\"name\": \"Ada\"}]}, \"numComments\": 0}"
    }

    func page(_ text: String) throws -> DailyPapersPage {
        try DailyPapersPage.check(Array(text.utf8)).get()
    }

    @Test func aPageKeepsItsBytesAndFindsItsElements() throws {
        let text = "\n[\n  \(Self.item("2611.00001")),\n  \(Self.item("2611.00002", "\\u00e9 $x$"))\n]\n"
        let checked = try page(text)
        #expect(checked.count == 2)
        #expect(checked.body == Array(text.utf8))
        #expect(String(decoding: checked.body[checked.elements], as: UTF8.self).hasPrefix("{\"paper\""))
        #expect(String(decoding: checked.body[checked.elements], as: UTF8.self).hasSuffix("\"numComments\": 0}"))
    }

    @Test func onePageIsKeptAsReceivedAndSeveralAreJoinedByTheirElements() throws {
        let first = try page("[ \(Self.item("1")) ,\n \(Self.item("2")) ]\n")
        let second = try page("[\(Self.item("3"))]")
        let empty = try page("[ ]")
        #expect(DailyPapersPage.join([first, empty]) == first.body)
        let joined = try #require(DailyPapersPage.join([first, second, empty]))
        #expect(String(decoding: joined, as: UTF8.self) == "[\(Self.item("1")) ,\n \(Self.item("2")),\(Self.item("3"))]")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(joined)) as? [Any])
        #expect(items.count == 3)
        #expect(DailyPapersPage.join([empty]) == nil)
        #expect(DailyPapersPage.join([]) == nil)
    }

    @Test(arguments: [
        ("[{\"paper\": {\"id\": \"1\"", "the body is not valid JSON"),
        ("{\"error\": \"Invalid date\"}", "expected a JSON array of papers, found an object"),
        ("\"[]\"", "expected a JSON array of papers, found a string"),
        ("[1]", "item 1 is a number, not an object"),
        ("[{\"title\": \"x\"}]", "item 1 has no \"paper\" object"),
        (
            "[{\"paper\": {\"id\": \"1\", \"title\": \"x\"}}, {\"paper\": {\"id\": 2, \"title\": \"y\"}}]",
            "item 2: paper.id should be a string, found a number"
        ),
        ("[{\"paper\": {\"id\": \"1\", \"title\": null}}]", "item 1: paper.title should be a string, found null"),
        ("[{\"paper\": {\"id\": \"1\", \"title\": true}}]", "item 1: paper.title should be a string, found a boolean"),
        ("[{\"paper\": {\"id\": \"1\"}}]", "item 1: paper.title should be a string, found nothing"),
    ])
    func aPageOfAnotherShapeIsRefusedSayingWhy(text: String, reason: String) {
        switch DailyPapersPage.check(Array(text.utf8)) {
        case .success: Issue.record("accepted \(text)")
        case let .failure(problem): #expect(problem.description.hasPrefix(reason), "\(problem)")
        }
    }

    @Test func theRequestsAskForTheDayOrTheTrendingListPageByPage() throws {
        let client = URLSessionHTTPClient()
        let date = try #require(CalendarDate("2026-11-26"))
        let daily = HuggingFaceFetcher(list: .daily, date: date, apiURL: "http://127.0.0.1:8/scenario/", client: client)
        #expect(daily.request(page: 2)?.url.absoluteString == "http://127.0.0.1:8/scenario/api/daily_papers?date=2026-11-26&limit=100&p=2")
        #expect(daily.fileName == "hf-daily-2026-11-26.json")
        let trending = HuggingFaceFetcher(list: .trending, date: date, client: client)
        #expect(trending.request(page: 0)?.url.absoluteString == "https://huggingface.co/api/daily_papers?sort=trending&limit=100&p=0")
        #expect(trending.fileName == "hf-trending-2026-11-26.json")
    }

    @Test func todayIsTheDateInUTC() throws {
        // 2026-11-26 23:30 UTC is already the 27th east of Greenwich.
        #expect(CalendarDate.todayUTC(now: Date(timeIntervalSince1970: 1_795_735_800)).description == "2026-11-26")
    }
}
