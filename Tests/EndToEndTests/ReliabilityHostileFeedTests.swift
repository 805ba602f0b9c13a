import Foundation
@testable import PaperboyContent
@testable import PaperboyCore
import Testing

/// One case of the hostile-feed catalogue, `Tests/Fixtures/hostile/cases.json`.
///
/// Each case names its feed (a file beside the manifest, or one generated at test time when
/// `generate` is set), what it is about, and its stated outcome: `status` 0 (accepted: `papers`
/// entries on the day, `titles` present exactly, `stderr` the warnings) or 1 (refused: `stderr`
/// the message with `{FILE}` for the feed's name; Content byte-identical afterwards).
struct HostileCase: Codable, Sendable, CustomTestStringConvertible {
    var file: String
    var generate: String?
    var date: String?
    var about: String
    var expect: String
    var status: Int32
    var stderr: [String]
    var papers: Int
    var titles: [String]?

    var testDescription: String { file }
}

enum HostileCatalogue {
    static let folder = Reliability.root.appendingPathComponent("Tests/Fixtures/hostile").path

    static let cases: [HostileCase] = {
        guard let data = FileManager.default.contents(atPath: folder + "/cases.json"),
            let cases = try? JSONDecoder().decode([HostileCase].self, from: data)
        else { return [] }
        return cases
    }()

    static let header = "Get trending papers in your email inbox once a day!\nGet trending papers in your email inbox!\nSubscribe"
    static let threePapers = [
        "Linear Attention for Long Contexts", "Few-Step Diffusion Distillation", "Sparse Mixture of Experts at Scale",
    ]

    /// Puts the case's feed(s) into `workspace`; returns the arguments naming them (and the date).
    static func prepare(_ hostile: HostileCase, in workspace: String, date overrideDate: String? = nil) throws -> [String] {
        let date = overrideDate ?? hostile.date
        let dateArguments = date.map { ["--date", $0] } ?? []
        func write(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: workspace + "/" + name))
        }
        switch hostile.generate {
        case nil:
            try FileManager.default.copyItem(atPath: folder + "/" + hostile.file, toPath: workspace + "/" + hostile.file)
            return [hostile.file] + dateArguments
        case "ten-megabyte-line":
            // 12 * 873,813 + 4 = 10,485,760 bytes on line 4.
            try write(hostile.file, header + "Huge Line Paper\n" + String(repeating: "lorem ipsum ", count: 873_813) + "dolo\n")
        case "line-at-limit":
            try write(hostile.file, header + "Line at the Limit\n" + String(repeating: "word ", count: 19_999) + "words\n")
        case "line-over-limit":
            try write(hostile.file, header + "Line over the Limit\n" + String(repeating: "word ", count: 19_999) + "words!\n")
        case "ten-thousand-entries":
            var text = header
            for index in 1...10_000 {
                text +=
                    "Paper \(index): A Study of Topic \(index)\nAbstract of paper \(index) about diffusion models and language agents.\n"
            }
            try write(hostile.file, text)
        case "pathological-text":
            try write(
                hostile.file,
                [
                    "Parenthesis Bomb", "see http://x.org/" + String(repeating: ")", count: 99_000),
                    "Abbreviation Bomb", String(repeating: "e.g. ", count: 19_000),
                    "Open Parenthesis Bomb",
                    "https://a.b/" + String(repeating: "(", count: 30_000) + " " + String(repeating: "[(", count: 30_000),
                    "Emphasis Bomb", String(repeating: "*_", count: 49_000),
                ].joined(separator: "\n"))
        case "hostile-file-name":
            let name = "<b onmouseover=alert(1)> \"q\" & 'x' #: —\n\(date ?? "2026-12-01").txt"
            try FileManager.default.copyItem(atPath: folder + "/18-crlf.txt", toPath: workspace + "/" + name)
            return [name]
        case "good-and-bad-feeds":
            try FileManager.default.copyItem(atPath: folder + "/18-crlf.txt", toPath: workspace + "/2026-12-01.txt")
            try FileManager.default.copyItem(atPath: folder + "/01-truncated-last-entry.txt", toPath: workspace + "/2026-12-02.txt")
            return ["2026-12-01.txt", "2026-12-02.txt"]
        case let other?:
            throw Reliability.Failure("unknown generator \(other)")
        }
        return [hostile.file] + dateArguments
    }

    /// The dates of a day file and its papers, read back with PaperboyKit.
    static func day(_ content: String, _ date: String) throws -> Day {
        var lines: [Int] = []
        let path = "\(content)/days/\(date).md"
        return try Day(fileText: try FileIO.readText(path), file: path, slugLines: &lines)
    }
}

