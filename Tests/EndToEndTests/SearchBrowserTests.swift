import Foundation
import PaperboyCore
import Testing

/// The search page in headless Chromium (`Tests/Validation/search_check.py`; Chromium, its
/// driver and Selenium come from `scripts/ensure-deps.sh test`), on the benchmark's medium
/// corpus plus a day with a known paper (an arXiv id, authors) and one whose title is markup:
/// served at a domain root and under a sub-path on 127.0.0.1 (by the script, which stops its
/// server with itself), and opened from `file://`.
@Suite("Search in a browser", .serialized)
struct SearchBrowserTests {
    static let script = SiteFixture.repositoryRoot.appendingPathComponent("Tests/Validation/search_check.py").path
    static let python = "/usr/bin/python3"

    @Test("words, prefixes, filters, ids, no match and hostile text; the URL, the keyboard, the first query's bytes")
    func searchesTheMediumCorpus() throws {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver", Self.python] where !FileManager.default.isExecutableFile(atPath: tool) {
            Issue.record("\(tool) is missing: run scripts/ensure-deps.sh test")
            return
        }
        let site = try SiteFixture(emptyContent: true)
        defer { site.remove() }
        var feeds = try Reliability.corpus(days: 100, perDay: 100, into: site.folder.appendingPathComponent("corpus").path)
        let lastDay = try #require(CalendarDate(String(URL(fileURLWithPath: feeds.max()!).lastPathComponent.prefix(10))))
        let extra = site.folder.appendingPathComponent("\(lastDay.next).txt").path
        let hostileTitle = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\"> Wombat </script> & \"quoted\""
        try """
        Quokka Telemetry Distillation for Sparse Routers
        We study quokka telemetry and distil sparse routers into small students.
        \(hostileTitle)
        A hostile title must stay text wherever it is shown, in the wombat results too.

        """.write(toFile: extra, atomically: true, encoding: .utf8)
        feeds.append(extra)
        let environment = TestEnvironment.environment(cache: "off")
        let ingest = try CommandResult.run(CommandResult.paperboy, ["ingest", "--content", site.content] + feeds, environment: environment)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let day = try String(contentsOfFile: site.content + "/days/\(lastDay.next).md", encoding: .utf8)
        let slugs = day.split(separator: "\n").filter { $0.hasPrefix("  - ") }.map { String($0.dropFirst(4)) }
        try #require(slugs.count == 2, "\(day)")
        // A hand edit gives the known paper an arXiv id and authors.
        let paperFile = site.content + "/papers/\(slugs[0]).md"
        let paper = try String(contentsOfFile: paperFile, encoding: .utf8)
        try paper.replacingOccurrences(
            of: "first_seen: \(lastDay.next)\n", with: "first_seen: \(lastDay.next)\narxiv: 2404.04321\nauthors: [\"Ada Lovelace\"]\n"
        ).write(toFile: paperFile, atomically: true, encoding: .utf8)

        let served = site.folder.appendingPathComponent("www").path
        for (output, baseURL) in [
            (served + "/sub", "http://127.0.0.1/sub/"), (site.folder.appendingPathComponent("root").path, "http://127.0.0.1/"),
        ] {
            let build = try CommandResult.run(
                CommandResult.paperboy, ["build", "--content", site.content, "--output", output, "--base-url", baseURL],
                environment: environment)
            #expect(build.status == 0, "\(build.stderr)")
        }
        let expect: [String: Any] = [
            "known": ["slug": slugs[0], "words": ["quokka", "telemetry"], "arxiv": "2404.04321"],
            "hostile": ["slug": slugs[1], "word": "wombat"],
            "common": "diffusion",
            // The budget of the large corpus: the first query's cost does not grow with the archive.
            "budget": ["bytes": 150 * 1024, "requests": 6],
        ]
        let expectFile = site.folder.appendingPathComponent("expect.json").path
        try JSONSerialization.data(withJSONObject: expect).write(to: URL(fileURLWithPath: expectFile))

        var browserEnvironment = ProcessInfo.processInfo.environment
        browserEnvironment["HOME"] = site.folder.path  // Chromium's profile and caches, removed with the site
        for (folder, path, extraArguments) in [
            (site.folder.appendingPathComponent("root").path, "/", [String]()), (served, "/sub/", []), (served, "/sub/", ["--file"]),
        ] {
            let browser = try SpawnedProcess(
                Self.python, [Self.script, folder, path, expectFile] + extraArguments, environment: browserEnvironment)
            let status = browser.wait(seconds: 240)
            if status == nil { browser.kill(SIGKILL) }
            print("search at \(path)\(extraArguments.isEmpty ? "" : " from file://"), in Chromium:\n" + browser.stdout)
            #expect(status == 0, "\(path) \(extraArguments): \(browser.stdout)\n\(browser.stderr)")
        }
    }
}
