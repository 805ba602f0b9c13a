import Foundation
@testable import PaperboyContent
@testable import PaperboyCore
import Testing

/// `paperboy enrich arxiv` against the scripted arXiv API of `Tests/Fixtures/http/fixture_server.py`
/// on 127.0.0.1: what it asks, what it fills in, what it never replaces, and that a failure
/// writes nothing. Waits run at a hundredth of their length (`PAPERBOY_RETRY_SCALE`).
@Suite("paperboy enrich arxiv")
struct EnrichTests {
    /// Content with the three papers of the `single` Daily Papers list (ids 2611.00000-2) and two
    /// known only by title, one of which arXiv has.
    func archive(_ server: FixtureServer) throws -> IngestWorkspace {
        let workspace = try IngestWorkspace()
        let fetched = try workspace.fetch(["hf-daily", "--date", "2026-11-26", "--api-url", server.apiURL("single"), "--ingest"])
        try #require(fetched.status == 0, "\(fetched)")
        try workspace.write(
            "feeds/trending-2026-11-27.txt",
            """
            A Closer Look at Few-shot Classification Again
            We revisit few-shot classification.
            A Paper arXiv Does Not Have
            Its abstract.

            """)
        try #require(try workspace.ingest(["feeds/trending-2026-11-27.txt"]).status == 0)
        return workspace
    }

    func paper(_ workspace: IngestWorkspace, arxiv: String) throws -> Paper {
        try #require(try workspace.papers().values.first { $0.arxiv == arxiv })
    }

    @Test func papersWithAnIdGainCategoriesAndKeepWhatTheyHave() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let workspace = try archive(server)
        let before = try paper(workspace, arxiv: "2611.00001")
        let outcome = try workspace.networked(["enrich", "arxiv", "--api-url", server.apiURL("arxiv")])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout.hasPrefix("arXiv: 3 papers looked up, 2 filled in (1 request to "), "\(outcome.stdout)")
        #expect(outcome.stderr.contains("arXiv has no paper 2611.00002"), "\(outcome.stderr)")
        let requests = try server.requests("arxiv")
        #expect(requests.map(\.query) == ["id_list=2611.00001,2611.00000,2611.00002&max_results=3"])
        #expect(requests.first?.headers["user-agent"]?.hasPrefix("Paperboy/") == true)
        #expect(requests.first?.headers["accept"] == "application/atom+xml")

        let full = try paper(workspace, arxiv: "2611.00000")
        #expect(full.metadata.categories == ["cs.LG", "cs.CL"])
        let bare = try paper(workspace, arxiv: "2611.00001")
        #expect(bare.metadata.categories == ["cs.AI"])
        // Hugging Face gave the date and the authors first: arXiv's (a day earlier) does not replace them.
        #expect(bare.metadata.published == before.metadata.published && bare.authors == before.authors)
        #expect(bare.metadata.published == CalendarDate("2026-11-25"))

        // Nothing lacking any more but the paper arXiv does not have: asked again, nothing written.
        let snapshot = workspace.snapshot()
        let again = try workspace.networked(["enrich", "arxiv", "--api-url", server.apiURL("arxiv")])
        #expect(again.status == 0 && again.stdout.hasPrefix("arXiv: 1 paper looked up, 0 filled in"), "\(again)")
        #expect(workspace.snapshot() == snapshot)
    }

    @Test func titlesFindAnIdOnlyOnTheSameTitleAndRequestsAreSpacedOut() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let workspace = try archive(server)
        // A tenth of arXiv's three seconds between requests.
        let outcome = try workspace.networked(["enrich", "arxiv", "--titles", "--api-url", server.apiURL("arxiv")], scale: "0.1")
        #expect(outcome.status == 0, "\(outcome)")
        let closer = try paper(workspace, arxiv: "2501.00001")
        #expect(closer.title == "A Closer Look at Few-shot Classification Again")
        #expect(closer.authors == ["X. Luo", "H. Wei"] && closer.metadata.published == CalendarDate("2025-01-02"))
        #expect(closer.metadata.categories == ["cs.CV", "cs.LG"])
        // Its near miss (`...: A Sequel`) was refused.
        let other = try #require(try workspace.papers()["a-paper-arxiv-does-not-have"])
        #expect(other.arxiv == nil && other.authors.isEmpty)
        let requests = try server.requests("arxiv")
        #expect(requests.count == 3)
        #expect(
            requests.contains { $0.query.hasPrefix("search_query=ti%3A%22A%20Closer%20Look") || $0.query.hasPrefix("search_query=ti:%22A") }
        )
        for (earlier, later) in zip(requests, requests.dropFirst()) {
            // 0.3 s from one answer to the next request; the server's clock sees a little jitter.
            #expect(later.time - earlier.time >= 0.25, "requests \(later.time - earlier.time) s apart")
        }
    }

    @Test func aRetriedServerErrorStillSucceeds() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let workspace = try archive(server)
        let outcome = try workspace.networked(["enrich", "arxiv", "--api-url", server.apiURL("arxiv-flaky")])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(try server.requests("arxiv-flaky").count == 2)
        #expect(try paper(workspace, arxiv: "2611.00000").metadata.categories == ["cs.LG", "cs.CL"])
    }

    static let failures: [(scenario: String, message: String)] = [
        ("arxiv-error", "HTTP 400 Bad Request"),
        ("arxiv-error-feed", "the arXiv API answered with an error: incorrect id format for x"),
        ("arxiv-truncated", "cut short"),
        ("arxiv-malformed", "not well-formed"),
    ]

    @Test(arguments: failures)
    func aFailedAnswerWritesNothing(scenario: String, message: String) throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let workspace = try archive(server)
        let before = workspace.snapshot()
        let outcome = try workspace.networked(["enrich", "arxiv", "--api-url", server.apiURL(scenario)])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.stderr.contains(server.apiURL(scenario) + "/api/query?"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
        #expect(workspace.snapshot() == before)
    }
}
