import Foundation
@testable import PaperboyContent
@testable import PaperboyCore
@testable import PaperboyIngest
import Testing

/// `ArxivEnricher` on temporary folders, with arXiv's answers from fixtures.
@Suite("enrich from arXiv")
struct ArxivEnricherTests {
    static let records = [
        ArxivRecord(
            id: "2607.05555", title: "A Paper With No Optional Fields", abstract: "Only what the API requires.",
            authors: ["Grace Hopper"], published: CalendarDate("2026-07-01"), categories: ["cs.LG", "stat.ML"]),
        ArxivRecord(
            id: "2607.01234", title: "Sparse", abstract: "", authors: ["Someone Else"], published: CalendarDate("2020-01-01"),
            categories: ["cs.CL"]),
        ArxivRecord(
            id: "2501.00001", title: "A Closer Look at Few-shot Classification Again", abstract: "", authors: ["X. Luo"],
            published: CalendarDate("2025-01-01"), categories: ["cs.CV"]),
    ]

    /// Answers like arXiv from ``records``, and keeps the questions.
    final class FakeArxiv: @unchecked Sendable {
        var queries: [ArxivEnricher.Query] = []
        var failAt: Int?

        func lookup(_ query: ArxivEnricher.Query) throws -> [ArxivRecord] {
            queries.append(query)
            if let failAt, queries.count == failAt { throw PaperboyError("arXiv: HTTP 503 after 4 attempts") }
            switch query {
            case let .ids(ids): return ArxivEnricherTests.records.filter { ids.contains($0.id) }
            case let .title(title):
                // arXiv's title search matches words, not the whole title: near misses come back too.
                return ArxivEnricherTests.records.filter { $0.title.hasPrefix(title.prefix(12)) } + [
                    ArxivRecord(id: "2502.99999", title: title + ": A Sequel", abstract: "", authors: [], published: nil, categories: [])
                ]
            }
        }
    }

    func workspace() throws -> IngestWorkspace {
        let workspace = try IngestWorkspace()
        try workspace.write("feeds/trending-2026-11-26.txt", bytes: try SampleFeed.bytes())
        try workspace.write("feeds/hf-daily-2026-11-27.json", bytes: try IngestHuggingFaceTests.fixture())
        #expect(try workspace.ingest(["feeds/trending-2026-11-26.txt"]).status == 0)
        #expect(try workspace.ingest(["feeds/hf-daily-2026-11-27.json"]).status == 0)
        return workspace
    }

    func enrich(_ workspace: IngestWorkspace, titles: Bool = false, _ arxiv: FakeArxiv) async throws -> ArxivEnricher.Report {
        try await ArxivEnricher(options: .init(content: workspace.path("Content"), titles: titles)).run { try arxiv.lookup($0) }
    }

    @Test func papersWithAnIdGainWhatTheyLackAndKeepWhatTheyHave() async throws {
        let workspace = try workspace()
        let arxiv = FakeArxiv()
        let report = try await enrich(workspace, arxiv)
        // The three papers with ids, in one batch; the sparse paper lacks only categories.
        #expect(arxiv.queries.count == 1)
        guard case let .ids(ids) = arxiv.queries.first else { return }
        #expect(Set(ids) == ["2607.01234", "2607.05555", "2411.06789"])
        #expect(report.warnings.map(\.description).contains { $0.contains("arXiv has no paper 2411.06789") })
        let papers = try workspace.papers()
        let bare = try #require(papers["a-paper-with-no-optional-fields"])
        #expect(bare.authors == ["Grace Hopper"] && bare.metadata.categories == ["cs.LG", "stat.ML"])
        let sparse = try #require(papers.values.first { $0.arxiv == "2607.01234" })
        // Authors and date were there already: only the categories are new.
        #expect(sparse.authors == ["Ada Lovelace", "Alan Turing"] && sparse.metadata.published == CalendarDate("2026-07-02"))
        #expect(sparse.metadata.categories == ["cs.CL"])
        #expect(report.writtenFiles.count == 2)
        // Nothing lacking any more: asked again, nothing is written.
        let again = FakeArxiv()
        #expect(try await enrich(workspace, again).writtenFiles == [])
    }

    @Test func titlesFindIdsOnlyOnAnExactMatch() async throws {
        let workspace = try workspace()
        let arxiv = FakeArxiv()
        _ = try await enrich(workspace, titles: true, arxiv)
        let papers = try workspace.papers()
        let closer = try #require(papers["a-closer-look-at-few-shot-classification-again"])
        #expect(closer.arxiv == "2501.00001" && closer.authors == ["X. Luo"])
        // Every other title got only its near miss (`...: A Sequel`), which is refused.
        #expect(papers.values.filter { $0.arxiv == "2502.99999" }.isEmpty)
        #expect(arxiv.queries.filter { if case .title = $0 { true } else { false } }.count == 281 - 1)
    }

    @Test func aFailedQueryWritesNothing() async throws {
        let workspace = try workspace()
        let before = workspace.snapshot()
        let arxiv = FakeArxiv()
        arxiv.failAt = 5
        await #expect(throws: PaperboyError.self) { _ = try await enrich(workspace, titles: true, arxiv) }
        #expect(workspace.snapshot() == before)
    }

    @Test func idsGoInBatchesOfAHundred() async throws {
        let workspace = try IngestWorkspace()
        var items: [String] = []
        for number in 1...250 {
            items.append(
                #"{"paper": {"id": "2601.\#(String(format: "%05d", number))", "title": "Paper \#(number)", "summary": "S"}}"#)
        }
        try workspace.write("feeds/hf-trending-2026-11-27.json", "[" + items.joined(separator: ",\n") + "]")
        #expect(try workspace.ingest(["feeds/hf-trending-2026-11-27.json"]).status == 0)
        let arxiv = FakeArxiv()
        _ = try await enrich(workspace, arxiv)
        #expect(
            arxiv.queries.map { query -> Int in
                if case let .ids(ids) = query { return ids.count }
                return 0
            } == [100, 100, 50])
    }
}
