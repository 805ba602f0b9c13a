import Foundation
@testable import PaperboyContent
@testable import PaperboyCore
@testable import PaperboyIngest
import Testing

@Suite("Hugging Face feed")
struct HuggingFaceFeedParserTests {
    static func fixture() throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/hf/hf-daily-2026-11-27.json")
        return try String(contentsOf: url, encoding: .utf8)
    }

    func parse(_ text: String, _ kind: HuggingFaceFeedParser.Kind = .daily) throws(Diagnostic) -> ParsedFeed {
        try HuggingFaceFeedParser(kind: kind).parse(text, file: "hf.json")
    }

    func problem(_ text: String) -> Diagnostic? {
        do throws(Diagnostic) {
            _ = try parse(text)
            return nil
        } catch { return error }
    }

    @Test func theDocumentedShapeGivesEveryField() throws {
        let feed = try parse(try Self.fixture())
        let first = try #require(feed.entries.first)
        // Unwrapped; the LaTeX stays as written.
        #expect(first.title == "Sparse Mixture-of-Depths for $\\mathcal{O}(n)$ Long-Context Reasoning")
        #expect(
            first.text
                == "We study routing tokens through a variable number of layers. On 1M-token benchmarks we match dense baselines at 0.4x compute, with $d < 2$ & no *tricks*."
        )
        #expect(first.arxiv == "2607.01234")
        #expect(first.authors == ["Ada Lovelace", "Alan Turing"])
        #expect(first.upvotes == 42)
        #expect(first.summary == "A sparse depth-routing method cuts long-context compute while keeping accuracy.")
        #expect(first.code == ["https://github.com/example/sparse-mod"])
        #expect(
            first.metadata
                == PaperMetadata(
                    published: CalendarDate("2026-07-02"), project: "https://example.github.io/sparse-mod", codeStars: 318,
                    keywords: ["mixture-of-depths", "long context", "sparse routing"]))
        #expect(first.line == 2)
    }

    @Test func aDailyListIsRankedByUpvotesTiesInFileOrder() throws {
        let feed = try parse(try Self.fixture())
        #expect(feed.entries.map(\.arxiv) == ["2607.01234", "2607.05555", "2411.06789"])
        let trending = try parse(try Self.fixture(), .trending)
        #expect(trending.entries.map(\.arxiv) == ["2607.01234", "2607.05555", "2411.06789"])
        let reordered = """
            [{"paper": {"id": "2601.00001", "title": "A", "summary": "S", "upvotes": 1}},
             {"paper": {"id": "2601.00002", "title": "B", "summary": "S", "upvotes": 5}},
             {"paper": {"id": "2601.00003", "title": "C", "summary": "S", "upvotes": 1}},
             {"paper": {"id": "2601.00004", "title": "D", "summary": "S"}}]
            """
        #expect(try parse(reordered).entries.map(\.title) == ["B", "A", "C", "D"])
        #expect(try parse(reordered, .trending).entries.map(\.title) == ["A", "B", "C", "D"])
    }

    @Test func aPaperWithNoOptionalFieldsAndAWithdrawnOne() throws {
        let feed = try parse(try Self.fixture())
        let bare = try #require(feed.entries.first { $0.arxiv == "2607.05555" })
        #expect(bare.authors == [] && bare.summary == nil && bare.code == [])
        #expect(bare.metadata == PaperMetadata(published: CalendarDate("2026-07-01")))
        let minimal = try parse(#"[{"paper": {"id": "2601.00001", "title": "A title", "summary": "Text."}}]"#)
        #expect(minimal.entries.first?.text == "Text." && minimal.entries.first?.upvotes == nil)
        #expect(!feed.entries.contains { $0.arxiv == "2607.07777" })
        #expect(feed.warnings.map(\.description).contains { $0.contains("2607.07777") && $0.contains("withdrawn") })
    }

    @Test func fractionalAndWholeSecondTimesAndOffsets() {
        #expect(HuggingFaceFeedParser.ItemFields.calendarDate(iso8601: "2026-07-02T13:45:00.000Z") == CalendarDate("2026-07-02"))
        #expect(HuggingFaceFeedParser.ItemFields.calendarDate(iso8601: "2026-07-02T13:45:00Z") == CalendarDate("2026-07-02"))
        #expect(HuggingFaceFeedParser.ItemFields.calendarDate(iso8601: "2026-07-02T23:45:00-05:00") == CalendarDate("2026-07-03"))
        #expect(HuggingFaceFeedParser.ItemFields.calendarDate(iso8601: "July 2") == nil)
    }

    @Test(
        arguments: [
            ("{\"paper\": {}}", 1, "must be a JSON array"),
            (
                "[{\"paper\": {\"id\": \"2601.00001\", \"title\": \"A\", \"summary\": \"S\"}},\n{\"paper\": {\"id\": \"2601.00002\"", 2,
                "truncated"
            ),
            (
                "[\n{\"paper\": {\"id\": \"2601.00001\", \"title\": \"A\", \"summary\": \"S\"}},\n{\"paper\": {\"id\": 5, \"title\": \"B\"}}]",
                3, "`paper.id`"
            ),
            ("[\n{\"paper\": {\"id\": \"../../etc\", \"title\": \"B\"}}]", 2, "not an arXiv id"),
            (
                "[\n{\"paper\": {\"id\": \"2601.00001\", \"title\": \"B\", \"summary\": \"S\", \"upvotes\": \"many\"}}]", 2,
                "`paper.upvotes`"
            ),
            ("[\n{\"paper\": {\"id\": \"2601.00001\", \"title\": \"B\", \"summary\": \"S\", \"authors\": [{\"id\": 1}]}}]", 2, "`name`"),
            ("[\n{\"title\": \"B\"}]", 2, "no `paper`"),
            ("[\n{\"paper\": {\"id\": \"2601.00001\" \"title\": \"B\"}}]", 2, "not valid JSON"),
            ("[\n{\"paper\": {\"id\": \"2601.00001\", \"title\": \"B\", \"summary\": \"S\", \"upvotes\": true}}]", 2, "`paper.upvotes`"),
            ("[{\"paper\": {\"id\": \"2601.00001\", \"title\": \"B\"}}]\n[]", 2, "after the end"),
            ("[]", 1, "empty"),
            ("[\n{\"paper\": {\"id\": \"2601.00001\", \"title\": \" \"}}]", 2, "empty title"),
            ("[\n{\"paper\": {\"id\": \"2601.00001\", \"title\": \"T\", \"summary\": \"\\n\"}}]", 2, "no `paper.summary`"),
        ])
    func problemsNameTheirLine(text: String, line: Int, message: String) throws {
        let diagnostic = try #require(problem(text))
        #expect(diagnostic.file == "hf.json")
        #expect(diagnostic.line == line, "\(diagnostic)")
        #expect(diagnostic.description.contains(message), "\(diagnostic)")
    }

    @Test func unsafeLinksAreDroppedWithAWarning() throws {
        let feed = try parse(
            #"[{"paper": {"id": "2601.00001", "title": "A", "summary": "S", "githubRepo": "javascript:alert(1)", "projectPage": "data:text/html,x"}}]"#
        )
        #expect(feed.entries.first?.code == [] && feed.entries.first?.metadata.project == nil)
        #expect(feed.warnings.count == 2)
    }

    @Test func autoTellsTheListByTheFileName() throws {
        let json = #"[{"paper": {"id": "2601.00001", "title": "A", "summary": "S"}}]"#
        #expect(try FeedFormat.auto.parser(for: json, fileName: "hf-daily-2026-01-01.json", file: "x") is HuggingFaceFeedParser)
        #expect(
            (try FeedFormat.auto.parser(for: json, fileName: "hf-trending-2026-01-01.json", file: "x") as? HuggingFaceFeedParser)?.kind
                == .trending)
        #expect(throws: Diagnostic.self) { try FeedFormat.auto.parser(for: json, fileName: "papers.json", file: "x") }
        #expect(try FeedFormat.hfTrending.parser(for: json, fileName: "papers.json", file: "x") is HuggingFaceFeedParser)
        #expect(try FeedFormat.auto.parser(for: "A title\nA text\n", fileName: "hf-daily-x.txt", file: "x") is TrendingFeedParser)
    }

    @Test(arguments: [
        ("2502.12345", true), ("2502.1234", true), ("0704.0001", true), ("hep-th/9901001", true), ("math.AG/0601001", true),
        ("2502.123456", false), ("250.12345", false), ("2502.12a45", false), ("javascript:alert(1)", false), ("", false),
        ("hep-th/990100", false), ("HEP-TH/9901001", false), ("math.ag/0601001", false), ("../2502.12345", false),
    ])
    func arxivIDs(id: String, valid: Bool) {
        #expect(PaperIdentity.isArxivID(id) == valid)
    }
}
