import Foundation
@testable import PaperboyContent
@testable import PaperboyCore
import Testing

/// Content edited by hand and got wrong: `check` and `build` report every problem with its file
/// and line, the build refuses (exit 1) and leaves the previous output in place, and nothing in
/// Content is changed or deleted (an ingest refuses too).
@Suite("Reliability: hand edits")
struct ReliabilityHandEditTests {
    /// One broken edit: what to do to the bundled Content, and the diagnostics it must produce.
    struct Edit: Sendable, CustomTestStringConvertible {
        var name: String
        /// Changes the Content folder; returns the diagnostics (`FILE:LINE: message`) expected.
        var apply: @Sendable (_ content: String) throws -> [String]
        var testDescription: String { name }
    }

    static let dayFile = "days/2026-11-26.md"

    /// The first paper listed on the bundled day, and another.
    static func twoPapers(_ content: String) throws -> (String, String) {
        var lines: [Int] = []
        let day = try Day(fileText: try FileIO.readText(content + "/" + dayFile), file: dayFile, slugLines: &lines)
        return (day.papers[0], day.papers[1])
    }

    static func write(_ text: String, _ path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func brokenFrontMatter(_ content: String) throws -> [String] {
        let (slug, _) = try twoPapers(content)
        let path = "\(content)/papers/\(slug).md"
        // The title's closing quote deleted (the title is on line 2).
        let lines = try FileIO.readText(path).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("title: \"") ? String($0.dropLast()) : String($0) }
        try write(lines.joined(separator: "\n"), path)
        return ["Content/papers/\(slug).md:2: a quoted string is not closed on its line"]
    }

    static func unclosedFrontMatter(_ content: String) throws -> [String] {
        let (_, slug) = try twoPapers(content)
        let path = "\(content)/papers/\(slug).md"
        let text = try FileIO.readText(path)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let closing = lines.dropFirst().firstIndex(of: "---")!
        try write(lines.enumerated().filter { $0.offset != closing }.map(\.element).joined(separator: "\n"), path)
        return ["Content/papers/\(slug).md:", "front matter is not closed: add a `---` line after it"]
    }

    static func missingSlug(_ content: String) throws -> [String] {
        let path = content + "/" + dayFile
        var lines = try FileIO.readText(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let closing = lines.dropFirst().firstIndex(of: "---")!
        lines.insert("  - no-such-paper", at: closing)
        try write(lines.joined(separator: "\n"), path)
        return ["Content/\(dayFile):\(closing + 1): paper no-such-paper does not exist (no papers/no-such-paper.md)"]
    }

    static func slugClaimedTwice(_ content: String) throws -> [String] {
        let (slug, _) = try twoPapers(content)
        // A second file whose `slug:` names the first file's slug (a copy renamed by hand, retitled).
        try write(
            "---\ntitle: \"A Different Paper\"\nslug: \(slug)\nfirst_seen: 2026-11-26\n---\nText.\n", "\(content)/papers/copy-of-\(slug).md"
        )
        return ["Content/papers/copy-of-\(slug).md:3: slug \"\(slug)\" does not match the file name copy-of-\(slug).md"]
    }

    static let edits: [Edit] = [
        Edit(name: "broken front matter (text after a closing quote)", apply: brokenFrontMatter),
        Edit(name: "front matter without its closing ---", apply: unclosedFrontMatter),
        Edit(name: "a day listing a slug that does not exist", apply: missingSlug),
        Edit(name: "two papers claiming one slug", apply: slugClaimedTwice),
        Edit(
            name: "all of them at once",
            apply: { content in
                try brokenFrontMatter(content) + unclosedFrontMatter(content) + missingSlug(content) + slugClaimedTwice(content)
            }),
    ]

    @Test(
        "check and build report the edit with file and line; the build refuses and keeps the previous site; nothing is deleted",
        arguments: edits)
    func handEdit(_ edit: Edit) throws {
        let workspace = try Reliability.scratch("hand-edit")
        defer { Reliability.remove(workspace) }
        try Reliability.copy(Reliability.root.appendingPathComponent("Content").path, to: workspace + "/Content")
        try Reliability.copy(Reliability.root.appendingPathComponent("Templates").path, to: workspace + "/Templates")
        let build = ["build", "--content", "Content", "--templates", "Templates", "--output", "Public", "-q"]
        #expect(try Reliability.run(build, cwd: workspace).status == 0)
        let site = Reliability.snapshot(workspace + "/Public")
        Reliability.expectWhole(site, "\(edit.name): the previous site")

        let expected = try edit.apply(workspace + "/Content")
        let content = Reliability.snapshot(workspace + "/Content")
        Reliability.expectWhole(content, "\(edit.name): the edited Content")

        let check = try Reliability.run(["check", "--content", "Content"], cwd: workspace)
        #expect(check.status == 1, "\(edit.name): \(check)")
        let built = try Reliability.run(build, cwd: workspace)
        #expect(built.status == 1, "\(edit.name): \(built)")
        let ingest = try Reliability.run(
            ["ingest", "-", "--date", "2026-12-01", "--content", "Content"], cwd: workspace, input: Data("A Title\nA text.\n".utf8))
        #expect(ingest.status == 1, "\(edit.name): \(ingest)")
        for fragment in expected {
            #expect(check.stderr.contains(fragment), "\(edit.name): check lacks \(fragment)\n\(check.stderr)")
            #expect(built.stderr.contains(fragment), "\(edit.name): build lacks \(fragment)\n\(built.stderr)")
            #expect(ingest.stderr.contains(fragment), "\(edit.name): ingest lacks \(fragment)\n\(ingest.stderr)")
        }
        // Every problem line names a file (and a line where one applies).
        for line in (check.stderr + built.stderr).split(separator: "\n") where line.hasPrefix("Content/") {
            #expect(Reliability.isDiagnostic(line.dropFirst(10)), "\(line)")
        }
        let problems = check.stderr.split(separator: "\n").filter { $0.hasPrefix("Content/") }.count
        #expect(problems >= expected.filter { $0.range(of: #"\.md:\d+: "#, options: .regularExpression) != nil }.count, "\(check.stderr)")

        let siteAfter = Reliability.snapshot(workspace + "/Public")
        let siteKept = siteAfter == site
        #expect(siteKept, "\(edit.name): the refused build touched the previous site: \(Reliability.difference(site, siteAfter))")
        let contentAfter = Reliability.snapshot(workspace + "/Content")
        let contentKept = contentAfter == content
        #expect(contentKept, "\(edit.name): Content changed: \(Reliability.difference(content, contentAfter))")
    }
}
