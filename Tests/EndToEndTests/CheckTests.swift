import Foundation
@testable import PaperboyCore
import Testing

/// `paperboy check`: every problem in Content with file and line, exit 1 if there is any.
extension Array where Element == UInt8 {
    /// The bytes with every U+FFFD (EF BF BD) replaced by a lone 0xFF, which is never UTF-8.
    func replacingFFFD() -> [UInt8] {
        var result: [UInt8] = []
        var index = 0
        while index < count {
            if index + 2 < count, self[index] == 0xEF, self[index + 1] == 0xBF, self[index + 2] == 0xBD {
                result.append(0xFF)
                index += 3
            } else {
                result.append(self[index])
                index += 1
            }
        }
        return result
    }
}

@Suite("paperboy check")
struct CheckTests {
    /// Content with the sample ingested and the site files check requires.
    func goodContent() throws -> IngestWorkspace {
        let workspace = try IngestWorkspace()
        try workspace.write("trending-2026-11-26.txt", bytes: try SampleFeed.bytes())
        #expect(try workspace.ingest(["trending-2026-11-26.txt"]).status == 0)
        try workspace.writeSiteFiles()
        return workspace
    }

    func check(_ workspace: IngestWorkspace) throws -> PaperboyProcess.Outcome {
        try workspace.paperboy(["check", "--content", "Content"])
    }

