import Foundation
@testable import PaperboyContent
@testable import PaperboyCore
import Testing

/// `paperboy ingest` of Hugging Face JSON: what each paper gains, and what it never loses.
@Suite("paperboy ingest of Hugging Face JSON")
struct IngestHuggingFaceTests {
    static func fixture() throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/hf/hf-daily-2026-11-27.json")
        return Array(try Data(contentsOf: url))
    }

    @Test func aDailyListBecomesADayWithUpvotesAndPapersWithMetadata() throws {
        let workspace = try IngestWorkspace()
        try workspace.write("feeds/hf-daily-2026-11-27.json", bytes: try Self.fixture())
        let outcome = try workspace.ingest(["feeds/hf-daily-2026-11-27.json"])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout == "2026-11-27: 3 entries, 3 new papers, 0 returning (hf-daily-2026-11-27.json)\n")
        #expect(outcome.stderr.contains("feeds/hf-daily-2026-11-27.json:72: warning: skipped arXiv 2607.07777"), "\(outcome.stderr)")
        let day = try workspace.day("2026-11-27")
        let papers = try workspace.papers()
        let bySlug = day.papers.map { papers[$0]?.arxiv }
        #expect(bySlug == ["2607.01234", "2607.05555", "2411.06789"])
        #expect(day.upvotes == [day.papers[0]: 42, day.papers[1]: 7, day.papers[2]: 7])
        let sparse = try #require(papers[day.papers[0]])
        #expect(sparse.title == "Sparse Mixture-of-Depths for $\\mathcal{O}(n)$ Long-Context Reasoning")
        #expect(sparse.authors == ["Ada Lovelace", "Alan Turing"])
        #expect(sparse.code == ["https://github.com/example/sparse-mod"])
        #expect(sparse.metadata.codeStars == 318 && sparse.metadata.project == "https://example.github.io/sparse-mod")
        #expect(sparse.metadata.published == CalendarDate("2026-07-02"))
        #expect(sparse.summary == "A sparse depth-routing method cuts long-context compute while keeping accuracy.")
        // Markdown-escaped so that it renders as written, LaTeX and all.
        #expect(sparse.abstract.hasPrefix("We study routing tokens through a variable number of layers. On 1M-token benchmarks"))
        #expect(sparse.abstract.contains("no \\*tricks\\*"))
    }

    @Test func aPaperKnownByTitleGainsItsIdAndMetadataNotASecondFile() throws {
        let workspace = try IngestWorkspace()
        try workspace.write("feeds/trending-2026-11-26.txt", bytes: try SampleFeed.bytes())
        try workspace.write("feeds/hf-daily-2026-11-27.json", bytes: try Self.fixture())
        #expect(try workspace.ingest(["feeds/trending-2026-11-26.txt"]).status == 0)
        let slug = "lanpaint-training-free-diffusion-inpainting-with-asymptotically-exact-and-fast"
        let before = try #require(try workspace.papers()[slug])
        #expect(before.arxiv == nil)
        let count = workspace.files(in: "Content/papers").count

        let outcome = try workspace.ingest(["feeds/hf-daily-2026-11-27.json"])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout.contains("2 new papers, 1 returning"))
        #expect(workspace.files(in: "Content/papers").count == count + 2)
        let after = try #require(try workspace.papers()[slug])
        #expect(after.arxiv == "2411.06789")
        #expect(after.authors == ["Candi Zheng", "Yuan Lan"])
        #expect(after.metadata.published == CalendarDate("2024-11-11"))
        #expect(after.firstSeen == before.firstSeen && after.title == before.title)
        #expect(try workspace.day("2026-11-27").papers.contains(slug))
    }

    @Test func keysTheUserWroteAreNeverOverwritten() throws {
        let workspace = try IngestWorkspace()
        try workspace.write("feeds/hf-daily-2026-11-27.json", bytes: try Self.fixture())
        #expect(try workspace.ingest(["feeds/hf-daily-2026-11-27.json"]).status == 0)
        let slug = try workspace.day("2026-11-27").papers[0]
        try workspace.edit("Content/papers/\(slug).md") { text in
            text.replacingOccurrences(of: "code_stars: 318", with: "code_stars: 1000")
                .replacingOccurrences(of: "  - \"Alan Turing\"\n", with: "  - \"A. M. Turing\"\n")
                .replacingOccurrences(of: "published: 2026-07-02", with: "published: 2026-07-01\nvenue: \"NeurIPS\"")
        }
        let edited = workspace.read("Content/papers/\(slug).md")
        // The same paper in a later day's list.
        try workspace.write("feeds/hf-trending-2026-11-28.json", bytes: try Self.fixture())
        let outcome = try workspace.ingest(["feeds/hf-trending-2026-11-28.json"])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(workspace.read("Content/papers/\(slug).md") == edited)
    }

    @Test func badJSONWritesNothingAndNamesTheLine() throws {
        let workspace = try IngestWorkspace()
        try workspace.write("feeds/hf-daily-2026-11-27.json", bytes: try Self.fixture())
        #expect(try workspace.ingest(["feeds/hf-daily-2026-11-27.json"]).status == 0)
        let before = workspace.snapshot()
        var truncated = try Self.fixture()
        truncated.removeLast(200)
        try workspace.write("feeds/hf-daily-2026-11-28.json", bytes: truncated)
        let outcome = try workspace.ingest(["feeds/hf-daily-2026-11-28.json"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.hasPrefix("feeds/hf-daily-2026-11-28.json:"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("truncated"))
        #expect(workspace.snapshot() == before)
        try workspace.write("papers.json", bytes: try Self.fixture())
        let unnamed = try workspace.ingest(["papers.json", "--date", "2026-11-29"])
        #expect(unnamed.status == 1 && unnamed.stderr.contains("--format hf-daily"))
        #expect(try workspace.ingest(["papers.json", "--date", "2026-11-29", "--format", "hf-trending"]).status == 0)
    }
}
