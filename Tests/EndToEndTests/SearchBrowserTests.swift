import Foundation
import PaperboyContent
import PaperboyCore
@testable import PaperboySearch
import PaperboySite
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

    /// Whether Chromium, its driver and Python are there; an issue names the one missing.
    static func browserIsInstalled() -> Bool {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver", python] where !FileManager.default.isExecutableFile(atPath: tool) {
            Issue.record("\(tool) is missing: run scripts/ensure-deps.sh test")
            return false
        }
        return true
    }

    @Test("words, prefixes, filters, ids, no match and hostile text; the URL, the keyboard, the first query's bytes")
    func searchesTheMediumCorpus() throws {
        guard Self.browserIsInstalled() else { return }
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

    /// The bundled archive's site with its search index made again in blocks of 32 papers
    /// (9 blocks), so that papers with a word in the title lie in older blocks than papers with
    /// it elsewhere. Every page of results, "More results" after "More results", must be the
    /// start of the order worked out here from the papers' words: more query words in the
    /// title first, then newer.
    @Test("titles first, then newest, across blocks: on every page of More results")
    func titlesComeFirstAcrossBlocks() throws {
        guard Self.browserIsInstalled() else { return }
        let site = try SiteFixture(emptyContent: true)
        defer { site.remove() }
        let content = SiteFixture.repositoryRoot.appendingPathComponent("Content").path
        let output = site.folder.appendingPathComponent("root").path
        let build = try CommandResult.run(
            CommandResult.paperboy, ["build", "--content", content, "--output", output, "--base-url", "http://127.0.0.1/"],
            environment: TestEnvironment.environment(cache: "off"))
        try #require(build.status == 0, "\(build.stderr)")

        let loaded = ContentLoader(content: content, needsDerived: true, contentCache: nil).load()
        let index = SearchIndex(
            model: SiteModel(archive: try #require(loaded.archive)),
            layout: SearchIndex.Layout(subBlockSize: 16, subBlocksPerBlock: 2, shardSize: 8, keyBuckets: 8))
        let folder = output + "/" + SearchIndex.folder
        for name in FileIO.list(folder) where name != "index.html" { try FileManager.default.removeItem(atPath: folder + name) }
        for file in index.files {
            let path = URL(fileURLWithPath: output + "/" + file.path)
            try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.make()).write(to: path)
        }

        // Each paper's words (by number, oldest first): those of its title, and all of them.
        let words = index.papers.map { model -> (title: Set<String>, all: Set<String>) in
            let title = Set(SearchTokenizer.words(in: model.paper.title))
            let rest = SearchTokenizer.words(in: (model.paper.abstract?.string ?? "") + " " + model.paper.authors.joined(separator: " "))
            return (title, title.union(rest))
        }
        func order(_ query: [String]) -> [String] {
            func has(_ words: Set<String>, _ word: String) -> Bool { words.contains { $0.hasPrefix(word) } }
            let scored = words.indices.compactMap { number -> (number: Int, score: Int)? in
                guard query.allSatisfy({ has(words[number].all, $0) }) else { return nil }
                return (number, query.count { has(words[number].title, $0) })
            }
            return scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.number > $1.number }.map { index.papers[$0.number].slug }
        }
        let blockSize = index.layout.blockSize
        let newestBlock = (index.papers.count - 1) / blockSize
        func block(_ slug: String) -> Int { index.papers.firstIndex { $0.slug == slug }! / blockSize }
        // A word in no title of the newest block but elsewhere in it, in titles of older blocks;
        // and two words whose best paper is older than a paper with both elsewhere.
        let candidates = Set(words.flatMap(\.title)).filter { $0.count >= 5 && $0.allSatisfy(\.isASCII) }.sorted()
        let one = try #require(
            candidates.lazy.map { [$0] }.first { query in
                let slugs = order(query)
                return (4...30).contains(slugs.count) && block(slugs[0]) < newestBlock && slugs.contains { block($0) == newestBlock }
            }, "no word of the bundled archive orders titles against newer papers")
        let pairs = candidates.prefix(400).flatMap { first in ["model", "learning", "language"].map { [first, $0] } }
        let two = try #require(
            pairs.first { query in
                let slugs = order(query)
                return query[0] != query[1] && (3...30).contains(slugs.count) && block(slugs[0]) < block(slugs[slugs.count - 1])
            }, "no two words of the bundled archive order titles against newer papers")
        let expect: [String: Any] = [
            "order": [
                ["query": one.joined(separator: " "), "slugs": order(one), "requests": 6],
                ["query": two.joined(separator: " "), "slugs": order(two)],
            ]
        ]
        let expectFile = site.folder.appendingPathComponent("expect.json").path
        try JSONSerialization.data(withJSONObject: expect).write(to: URL(fileURLWithPath: expectFile))
        var browserEnvironment = ProcessInfo.processInfo.environment
        browserEnvironment["HOME"] = site.folder.path
        let browser = try SpawnedProcess(Self.python, [Self.script, output, "/", expectFile], environment: browserEnvironment)
        let status = browser.wait(seconds: 240)
        if status == nil { browser.kill(SIGKILL) }
        print("search order across blocks (\(one), \(two)), in Chromium:\n" + browser.stdout)
        #expect(status == 0, "\(browser.stdout)\n\(browser.stderr)")
    }
}