    @Test func goodContentPasses() throws {
        let workspace = try goodContent()
        let before = workspace.snapshot()
        #expect(before.holdsFiles, "\(before)")
        let outcome = try check(workspace)
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout == "Content: 1 days, 281 papers, no problems\n")
        #expect(outcome.stderr == "")
        // Without --content, Content is the default.
        let byDefault = try workspace.paperboy(["check"])
        #expect(byDefault.status == 0, "\(byDefault)")
        #expect(workspace.snapshot().differences(from: before) == [])
    }

    @Test func severalDaysPass() throws {
        let workspace = try IngestWorkspace()
        let entries = try SampleFeed.entries()
        try workspace.write("feeds/t-2026-11-26.txt", SampleFeed.text(entries[0..<120]))
        try workspace.write("feeds/t-2026-11-27.txt", SampleFeed.text(entries[100..<200]))
        #expect(try workspace.ingest(["feeds/t-2026-11-26.txt", "feeds/t-2026-11-27.txt"]).status == 0)
        try workspace.writeSiteFiles()
        let outcome = try check(workspace)
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout == "Content: 2 days, 200 papers, no problems\n")
    }

    @Test func handEditedFilesWithWindowsLineEndingsPass() throws {
        let workspace = try goodContent()
        let slug = try workspace.day("2026-11-26").papers[0]
        for file in ["Content/papers/\(slug).md", "Content/days/2026-11-26.md", "Content/site.yml"] {
            try workspace.edit(file) { $0.replacingOccurrences(of: "\n", with: "\r\n") }
        }
        let outcome = try check(workspace)
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout == "Content: 1 days, 281 papers, no problems\n")
    }

    /// One problem planted in good Content: the file to change, how, and the exact `FILE:LINE: ` and message part.
    static let breakages: [(name: String, file: String, edit: @Sendable (String) -> String, prefix: String, message: String)] = [
        (
            "unclosed quote", "papers/drop-upcycling-training-sparse-mixture-of-experts-with-partial-re-initialization.md",
            { $0.replacingOccurrences(of: "title: \"Drop-Upcycling", with: "title: \"Drop-Upcycling\\q") },
            "papers/drop-upcycling-training-sparse-mixture-of-experts-with-partial-re-initialization.md:2: ", "unknown escape"
        ),
        (
            "front matter never closed", "papers/df40-toward-next-generation-deepfake-detection.md",
            { $0.replacingOccurrences(of: "\n---\n", with: "\n") },
            "papers/df40-toward-next-generation-deepfake-detection.md:", "front matter is not closed"
        ),
        (
            "no front matter", "papers/df40-toward-next-generation-deepfake-detection.md",
            { _ in "Just some text.\n" },
            "papers/df40-toward-next-generation-deepfake-detection.md:1: ", "expected front matter"
        ),
        (
            "bad indentation", "papers/df40-toward-next-generation-deepfake-detection.md",
            { $0.replacingOccurrences(of: "\nslug:", with: "\n   slug:") },
            "papers/df40-toward-next-generation-deepfake-detection.md:3: ", "indentation"
        ),
        (
            "slug does not match file name", "papers/df40-toward-next-generation-deepfake-detection.md",
            { $0.replacingOccurrences(of: "slug: df40-toward-next-generation-deepfake-detection", with: "slug: df40") },
            "papers/df40-toward-next-generation-deepfake-detection.md:3: ", "slug \"df40\" does not match the file name"
        ),
        (
            "invalid slug", "papers/df40-toward-next-generation-deepfake-detection.md",
            { $0.replacingOccurrences(of: "slug: df40-toward-next-generation-deepfake-detection", with: "slug: DF40_Toward") },
            "papers/df40-toward-next-generation-deepfake-detection.md:3: ", "may only hold a-z"
        ),
        (
            "invalid first_seen", "papers/df40-toward-next-generation-deepfake-detection.md",
            { $0.replacingOccurrences(of: "first_seen: 2026-11-26", with: "first_seen: 2026-02-30") },
            "papers/df40-toward-next-generation-deepfake-detection.md:4: ", "`first_seen` \"2026-02-30\" is not a date"
        ),
        (
            "first_seen after the day that lists it", "papers/df40-toward-next-generation-deepfake-detection.md",
            { $0.replacingOccurrences(of: "first_seen: 2026-11-26", with: "first_seen: 2026-12-01") },
            "days/2026-11-26.md:10: ", "listed on 2026-11-26 but its first_seen is 2026-12-01"
        ),
        (
            "missing title", "papers/df40-toward-next-generation-deepfake-detection.md",
            { $0.replacingOccurrences(of: "title: \"DF40: Toward Next-Generation Deepfake Detection\"\n", with: "") },
            "papers/df40-toward-next-generation-deepfake-detection.md:1: ", "missing `title`"
        ),
        (
            "unknown hand-added topic", "papers/df40-toward-next-generation-deepfake-detection.md",
            { $0.replacingOccurrences(of: "first_seen: 2026-11-26\n", with: "first_seen: 2026-11-26\ntopics: [astrology]\n") },
            "papers/df40-toward-next-generation-deepfake-detection.md:5: ", "topic \"astrology\" is not defined"
        ),
        (
            "day lists a missing paper", "days/2026-11-26.md",
            { $0.replacingOccurrences(of: "  - df40-toward-next-generation-deepfake-detection\n", with: "  - no-such-paper\n") },
            "days/2026-11-26.md:10: ", "paper no-such-paper does not exist"
        ),
        (
            "day lists a paper twice", "days/2026-11-26.md",
            {
                $0.replacingOccurrences(
                    of: "  - df40-toward-next-generation-deepfake-detection\n",
                    with: "  - lanpaint-training-free-diffusion-inpainting-with-asymptotically-exact-and-fast\n")
            },
            "days/2026-11-26.md:10: ", "is listed twice"
        ),
        (
            "day date does not match its name", "days/2026-11-26.md",
            { $0.replacingOccurrences(of: "date: 2026-11-26", with: "date: 2026-11-25") },
            "days/2026-11-26.md:2: ", "date 2026-11-25 does not match the file name"
        ),
        (
            "day date on another line does not match its name", "days/2026-11-26.md",
            {
                $0.replacingOccurrences(of: "date: 2026-11-26\n", with: "").replacingOccurrences(
                    of: "\n---\n", with: "\ndate: 2026-11-24\n---\n")
            },
            "days/2026-11-26.md:285: ", "date 2026-11-24 does not match the file name"
        ),
        (
            "day date invalid", "days/2026-11-26.md",
            { $0.replacingOccurrences(of: "date: 2026-11-26", with: "date: 2026-13-26") },
            "days/2026-11-26.md:2: ", "`date` is not a date"
        ),
        (
            "day entry not a slug", "days/2026-11-26.md",
            { $0.replacingOccurrences(of: "  - df40-toward-next-generation-deepfake-detection\n", with: "  - Not A Slug\n") },
            "days/2026-11-26.md:10: ", "must be a paper slug"
        ),
        (
            "day front matter with a tab", "days/2026-11-26.md",
            {
                $0.replacingOccurrences(
                    of: "  - df40-toward-next-generation-deepfake-detection\n", with: "\t- df40-toward-next-generation-deepfake-detection\n"
                )
            },
            "days/2026-11-26.md:10: ", "tab used for indentation"
        ),
        (
            "invalid UTF-8 in a paper", "papers/df40-toward-next-generation-deepfake-detection.md",
            { $0.replacingOccurrences(of: "first_seen: 2026-11-26", with: "first_seen: 2026-11-26\nsummary: \"caf\u{FFFD}\"") },
            "papers/df40-toward-next-generation-deepfake-detection.md:5: ", "not valid UTF-8"
        ),
        (
            "site.yml base_url", "site.yml",
            { $0.replacingOccurrences(of: "base_url: \"https://example.org/archive/\"", with: "base_url: \"example.org\"") },
            "site.yml:3: ", "`base_url`: example.org is not a usable base URL"
        ),
        (
            "topics.yml duplicate", "topics.yml",
            { $0 + "\n  - slug: diffusion\n    name: Again\n    phrases: [x]\n" },
            "topics.yml:8: ", "defined twice"
        ),
    ]

    @Test(arguments: breakages.indices)
    func aProblemIsReportedWithFileAndLine(index: Int) throws {
        let breakage = Self.breakages[index]
        let workspace = try goodContent()
        let file = "Content/" + breakage.file
        let original = workspace.read(file)
        let edited = breakage.edit(original)
        try #require(edited != original, "the edit for \(breakage.name) changed nothing")
        // U+FFFD marks where a byte that is not UTF-8 goes.
        try workspace.write(file, bytes: Array(edited.utf8).replacingFFFD())
        let before = workspace.snapshot()
        let outcome = try check(workspace)
        #expect(outcome.status == 1, "\(breakage.name): \(outcome)")
        let prefix = "Content/" + breakage.prefix
        #expect(outcome.problems.contains { $0.hasPrefix(prefix) && $0.contains(breakage.message) }, "\(breakage.name): \(outcome)")
        #expect(outcome.problems.last?.hasPrefix("Content: ") == true && outcome.problems.last?.hasSuffix(" found") == true, "\(outcome)")
        #expect(outcome.stdout == "")
        #expect(workspace.snapshot().differences(from: before) == [], "check must not change Content")
    }

    @Test func twoFilesWithOneIdentity() throws {
        let workspace = try goodContent()
        // The same title in other case and spacing, under another slug.
        try workspace.write(
            "Content/papers/df40-again.md",
            """
            ---
            title: "df40:  toward next-generation DEEPFAKE detection"
            slug: df40-again
            first_seen: 2026-11-26
            ---

            """)
        // The same arXiv id in two files.
        try workspace.write(
            "Content/papers/x-one.md", "---\ntitle: \"X One\"\nslug: x-one\nfirst_seen: 2026-11-26\narxiv: 2502.12345v2\n---\n")
        try workspace.write(
            "Content/papers/x-two.md", "---\ntitle: \"X Two\"\nslug: x-two\nfirst_seen: 2026-11-26\narxiv: \"arXiv:2502.12345\"\n---\n")
        let outcome = try check(workspace)
        #expect(outcome.status == 1, "\(outcome)")
        let sameTitle = outcome.problems.filter { $0.contains("same paper as") && $0.contains("(same title)") }
        #expect(sameTitle.count == 1, "\(outcome)")
        #expect(sameTitle.first.map { $0.hasPrefix("Content/papers/df40-") && $0.contains(":2: ") } == true, "\(outcome)")
        let sameArxiv = outcome.problems.filter { $0.contains("same arXiv id 2502.12345") }
        #expect(
            sameArxiv == ["Content/papers/x-two.md:5: same arXiv id 2502.12345 as Content/papers/x-one.md; merge the two files"],
            "\(outcome)")
        #expect(outcome.problems.last == "Content: 2 problems found")
    }

    @Test func everyProblemIsListed() throws {
        let workspace = try goodContent()
        let df40 = "Content/papers/df40-toward-next-generation-deepfake-detection.md"
        try workspace.edit(df40) { $0.replacingOccurrences(of: "first_seen: 2026-11-26", with: "first_seen: 2026-11-31") }
        let drop = "Content/papers/drop-upcycling-training-sparse-mixture-of-experts-with-partial-re-initialization.md"
        try workspace.edit(drop) { $0.replacingOccurrences(of: "slug: drop-upcycling", with: "slug: dropped-upcycling") }
        try workspace.write("Content/days/2026-11-27.md", "---\ndate: 2026-11-27\npapers:\n  - ghost-paper\n  - another-ghost\n---\n")
        try workspace.write("Content/days/notes.md", "Not a day.\n")
        try workspace.write("Content/papers/README.txt", "Not a paper.\n")
        let before = workspace.snapshot()
        #expect(before.holdsFiles, "\(before)")
        let outcome = try check(workspace)
        #expect(outcome.status == 1, "\(outcome)")
        let expected = [
            "Content/papers/README.txt: not a paper file",
            "\(df40):4: `first_seen` \"2026-11-31\" is not a date",
            "\(drop):3: slug \"dropped-upcycling-training-sparse-mixture-of-experts-with-partial-re-initialization\" does not match the file name",
            "Content/days/2026-11-27.md:4: paper ghost-paper does not exist",
            "Content/days/2026-11-27.md:5: paper another-ghost does not exist",
            "Content/days/notes.md: not a day file",
        ]
        for problem in expected {
            #expect(outcome.problems.contains { $0.hasPrefix(problem) }, "missing \(problem)\n\(outcome)")
        }
        // The day that lists the two papers whose files are broken still names them, but as existing files.
        #expect(outcome.problems.last == "Content: \(outcome.problems.count - 1) problems found", "\(outcome)")
        #expect(outcome.problems.count - 1 >= expected.count)
        #expect(workspace.snapshot().differences(from: before) == [])
    }

    @Test func missingSiteFilesAreProblems() throws {
        let workspace = try IngestWorkspace()
        try workspace.write("feed.txt", "Paper\nText.\n")
        #expect(try workspace.ingest(["feed.txt", "--date", "2026-11-26"]).status == 0)
        let outcome = try check(workspace)
        #expect(outcome.status == 1)
        #expect(outcome.problems.contains { $0.hasPrefix("Content/site.yml: ") }, "\(outcome)")
        #expect(outcome.problems.contains { $0.hasPrefix("Content/topics.yml: ") }, "\(outcome)")
        #expect(outcome.problems.last == "Content: 2 problems found")
    }

    @Test func aLockedContentFolder() throws {
        let workspace = try goodContent()
        let lock = try DirectoryLock(workspace.path("Content"), purpose: "testing")
        let outcome = try check(workspace)
        withExtendedLifetime(lock) {}
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.problems.first?.hasPrefix("Content: another paperboy is") == true, "\(outcome)")
    }

    @Test func noContentFolder() throws {
        let workspace = try IngestWorkspace()
        let outcome = try workspace.paperboy(["check", "--content", "Nowhere"])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.problems.first == "Nowhere: no Content folder here (use --content DIR)")
        #expect(!workspace.exists("Nowhere"))
    }
}
