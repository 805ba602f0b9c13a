import Foundation
@testable import PaperboyContent
@testable import PaperboyCore
@testable import PaperboyIngest
import Testing

@Suite("arXiv API Atom")
struct ArxivAtomParserTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/arxiv/\(name)")
        return Array(try Data(contentsOf: url))
    }

    func problem(_ text: String) -> Diagnostic? {
        do throws(Diagnostic) {
            _ = try ArxivAtomParser.parse(Array(text.utf8), source: "api")
            return nil
        } catch { return error }
    }

    @Test func entriesAreReadByNamespaceWhateverThePrefix() throws {
        let records = try ArxivAtomParser.parse(try Self.fixture("id-list.xml"), source: "api")
        #expect(
            records == [
                ArxivRecord(
                    id: "2607.01234", title: "Sparse Mixture-of-Depths for $\\mathcal{O}(n)$ Long-Context Reasoning",
                    abstract:
                        "We study routing tokens through a variable number of layers. On 1M-token benchmarks we match dense baselines at 0.4x compute & keep $d < 2$.",
                    authors: ["Ada Lovelace", "Alan Turing"], published: CalendarDate("2026-07-02"), categories: ["cs.LG", "cs.CL"]),
                ArxivRecord(
                    id: "2411.06789",
                    title: "LanPaint: Training-Free Diffusion Inpainting with Asymptotically Exact and Fast Conditional Sampling",
                    abstract: "Diffusion models excel at generating images.", authors: ["Candi Zheng", "Yuan Lan"],
                    // 22:00 at UTC-5 is the next day in UTC.
                    published: CalendarDate("2024-11-12"), categories: ["cs.CV", "I.2.6"]),
            ])
    }

    @Test func anEmptyResultIsNoRecords() throws {
        #expect(try ArxivAtomParser.parse(try Self.fixture("empty.xml"), source: "api") == [])
    }

    @Test func anErrorFeedIsAnError() throws {
        let diagnostic = try #require(problem(String(decoding: try Self.fixture("error.xml"), as: UTF8.self)))
        #expect(diagnostic.description.contains("incorrect id format for bad"))
    }

    @Test(arguments: [
        ("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>x", "truncated"),
        ("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>x</entry></feed>", "not well-formed"),
        ("<rss version=\"2.0\"></rss>", "not an Atom feed"),
        ("<feed><entry></entry></feed>", "not an Atom feed"),
        (
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>http://example.org/x</id></entry></feed>",
            "not an arXiv paper"
        ),
        (
            "<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>&x;</id></entry></feed>",
            // The entity is never read: the id is empty.
            "id \"\" is not"
        ),
        ("", "not an Atom feed"),
    ])
    func malformedFeedsAreErrors(text: String, message: String) throws {
        let diagnostic = try #require(problem(text))
        #expect(diagnostic.file == "api")
        #expect(diagnostic.description.contains(message), "\(diagnostic)")
    }
}
