import Foundation
import Testing

/// Usage errors: exit status 2, a message, and nothing touched.
@Suite("paperboy ingest usage errors")
struct IngestUsageTests {
    static let cases: [(arguments: [String], message: String)] = [
        (["feed.txt", "--date", "notadate"], "--date notadate is not a date"),
        (["feed.txt", "--date", "2026-02-30"], "--date 2026-02-30 is not a date"),
        (["feed.txt", "--date", "26-11-2026"], "is not a date"),
        (["feed.txt", "other-2026-11-27.txt", "--date", "2026-11-26"], "--date names the day of one feed"),
        (["feed.txt", "--bogus"], "Unknown option '--bogus'"),
        (["feed.txt", "--format", "rss"], "rss"),
        (["--date", "2026-11-26"], "Missing expected argument"),
        (["feed.txt", "--date"], "Missing value for '--date"),
    ]

    @Test(arguments: cases.indices)
    func usageErrorsExit2AndTouchNothing(index: Int) throws {
        let (arguments, message) = Self.cases[index]
        let workspace = try IngestWorkspace()
        try workspace.write("feed.txt", "Paper\nText.\n")
        try workspace.write("other-2026-11-27.txt", "Other\nText.\n")
        try workspace.write("Content/papers/kept.md", "---\ntitle: \"Kept\"\nslug: kept\nfirst_seen: 2026-11-01\n---\n")
        let before = workspace.snapshot()
        let outcome = try workspace.ingest(arguments)
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stderr.contains(message), "\(outcome)")
        #expect(outcome.stdout.isEmpty, "\(outcome)")
        #expect(workspace.snapshot().differences(from: before) == [])
    }

    @Test func unknownCommandAndOptionsOfOtherCommands() throws {
        let workspace = try IngestWorkspace()
        #expect(try workspace.paperboy(["frobnicate"]).status == 2)
        #expect(try workspace.paperboy(["check", "--bogus"]).status == 2)
        #expect(!workspace.exists("Content"))
    }

    @Test("--help prints the usage and exits 0")
    func help() throws {
        let workspace = try IngestWorkspace()
        let help = try workspace.paperboy(["ingest", "--help"])
        #expect(help.status == 0, "\(help)")
        #expect(help.stdout.contains("--replace"), "\(help)")
        #expect(!workspace.exists("Content"))
    }

    @Test("A single-letter Content folder name")
    func singleLetterContentFolder() throws {
        let workspace = try IngestWorkspace()
        try workspace.write("feed.txt", "Paper\nText.\n")
        let outcome = try workspace.paperboy(["ingest", "feed.txt", "--date", "2026-11-26", "--content", "C"])
        #expect(outcome.status == 0, "\(outcome.status)")
        #expect(workspace.files(in: "C/papers") == ["paper.md"])
    }
}
