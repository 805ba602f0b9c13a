import Foundation
import Testing

/// The progress line: on a terminal (a pseudo-terminal made by `script`) one updating line says
/// how far a build or an ingest has come; on a pipe, in CI, with --verbose or --quiet, the output
/// is the plain one.
@Suite("progress and quiet")
struct ProgressTests {
    /// Runs `paperboy arguments...` in `folder` on a pseudo-terminal; what the terminal showed.
    func onTerminal(_ arguments: [String], in folder: String, ci: Bool = false) throws -> CommandResult {
        var environment = TestEnvironment.environment(cache: "off")
        environment["CI"] = ci ? "true" : nil
        environment["TERM"] = "xterm"
        let command = ([CommandResult.paperboy] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try CommandResult.run("/usr/bin/script", ["-qec", command, "/dev/null"], cwd: folder, environment: environment)
    }

    static let erase = "\r\u{1B}[2K"

    @Test func aBuildOnATerminalShowsOneUpdatingLineThenItsSummary() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let folder = site.folder.path
        let shown = try onTerminal(["build", "--output", "Public"], in: folder)
        #expect(shown.status == 0, "\(shown.stdout)")
        #expect(shown.stdout.contains(Self.erase + "[1/12] Load content · "), "\(shown.stdout.debugDescription)")
        #expect(shown.stdout.contains(Self.erase + "Rendering and writing pages: 0 of "), "\(shown.stdout.debugDescription)")
        #expect(shown.stdout.range(of: #"Rendering and writing pages: (\d+) of \1 · "#, options: .regularExpression) != nil)
        // The line is erased before the summary, and the steps' own lines are not printed.
        #expect(shown.stdout.contains(Self.erase + "Topics: "), "\(shown.stdout.debugDescription)")
        #expect(!shown.stdout.contains("[1/12] Load content: "))

        let verbose = try onTerminal(["build", "--output", "Public", "--verbose"], in: folder)
        #expect(verbose.stdout.contains("[1/12] Load content: ") && !verbose.stdout.contains(Self.erase))
        let ci = try onTerminal(["build", "--output", "Public"], in: folder, ci: true)
        #expect(ci.stdout.contains("[1/12] Load content: ") && !ci.stdout.contains(Self.erase))
        let quiet = try onTerminal(["build", "--output", "Public", "--quiet"], in: folder)
        #expect(quiet.status == 0 && quiet.stdout.isEmpty, "\(quiet.stdout.debugDescription)")
        // On a pipe: as ever, a line per step and the summary.
        let piped = try site.build()
        #expect(piped.stdout.contains("[8/12] Render and write pages: ") && !piped.stdout.contains("\u{1B}"))
    }

    @Test func anIngestOfManyFeedsCountsThemAndQuietKeepsOnlyProblems() throws {
        let workspace = try IngestWorkspace()
        for day in 1...5 {
            try workspace.write("feeds/trending-2026-11-0\(day).txt", "Paper \(day)\nIts text.\nShared paper\nText.\n")
        }
        try workspace.write("feeds/trending-2026-11-06.txt", "Paper 6\nIts text.\nPaper 6\nAgain.\n")
        let names = (1...6).map { "feeds/trending-2026-11-0\($0).txt" }
        let shown = try onTerminal(["ingest"] + names + ["--content", "Content"], in: workspace.url.path)
        #expect(shown.status == 0, "\(shown.stdout)")
        #expect(shown.stdout.contains(Self.erase + "Reading feeds: 0 of 6"), "\(shown.stdout.debugDescription)")
        #expect(shown.stdout.contains("Ingesting days: 6 of 6"), "\(shown.stdout.debugDescription)")
        #expect(shown.stdout.contains(Self.erase + "feeds/trending-2026-11-06.txt:3: warning:"))
        #expect(shown.stdout.contains("2026-11-01: 2 entries"))

        try workspace.write("feeds/trending-2026-11-07.txt", "Paper 7\nIts text.\nPaper 7\nAgain.\n")
        let quiet = try workspace.ingest(["feeds/trending-2026-11-07.txt", "--quiet"])
        #expect(quiet.status == 0 && quiet.stdout.isEmpty)
        // A problem is still said.
        #expect(quiet.stderr.contains("is listed again"), "\(quiet.stderr)")
    }
}
