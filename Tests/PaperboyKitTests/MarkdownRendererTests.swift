import Dispatch
import Foundation
@testable import PaperboyMarkdown
import Testing

@Suite("MarkdownRenderer")
struct MarkdownRendererTests {
    let renderer = MarkdownRenderer()

    @Test func extensionsAreOn() {
        #expect(renderer.html("see https://example.org now") == "<p>see <a href=\"https://example.org\">https://example.org</a> now</p>\n")
        #expect(renderer.html("~~gone~~") == "<p><del>gone</del></p>\n")
        #expect(renderer.html("| a | b |\n|---|---|\n| 1 | 2 |\n").contains("<table>"))
    }

    @Test func rawHTMLAndDangerousLinksAreDropped() {
        #expect(!renderer.html("<script>alert(1)</script>").contains("<script"))
        #expect(!renderer.html("a <b onclick=\"x\">b</b>").contains("onclick"))
        #expect(!renderer.html("[x](javascript:alert(1))").contains("javascript:"))
    }

    /// cmark-gfm keeps the characters its extensions react to (`:`, `w`, `~`, ...) in one
    /// process-wide table that every parser adds to and removes from: parsing on several
    /// threads at once must still give what parsing alone gives.
    @Test func renderingOnManyThreadsGivesTheSameHTML() throws {
        let texts =
            try TestFixtures.sampleEntries().map { PlainTextMarkdown.escape($0.text) }
            + ["https://github.com/a/b and ~~x~~ and www.example.com", "| a | b |\n|---|---|\n| https://x.org | ~y~ |\n"]
        let expected = texts.map { renderer.html($0) }
        let rounds = 12
        let total = texts.count * rounds
        let results = Results(count: total)
        let shared = renderer
        DispatchQueue.concurrentPerform(iterations: total) { index in
            results.set(index, shared.html(texts[index % texts.count]))
        }
        var mismatches = 0
        for index in 0..<total where results.get(index) != expected[index % texts.count] { mismatches += 1 }
        #expect(mismatches == 0, "\(mismatches) of \(total) renders differ from a render on one thread")
    }
}

/// Results written from many threads, one slot each.
final class Results: @unchecked Sendable {
    private var values: [String]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: "", count: count) }
    func set(_ index: Int, _ value: String) { lock.withLock { values[index] = value } }
    func get(_ index: Int) -> String { lock.withLock { values[index] } }
}
