import Foundation
import PaperboyCore
import Testing
import TestSupport

/// `paperboy fetch` against the scripted Daily Papers API of `Tests/Fixtures/http/fixture_server.py`
/// on 127.0.0.1: what it asks for, what it saves, and that a failure saves nothing. Nothing here
/// reaches the internet. Retry waits run at a hundredth of their length (`PAPERBOY_RETRY_SCALE`).
@Suite("paperboy fetch")
struct FetchTests {
    static let date = "2026-11-26"
    static let file = "feeds/hf-daily-2026-11-26.json"

    @Test func twoPagesAreJoinedIntoOneArrayOfTheBytesReceived() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let workspace = try IngestWorkspace()
        let outcome = try workspace.fetch(["hf-daily", "--date", Self.date, "--api-url", server.apiURL("pages")])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout == "\(Self.file): 137 papers, saved\n")
        #expect(outcome.stderr == "")

        // Page 0 is indented with UTF-8 names, page 1 compact with \u escapes: only a join of the
        // bytes as received gives this file.
        let pages = [try FixtureServer.page("pages", 0), try FixtureServer.page("pages", 1)]
        let expected = Array("[".utf8) + elements(pages[0]) + Array(",".utf8) + elements(pages[1]) + Array("]".utf8)
        let saved = Array(try Data(contentsOf: URL(fileURLWithPath: workspace.path(Self.file))))
        #expect(saved == expected)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(saved)) as? [[String: Any]])
        #expect(items.count == 137)
        let ids = items.map { ($0["paper"] as? [String: Any])?["id"] as? String }
        #expect(ids == (0..<137).map { String(format: "2611.%05d", $0) })

        let requests = try server.requests("pages")
        #expect(requests.map(\.query) == ["date=2026-11-26&limit=100&p=0", "date=2026-11-26&limit=100&p=1"])
        for request in requests {
            #expect(
                request.headers["user-agent"]?.hasPrefix("Paperboy/\(PaperboyVersion.current) (+https://") == true, "\(request.headers)")
            #expect(request.headers["accept"] == "application/json")
        }
    }

    @Test func aSinglePageIsSavedByteForByte() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let workspace = try IngestWorkspace()
        let outcome = try workspace.fetch(["hf-daily", "--date", Self.date, "--api-url", server.apiURL("single")])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout == "\(Self.file): 3 papers, saved\n")
        #expect(try bytes(workspace, Self.file) == FixtureServer.page("single", 0))
        #expect(try server.requests("single").count == 1)
    }

    @Test func aFullPageThenAnEmptyOneIsTheFirstPageAsReceived() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let workspace = try IngestWorkspace()
        let outcome = try workspace.fetch(["hf-daily", "--date", Self.date, "--api-url", server.apiURL("exactly-one-page")])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout == "\(Self.file): 100 papers, saved\n")
        #expect(try bytes(workspace, Self.file) == FixtureServer.page("exactly-one-page", 0))
        #expect(try server.requests("exactly-one-page").map(\.query).last == "date=2026-11-26&limit=100&p=1")
    }

    @Test func anEmptyDayWritesNothingAndSucceeds() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let workspace = try IngestWorkspace()
        let outcome = try workspace.fetch(["hf-daily", "--date", "2026-11-29", "--api-url", server.apiURL("empty")])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(
            outcome.stdout == "hf-daily 2026-11-29: no papers that day (Daily Papers has none on weekends and holidays); nothing written\n")
        #expect(outcome.stderr == "")
        #expect(workspace.files(in: ".") == [])
    }

    @Test func trendingAsksWithoutADateAndNamesTheSnapshotByIt() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let workspace = try IngestWorkspace()
        let outcome = try workspace.fetch(["hf-trending", "--date", Self.date, "--api-url", server.apiURL("trending")])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout == "feeds/hf-trending-2026-11-26.json: 3 papers, saved\n")
        #expect(try bytes(workspace, "feeds/hf-trending-2026-11-26.json") == FixtureServer.page("trending", 0))
        #expect(try server.requests("trending").map(\.query) == ["sort=trending&limit=100&p=0"])
    }

    @Test func theDefaultDayIsTodayInUTC() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let workspace = try IngestWorkspace()
        let before = Self.todayUTC()
        let outcome = try workspace.fetch(["hf-daily", "--output", "saved/hf", "--api-url", server.apiURL("single")])
        let after = Self.todayUTC()
        #expect(outcome.status == 0, "\(outcome)")
        let day = try #require(CalendarDate.firstDate(in: outcome.stdout), "\(outcome)")
        #expect(day == before || day == after)
        #expect(outcome.stdout == "saved/hf/hf-daily-\(day).json: 3 papers, saved\n")
        #expect(try server.requests("single").map(\.query) == ["date=\(day)&limit=100&p=0"])
    }

    @Test func aServerErrorIsAskedAgain() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let workspace = try IngestWorkspace()
        let outcome = try workspace.fetch(["hf-daily", "--date", Self.date, "--api-url", server.apiURL("flaky")])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout == "\(Self.file): 3 papers, saved\n")
        #expect(
            outcome.stderr.contains(
                "\(server.requestURL("flaky"))date=2026-11-26&limit=100&p=0: HTTP 500 Internal Server Error; trying again in"))
        #expect(outcome.stderr.contains("(attempt 2 of 4)"))
        #expect(try server.requests("flaky").count == 2)
    }

    @Test(arguments: [("rate-limited", 0.2), ("rate-limited-date", 0.15)])
    func tooManyRequestsWaitsAsRetryAfterSays(scenario: String, seconds: Double) throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let workspace = try IngestWorkspace()
        // At a tenth of real time: `Retry-After: 2` (or a date 2 to 3 s ahead) waits 0.2 s at least,
        // where the first backoff alone would wait 0.1 s.
        let outcome = try workspace.fetch(["hf-daily", "--date", Self.date, "--api-url", server.apiURL(scenario)], scale: "0.1")
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stderr.contains("HTTP 429 Too Many Requests; trying again in"), "\(outcome)")
        let requests = try server.requests(scenario)
        #expect(requests.count == 2)
        if requests.count == 2 { #expect(requests[1].time - requests[0].time >= seconds, "\(requests.map(\.time))") }
    }

    @Test func aLastingServerErrorFailsAfterFourAttemptsWithLongerWaits() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let workspace = try IngestWorkspace()
        let before = workspace.snapshot(".")
        let outcome = try workspace.fetch(["hf-daily", "--date", Self.date, "--api-url", server.apiURL("always-503")], scale: "0.1")
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.stdout == "")
        #expect(
            outcome.problems.last
                == "\(server.requestURL("always-503"))date=2026-11-26&limit=100&p=0: HTTP 503 Service Unavailable (after 4 attempts)")
        let times = try server.requests("always-503").map(\.time)
        #expect(times.count == 4)
        if times.count == 4 {
            // 1, 2 and 4 s at a tenth.
            for (gap, least) in zip(zip(times.dropFirst(), times).map { $0 - $1 }, [0.1, 0.2, 0.4]) { #expect(gap >= least, "\(times)") }
        }
        #expect(workspace.snapshot(".").differences(from: before) == [])
    }

    @Test func aRequestWithoutAnAnswerTimesOutAndIsAskedAgain() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let workspace = try IngestWorkspace()
        // The first answer comes after 3 s.
        let outcome = try workspace.fetch(["hf-daily", "--date", Self.date, "--api-url", server.apiURL("slow-once"), "--timeout", "0.5"])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stderr.contains("p=0: no response within 0.5 s (timed out); trying again in"), "\(outcome)")
        #expect(try server.requests("slow-once").count == 2)
    }

    /// A failure: its scenario, what the message says after the URL, and how many requests it takes.
    struct Failure: CustomStringConvertible, Sendable {
        var scenario: String
        var page = 0
        var message: String
        var requests = 1
        var description: String { scenario }
    }

    static let failures: [Failure] = [
        Failure(scenario: "not-found", message: "HTTP 404 Not Found ({\"error\":\"Sorry, we can't find the page you are looking for.\"})"),
        Failure(
            scenario: "bad-request", message: "HTTP 400 Bad Request ({\"error\":\"limit must be <= 100\"}); check --date and --api-url"),
        Failure(
            scenario: "rate-limited-long",
            message: "HTTP 429 Too Many Requests ({\"error\":\"Too Many Requests\"}); the server asks to wait 86400 s"),
        Failure(
            scenario: "truncated", message: "the response was cut short, the connection closed before the whole body arrived", requests: 4),
        Failure(scenario: "malformed", message: "page 1 (p=0) is not a Daily Papers list: the body is not valid JSON"),
        Failure(scenario: "object", message: "page 1 (p=0) is not a Daily Papers list: expected a JSON array of papers, found an object"),
        Failure(
            scenario: "missing-id", message: "page 1 (p=0) is not a Daily Papers list: item 2: paper.id should be a string, found nothing"),
        Failure(
            scenario: "numeric-id", message: "page 1 (p=0) is not a Daily Papers list: item 1: paper.id should be a string, found a number"),
        Failure(
            scenario: "second-page-malformed", page: 1, message: "page 2 (p=1) is not a Daily Papers list: the body is not valid JSON",
            requests: 2),
        Failure(scenario: "ignores-page", page: 1, message: "the server sent the same papers for p=1 as for p=0", requests: 2),
    ]

    @Test(arguments: failures)
    func aFailureNamesTheURLAndWritesNothing(_ failure: Failure) throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let workspace = try IngestWorkspace()
        try workspace.write("feeds/hf-daily-2026-11-25.json", "[]")
        let before = workspace.snapshot(".")
        let outcome = try workspace.fetch(["hf-daily", "--date", Self.date, "--api-url", server.apiURL(failure.scenario)])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.stdout == "")
        let url = "\(server.requestURL(failure.scenario))date=2026-11-26&limit=100&p=\(failure.page): "
        let problem = try #require(outcome.problems.last, "\(outcome)")
        #expect(problem.hasPrefix(url + failure.message), "\(outcome)")
        #expect(try server.requests(failure.scenario).count == failure.requests)
        #expect(workspace.snapshot(".").differences(from: before) == [])
    }

    @Test func theSameListAgainLeavesTheFileAndAChangedOneReplacesIt() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let workspace = try IngestWorkspace()
        #expect(try workspace.fetch(["hf-daily", "--date", Self.date, "--api-url", server.apiURL("single")]).status == 0)
        let first = workspace.snapshot("feeds")
        #expect(first.holdsFiles)

        let again = try workspace.fetch(["hf-daily", "--date", Self.date, "--api-url", server.apiURL("single")])
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout == "\(Self.file): 3 papers, unchanged (the file already held this list)\n")
        #expect(workspace.snapshot("feeds").differences(from: first) == [])

        let changed = try workspace.fetch(["hf-daily", "--date", Self.date, "--api-url", server.apiURL("changed")])
        #expect(changed.status == 0, "\(changed)")
        #expect(changed.stdout == "\(Self.file): 2 papers, replaced the earlier file (the list has changed)\n")
        #expect(try bytes(workspace, Self.file) == FixtureServer.page("changed", 0))
        #expect(workspace.files(in: "feeds") == ["hf-daily-2026-11-26.json"])
    }

    @Test func ingestTakesTheSavedFeedIntoContent() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let workspace = try IngestWorkspace()
        let daily = try workspace.fetch([
            "hf-daily", "--date", Self.date, "--api-url", server.apiURL("pages"), "--ingest", "--content", "Content",
        ])
        #expect(daily.status == 0, "\(daily)")
        #expect(
            daily.stdout
                == "\(Self.file): 137 papers, saved\n2026-11-26: 137 entries, 137 new papers, 0 returning (hf-daily-2026-11-26.json)\n")
        #expect(try workspace.day(Self.date).source == "hf-daily-2026-11-26.json")
        #expect(workspace.files(in: "Content/papers").count == 137)
        let papers = try workspace.papers()
        #expect(papers.values.filter { $0.arxiv == "2611.00001" }.map(\.title) == ["A Bare Paper 1"])

        // The trending snapshot is filed under the day --date names; its papers are known already.
        let trending = try workspace.fetch(["hf-trending", "--date", "2026-11-27", "--api-url", server.apiURL("trending"), "--ingest"])
        #expect(trending.status == 0, "\(trending)")
        #expect(
            trending.stdout
                == "feeds/hf-trending-2026-11-27.json: 3 papers, saved\n2026-11-27: 3 entries, 0 new papers, 3 returning (hf-trending-2026-11-27.json)\n"
        )
        #expect(try workspace.day("2026-11-27").papers.count == 3)

        let before = workspace.snapshot()
        let again = try workspace.fetch(["hf-daily", "--date", Self.date, "--api-url", server.apiURL("pages"), "--ingest"])
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.hasSuffix("2026-11-26: already ingested, 137 entries unchanged (hf-daily-2026-11-26.json)\n"), "\(again)")
        #expect(workspace.snapshot().differences(from: before) == [])
    }

    @Test func aLaterSnapshotOfTheSameDayReplacesItsListOnlyWithReplace() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let workspace = try IngestWorkspace()
        let arguments = ["hf-trending", "--date", "2026-11-27", "--ingest", "--api-url"]
        #expect(try workspace.fetch(arguments + [server.apiURL("trending")]).status == 0)
        let later = try workspace.fetch(arguments + [server.apiURL("changed")])
        #expect(later.status == 1 && later.stderr.contains("already has a different feed"), "\(later)")
        #expect(try workspace.day("2026-11-27").papers.count == 3)
        let replaced = try workspace.fetch(arguments + [server.apiURL("changed"), "--replace"])
        #expect(replaced.status == 0, "\(replaced)")
        #expect(try workspace.day("2026-11-27").papers.count == 2)
        let misuse = try workspace.fetch(["hf-trending", "--replace", "--api-url", server.apiURL("trending")])
        #expect(misuse.status == 2 && misuse.stderr.contains("--replace only applies with --ingest"), "\(misuse)")
    }

    @Test func ingestOfAnEmptyDayOrAFailedFetchLeavesContentAlone() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let workspace = try IngestWorkspace()
        let empty = try workspace.fetch(["hf-daily", "--date", "2026-11-29", "--api-url", server.apiURL("empty"), "--ingest"])
        #expect(empty.status == 0, "\(empty)")
        let failed = try workspace.fetch(["hf-daily", "--date", Self.date, "--api-url", server.apiURL("malformed"), "--ingest"])
        #expect(failed.status == 1, "\(failed)")
        #expect(workspace.files(in: ".") == [])
    }

    @Test func aLinkWhereTheFeedGoesIsRefused() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let workspace = try IngestWorkspace()
        try workspace.write("victim.json", "keep")
        try FileManager.default.createDirectory(atPath: workspace.path("feeds"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: workspace.path(Self.file), withDestinationPath: workspace.path("victim.json"))
        let outcome = try workspace.fetch(["hf-daily", "--date", Self.date, "--api-url", server.apiURL("single")])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.problems.last?.hasPrefix("\(Self.file): is a symbolic link") == true, "\(outcome)")
        #expect(workspace.read("victim.json") == "keep")
    }

    @Test(arguments: [
        (["hf-daily", "--date", "2026-13-01"], "--date 2026-13-01 is not a date"),
        (["hf-daily", "--api-url", "ftp://example.org"], "--api-url ftp://example.org is not an http(s) URL"),
        (["hf-trending", "--timeout", "0"], "--timeout takes seconds"),
    ])
    func aWrongOptionIsAUsageError(arguments: [String], message: String) throws {
        let workspace = try IngestWorkspace()
        let outcome = try workspace.fetch(arguments)
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stderr.contains(message), "\(outcome)")
        #expect(workspace.files(in: ".") == [])
    }

    @Test func aMisspeltRetryScaleIsAUsageError() throws {
        let workspace = try IngestWorkspace()
        let outcome = try workspace.fetch(["hf-daily", "--api-url", "http://127.0.0.1:9/"], scale: "fast")
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.problems == ["PAPERBOY_RETRY_SCALE=fast: expected a number from 0 to 1 (a factor on every retry wait)"])
    }

    static func todayUTC() -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// A page's elements: the bytes between its brackets, white space around them left out.
    func elements(_ page: [UInt8]) -> [UInt8] {
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        var inner = Array(page.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
        inner = Array(inner.dropFirst().dropLast())
        return Array(inner.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }

    func bytes(_ workspace: IngestWorkspace, _ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: workspace.path(relative))))
    }
}

extension IngestWorkspace {
    /// Runs `paperboy fetch arguments...` here, retry waits multiplied by `scale`.
    func fetch(_ arguments: [String], scale: String = "0.01") throws -> PaperboyProcess.Outcome {
        try networked(["fetch"] + arguments, scale: scale)
    }

    /// Runs a `paperboy` command that asks a server, here, its waits multiplied by `scale`.
    func networked(_ arguments: [String], scale: String = "0.01") throws -> PaperboyProcess.Outcome {
        var environment = TestEnvironment.environment()
        environment["PAPERBOY_RETRY_SCALE"] = scale
        let outcome = try ProcessRunner.run(try PaperboyProcess.executable().path, arguments, cwd: url.path, environment: environment)
        return PaperboyProcess.Outcome(status: outcome.status, stdout: outcome.stdout, stderr: outcome.stderr)
    }
}