@Suite("Reliability: hostile feeds")
struct ReliabilityHostileFeedTests {
    @Test("the catalogue has at least 25 cases, each with a stated outcome, and lists every fixture")
    func catalogue() throws {
        let cases = HostileCatalogue.cases
        print(
            "hostile catalogue: \(cases.count) cases, \(cases.filter { $0.status == 0 }.count) accepted, \(cases.filter { $0.status == 1 }.count) refused"
        )
        #expect(cases.count >= 25)
        #expect(Set(cases.map(\.file)).count == cases.count, "file names are unique")
        for hostile in cases {
            #expect(!hostile.about.isEmpty && !hostile.expect.isEmpty, "\(hostile.file)")
            #expect(hostile.status == 0 || hostile.status == 1, "\(hostile.file)")
            if hostile.status == 1 {
                #expect(!hostile.stderr.isEmpty && hostile.papers == 0, "\(hostile.file): a refusal states its message")
            }
            if hostile.status == 0 { #expect(hostile.papers > 0, "\(hostile.file): an acceptance states its paper count") }
            if hostile.generate == nil {
                #expect(FileIO.kind(HostileCatalogue.folder + "/" + hostile.file) == .file, "\(hostile.file) exists")
            }
        }
        let listed = Set(cases.map(\.file))
        for name in FileIO.list(HostileCatalogue.folder) where name != "cases.json" && !name.hasPrefix(".") {
            #expect(listed.contains(name), "\(name) is in cases.json")
        }
    }

    @Test("each hostile feed is accepted or refused as stated", arguments: HostileCatalogue.cases)
    func hostileFeed(_ hostile: HostileCase) throws {
        let workspace = try Reliability.scratch("hostile")
        defer { Reliability.remove(workspace) }
        try Reliability.copy(Reliability.root.appendingPathComponent("Content").path, to: workspace + "/Content")
        let arguments = try HostileCatalogue.prepare(hostile, in: workspace)
        let before = Reliability.snapshot(workspace + "/Content")

        // No time limit: how long a run takes depends on the machine. The readers' growth is checked
        // in FuzzTests (`pathological`), volume by the benchmark (`make bench`).
        let result = try Reliability.run(["ingest"] + arguments + ["--content", "Content"], cwd: workspace)
        #expect(
            result.status == hostile.status,
            "\(hostile.file): \(hostile.expect)\nstdout: \(result.stdout)\nstderr: \(result.stderr.prefix(2000))")
        let fileName = arguments[0]
        for fragment in hostile.stderr {
            let expected = fragment.replacingOccurrences(of: "{FILE}", with: fileName)
            #expect(result.stderr.contains(expected), "\(hostile.file): stderr lacks \(expected)\n\(result.stderr.prefix(2000))")
        }
        let after = Reliability.snapshot(workspace + "/Content")

        if hostile.status != 0 {
            // Every line is `FILE:LINE: message` or `FILE: message`.
            for line in result.stderr.split(separator: "\n") {
                #expect(Reliability.isDiagnostic(line), "\(hostile.file): \(line)")
            }
            #expect(before == after, "\(hostile.file): a refused ingest changed Content: \(Reliability.difference(before, after))")
            return
        }

        // Accepted: only warnings on stderr, nothing that was there before is changed or gone.
        for line in result.stderr.split(separator: "\n") {
            let range = line.range(of: ": warning: ")
            #expect(
                range != nil && Reliability.isDiagnostic(line.replacingCharacters(in: range!, with: ": ")[...]), "\(hostile.file): \(line)")
        }
        for (path, bytes) in before {
            #expect(after[path] == bytes, "\(hostile.file): \(path) was changed or removed")
        }
        let date = hostile.date ?? "2026-12-01"
        let day = try HostileCatalogue.day(workspace + "/Content", date)
        #expect(day.papers.count == hostile.papers, "\(hostile.file): \(hostile.expect)")
        #expect(Set(day.papers).count == day.papers.count, "\(hostile.file): slugs are unique")
        var titles = Set<String>()
        for slug in day.papers {
            #expect(Slug.isValid(slug), "\(hostile.file): slug \(slug)")
            let path = "\(workspace)/Content/papers/\(slug).md"
            let paper = try Paper(fileText: try FileIO.readText(path), file: path)
            titles.insert(paper.title)
        }
        for title in hostile.titles ?? [] {
            #expect(
                titles.contains(title), "\(hostile.file): no paper titled \(title.debugDescription); have \(titles.map(\.debugDescription))"
            )
        }
        if hostile.generate == "hostile-file-name" {
            #expect(day.source == arguments[0], "the file name round-trips in `source`: \(day.source.debugDescription)")
        }
        let check = try Reliability.run(["check", "--content", "Content"], cwd: workspace)
        #expect(check.status == 0, "\(hostile.file): check after ingest\n\(check.stderr.prefix(2000))")

        if hostile.generate == "ten-thousand-entries" {
            // Volume: the 10,000 papers build, one page each.
            try FileManager.default.copyItem(
                atPath: Reliability.root.appendingPathComponent("Templates").path, toPath: workspace + "/Templates")
            let build = try Reliability.run(
                ["build", "--content", "Content", "--templates", "Templates", "--output", "Public", "-q"], cwd: workspace)
            #expect(build.status == 0, "\(build.stderr.prefix(2000))")
            #expect(FileIO.list(workspace + "/Public/papers").count == 10_000 + 281)
        }
    }

    @Test("accepted hostile text is inert in every output: HTML, RSS, Atom, JSON Feed, sitemap, OPML")
    func inertInEveryOutput() throws {
        let workspace = try Reliability.scratch("inert")
        defer { Reliability.remove(workspace) }
        // Every feed item in feed.xml/atom.xml/feed.json, so every hostile title can be found there.
        try Reliability.emptyContent(at: workspace + "/Content", feedItems: 10_000)
        try FileManager.default.copyItem(
            atPath: Reliability.root.appendingPathComponent("Templates").path, toPath: workspace + "/Templates")

        let accepted = HostileCatalogue.cases.filter { $0.status == 0 && $0.generate != "ten-thousand-entries" }
        #expect(accepted.count >= 20)
        var date = CalendarDate("2026-12-01")!
        for hostile in accepted {
            let arguments = try HostileCatalogue.prepare(hostile, in: workspace, date: "\(date)")
            let result = try Reliability.run(["ingest"] + arguments + ["--content", "Content"], cwd: workspace)
            #expect(result.status == 0, "\(hostile.file): \(result.stderr.prefix(1000))")
            date = date.next
        }
        #expect(try Reliability.run(["check", "--content", "Content"], cwd: workspace).status == 0)

        let build = try Reliability.run(
            ["build", "--content", "Content", "--templates", "Templates", "--output", "Public", "-q"], cwd: workspace)
        #expect(build.status == 0, "\(build.stderr.prefix(2000))")

        // Every hostile title, found by its exact text, must come out as that text everywhere.
        let loaded = ContentLoader(content: workspace + "/Content").load()
        #expect(loaded.diagnostics.isEmpty)
        let slugByTitle = Dictionary(loaded.papers.values.map { ($0.title, $0.slug) }, uniquingKeysWith: { a, _ in a })
        var pairs: [(slug: String, title: String)] = []
        for hostile in accepted {
            for title in hostile.titles ?? [] {
                guard let slug = slugByTitle[title] else {
                    Issue.record("\(hostile.file): no paper titled \(title.debugDescription)")
                    continue
                }
                pairs.append((slug, title))
            }
        }
        #expect(pairs.count >= 50)
        let check = try Reliability.checkInert(workspace + "/Public", titles: pairs)
        print("inertness: \(check.stdout.split(separator: "\n").last ?? "")")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")

        // Valid HTML too (docs/content-format.md: valid HTML5), for the pages that carry hostile text.
        let jar = try Validators.requireNuChecker()
        let pages =
            Set(pairs.map(\.slug)).sorted().map { "\(workspace)/Public/papers/\($0)/index.html" }
            + FileIO.list(workspace + "/Public/days").filter { $0.hasPrefix("2026") }.map { "\(workspace)/Public/days/\($0)/index.html" }
        #expect(pages.count >= 50)
        let nu = try CommandResult.run("/usr/bin/env", ["java", "-jar", jar, "--errors-only"] + pages)
        #expect(nu.status == 0, "Nu checker:\n\(nu.stderr.prefix(3000))")
        print("inertness: Nu HTML checker on \(pages.count) pages carrying hostile text: \(nu.status == 0 ? "no errors" : "errors")")
    }
}
