import Foundation
import Testing

/// Content is the user's data: hand edits survive ingest, and a replaced day keeps
/// `first_seen` true. Also the usage errors that exit 2 before anything is read.
@Suite("Hand edits and usage", .serialized)
struct HandEditTests {
    func ingest(_ site: SiteFixture, _ feed: String, date: String, _ extra: [String] = []) throws -> CommandResult {
        try CommandResult.run(
            CommandResult.paperboy, ["ingest", "-", "--date", date, "--content", site.content] + extra, input: Data(feed.utf8))
    }

    @Test("a longer feed text does not replace an abstract edited by hand")
    func handEditedAbstractIsKept() throws {
        let site = try SiteFixture(emptyContent: true)
        defer { site.remove() }
        #expect(try ingest(site, "My Paper\nShort summary.\n", date: "2026-02-01").status == 0)
        let file = site.content + "/papers/my-paper.md"
        try SiteFixture.edit(file) { $0.replacingOccurrences(of: "Short summary.", with: "My *own* notes on it.") }
        let edited = SiteFixture.read(file)
        let result = try ingest(
            site, "My Paper\nA much longer abstract that arrives on the second day, with more words.\n", date: "2026-02-02")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains(site.content + "/papers/my-paper.md: warning: kept the abstract edited by hand"), "\(result.stderr)")
        #expect(SiteFixture.read(file) == edited)

        // An abstract ingest wrote is still upgraded, its old text kept as the summary.
        #expect(try ingest(site, "Other Paper\nShort one.\n", date: "2026-02-03").status == 0)
        #expect(try ingest(site, "Other Paper\nThe full abstract, which is longer than the summary.\n", date: "2026-02-04").status == 0)
        let other = SiteFixture.read(site.content + "/papers/other-paper.md")
        #expect(other.contains("summary: \"Short one.\""))
        #expect(other.hasSuffix("The full abstract, which is longer than the summary.\n"))
    }

    @Test("--replace moves first_seen to the paper's remaining first day")
    func replaceKeepsFirstSeenTrue() throws {
        let site = try SiteFixture(emptyContent: true)
        defer { site.remove() }
        #expect(try ingest(site, "Alpha\nText A.\nBeta\nText B.\n", date: "2026-03-01").status == 0)
        #expect(try ingest(site, "Beta\nText B.\nGamma\nText G.\n", date: "2026-03-02").status == 0)
        let replaced = try ingest(site, "Alpha\nText A.\n", date: "2026-03-01", ["--replace"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(SiteFixture.read(site.content + "/papers/beta.md").contains("first_seen: 2026-03-02"))
        let check = try CommandResult.run(CommandResult.paperboy, ["check", "--content", site.content])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(try site.build().status == 0)
    }

    @Test("check reports a first_seen before any day lists the paper, and a topic listed twice")
    func checkFirstSeenAndTopics() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let file = site.content + "/papers/df40-toward-next-generation-deepfake-detection.md"
        try SiteFixture.edit(file) {
            $0.replacingOccurrences(of: "first_seen: 2026-11-26", with: "first_seen: 2020-01-01\ntopics: [vision, vision]")
        }
        let check = try CommandResult.run(CommandResult.paperboy, ["check", "--content", site.content])
        #expect(check.status == 1)
        #expect(
            check.stderr.contains(
                "df40-toward-next-generation-deepfake-detection.md:4: first_seen is 2020-01-01 but the paper is first listed on 2026-11-26"),
            "\(check.stderr)")
        #expect(check.stderr.contains("df40-toward-next-generation-deepfake-detection.md:5: a topic is listed twice"), "\(check.stderr)")
    }

    @Test("usage errors exit 2 before anything is touched")
    func usageErrors() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        for url in [
            "https://user:pw@example.org/", "ftp://example.org/", "https://example.org/a b/", "https://example.org/index.html",
            "https://example.org:99999/",
        ] {
            let result = try site.build(["--base-url", url])
            #expect(result.status == 2, "\(url): \(result.stderr)")
            #expect(result.stderr.contains("is not a usable base URL"), "\(url)")
        }
        #expect(!FileManager.default.fileExists(atPath: site.output))
        let twice = try CommandResult.run(CommandResult.paperboy, ["ingest", "-", "-", "--content", site.content])
        #expect(twice.status == 2)
        let device = try CommandResult.run(
            CommandResult.paperboy, ["ingest", "/dev/zero", "--date", "2026-05-01", "--content", site.content])
        #expect(device.status == 1)
        #expect(device.stderr.contains("/dev/zero: is not a regular file"))
    }

    @Test("a device linked into Content is refused, not read forever")
    func deviceInContent() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let link = site.content + "/papers/zero.md"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/zero")
        for command in [
            ["check", "--content", site.content],
            ["build", "--content", site.content, "--templates", site.templates, "--output", site.output],
        ] {
            let result = try CommandResult.run(CommandResult.paperboy, command)
            #expect(result.status == 1, "\(command[0]): \(result.stderr)")
            #expect(result.stderr.contains("papers/zero.md: is not a regular file"), "\(command[0]): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: site.output + "/index.html"))
    }

    @Test("www.github.com links are stored with their scheme and shown")
    func wwwGitHub() throws {
        let site = try SiteFixture(emptyContent: true)
        defer { site.remove() }
        #expect(try ingest(site, "Code Paper\nCode at www.github.com/owner/repo.\n", date: "2026-04-01").status == 0)
        #expect(SiteFixture.read(site.content + "/papers/code-paper.md").contains("\"https://www.github.com/owner/repo\""))
        #expect(try site.build().status == 0)
        #expect(
            SiteFixture.read(site.output + "/papers/code-paper/index.html").contains(
                #"<a href="https://www.github.com/owner/repo">Code: owner/repo</a>"#))
    }
}

@Suite("Hand-edited characters")
struct HandEditedCharacterTests {
    @Test("a control character typed into a paper is reported by check and refuses the build")
    func forbiddenCharacters() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let file = site.content + "/papers/df40-toward-next-generation-deepfake-detection.md"
        let original = try SiteFixture.readEarlier(file)
        for (edit, expected) in [
            (original.replacingOccurrences(of: "title: \"DF40", with: "title: \"\\u0001DF40"), ".md:2: `title` holds U+0001"),
            (
                original.replacingOccurrences(of: "first_seen: 2026-11-26", with: "first_seen: 2026-11-26\nauthors: [\"A\\uFDD0\"]"),
                ".md:5: `authors` holds U+FDD0"
            ),
            (original + "Bad \u{85} char\n", ".md:9: the abstract holds U+0085"),
            // CRLF line ends (a file saved on Windows) count the same lines.
            ((original + "Bad \u{85} char\n").replacingOccurrences(of: "\n", with: "\r\n"), ".md:9: the abstract holds U+0085"),
        ] {
            #expect(edit != original, "the edit for \(expected) changed nothing")
            try edit.write(toFile: file, atomically: true, encoding: .utf8)
            let check = try CommandResult.run(CommandResult.paperboy, ["check", "--content", site.content])
            #expect(check.status == 1)
            #expect(check.stderr.contains(expected), "\(check.stderr)")
            #expect(try site.build().status == 1)
        }
    }
}
