import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// `paperboy serve` on a copy of the bundled site, on 127.0.0.1 and a port of its choosing,
/// through a real HTTP client (URLSession), raw requests where a client would tidy the path,
/// and the Server-Sent Events that reload open pages.
@Suite struct ServeTests {
    /// What came back, redirects not followed.
    struct Answer {
        var status: Int
        var contentType: String
        var location: String?
        var body: String
    }

    final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
        ) {
            completionHandler(nil)
        }
    }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 10
        return URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
    }()

    static func get(_ url: URL, method: String = "GET") async throws -> Answer {
        var request = URLRequest(url: url)
        request.httpMethod = method
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return Answer(
            status: http.statusCode, contentType: http.value(forHTTPHeaderField: "Content-Type") ?? "",
            location: http.value(forHTTPHeaderField: "Location"), body: String(decoding: data, as: UTF8.self))
    }

    @Test func servesTheSiteWithItsContentTypes() async throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let server = try ServeProcess(site)
        defer { server.stop() }
        let root = server.url
        let expected: [(String, Int, String)] = [
            ("", 200, "text/html; charset=utf-8"),
            ("index.html", 200, "text/html; charset=utf-8"),
            ("topics/", 200, "text/html; charset=utf-8"),
            ("assets/style.css", 200, "text/css; charset=utf-8"),
            ("assets/favicon.svg", 200, "image/svg+xml"),
            ("feed.xml", 200, "application/rss+xml; charset=utf-8"),
            ("atom.xml", 200, "application/atom+xml; charset=utf-8"),
            ("feed.json", 200, "application/feed+json; charset=utf-8"),
            ("feeds.opml", 200, "text/x-opml; charset=utf-8"),
            ("sitemap.xml", 200, "application/xml; charset=utf-8"),
            ("robots.txt", 200, "text/plain; charset=utf-8"),
            ("no-such-page/", 404, "text/html; charset=utf-8"),
            (".paperboy-manifest", 404, "text/html; charset=utf-8"),
        ]
        for (path, status, type) in expected {
            let answer = try await Self.get(URL(string: root.absoluteString + path)!)
            #expect(answer.status == status, "\(path)")
            #expect(answer.contentType == type, "\(path)")
        }
        // The site's own 404 page, with its status.
        let missing = try await Self.get(URL(string: root.absoluteString + "papers/nothing-here/")!)
        let notFoundPage = try String(contentsOfFile: site.output + "/404.html", encoding: .utf8)
        let title = try #require(notFoundPage.range(of: "<title>").map { notFoundPage[$0.upperBound...].prefix { $0 != "<" } })
        #expect(missing.status == 404 && missing.body.contains("<title>\(title)</title>"))
        // A folder without its slash redirects to it; HEAD answers without a body.
        let topics = try await Self.get(URL(string: root.absoluteString + "topics")!)
        #expect(topics.status == 301 && topics.location?.hasSuffix("/topics/") == true, "\(topics)")
        let head = try await Self.get(root, method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty)
        // The reload script is added to pages as they are served, never written into the output.
        let home = try await Self.get(root)
        #expect(home.body.contains("/__paperboy/events"))
        let written = try String(contentsOfFile: site.output + "/index.html", encoding: .utf8)
        #expect(!written.contains("__paperboy"))
        #expect(try RawHTTP.get(port: server.port, "/").status == 200)
    }

    @Test func refusesPathsThatLeaveTheOutput() async throws {
        let site = try SiteFixture(emptyContent: true)
        defer { site.remove() }
        let secret = site.folder.appendingPathComponent("secret.txt").path
        try "not for the web\n".write(toFile: secret, atomically: true, encoding: .utf8)
        let server = try ServeProcess(site)
        defer { server.stop() }
        // Links placed in the output after the build: to a file and to a folder outside it.
        #expect(symlink(secret, site.output + "/leak.txt") == 0)
        #expect(symlink(site.folder.path, site.output + "/up") == 0)
        for target in [
            "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/assets/../../secret.txt", "/..%2fsecret.txt",
            "/leak.txt", "/up/secret.txt", "/up/", "/./index.html",
        ] {
            let answer = try RawHTTP.get(port: server.port, target)
            #expect([403, 404].contains(answer.status), "\(target): \(answer.status)")
            #expect(!answer.body.contains("not for the web"), "\(target)")
        }
    }

    @Test func servesABaseURLUnderItsPath() async throws {
        let site = try SiteFixture(emptyContent: true)
        defer { site.remove() }
        let server = try ServeProcess(site, ["--base-url", "https://x.example/sub/"])
        defer { server.stop() }
        #expect(server.url.path == "/sub")
        let origin = try #require(URL(string: "http://127.0.0.1:\(server.port)/"))
        let page = try await Self.get(URL(string: origin.absoluteString + "sub/")!)
        #expect(page.status == 200 && page.body.contains("https://x.example/sub/"))
        #expect(try await Self.get(URL(string: origin.absoluteString + "sub/feed.xml")!).status == 200)
        for path in ["", "sub"] {
            let answer = try await Self.get(URL(string: origin.absoluteString + path)!)
            #expect(answer.status == 301 && answer.location?.hasSuffix("/sub/") == true, "/\(path): \(answer)")
        }
        #expect(try await Self.get(URL(string: origin.absoluteString + "index.html")!).status == 404)
    }

    @Test func rebuildsAndReportsErrorsToOpenPages() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let server = try ServeProcess(site)
        defer { server.stop() }
        let slug = "a-closer-look-at-few-shot-classification-again"
        let paper = site.content + "/papers/\(slug).md"
        let original = try String(contentsOfFile: paper, encoding: .utf8)
        let events = try RawHTTP.Connection(port: server.port)
        events.write("GET /__paperboy/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        var stream = events.read(seconds: 5) { $0.contains("data: 1\n") }
        #expect(stream.contains("text/event-stream") && stream.contains("data: 1\n"), "\(stream)")

        // An edit: one event, and the page shows it.
        let started = Date()
        try original.replacingOccurrences(
            of: "title: \"A Closer Look at Few-shot Classification Again\"", with: "title: \"Closer Again, Edited\""
        )
        .write(toFile: paper, atomically: false, encoding: .utf8)
        stream += events.read(seconds: 10) { $0.contains("data: 2\n") }
        #expect(stream.contains("data: 2\n"), "\(stream)")
        print("serve: an edited paper's event came \(String(format: "%.2f", Date().timeIntervalSince(started))) s after the save")
        let page = try RawHTTP.get(port: server.port, "/papers/\(slug)/")
        #expect(page.body.contains("Closer Again, Edited"))
        #expect(!page.body.contains("paperboy-error"))

        // A broken front matter: an event, the last good page with the error over it, and the error on standard error.
        try original.replacingOccurrences(of: "title: \"A Closer Look at Few-shot Classification Again\"", with: "title: [<broken>")
            .write(toFile: paper, atomically: false, encoding: .utf8)
        stream += events.read(seconds: 10) { $0.contains("data: 3\n") }
        #expect(stream.contains("data: 3\n"), "\(stream)")
        let broken = try RawHTTP.get(port: server.port, "/papers/\(slug)/")
        #expect(broken.status == 200 && broken.body.contains("id=\"paperboy-error\""))
        #expect(broken.body.contains("Closer Again, Edited"), "the last good page stays")
        #expect(broken.body.contains("papers/\(slug).md:2: "), "\(broken.body.suffix(1500))")
        #expect(!broken.body.contains("[<broken>"), "the error's text is escaped")
        #expect(ServeProcess.eventually { server.process.stderr.contains("papers/\(slug).md:2: ") }, "\(server.process.stderr)")

        // Fixed: another event, and the error is gone.
        try original.write(toFile: paper, atomically: false, encoding: .utf8)
        stream += events.read(seconds: 10) { $0.contains("data: 4\n") }
        #expect(stream.contains("data: 4\n"), "\(stream)")
        let fixed = try RawHTTP.get(port: server.port, "/papers/\(slug)/")
        #expect(!fixed.body.contains("paperboy-error") && fixed.body.contains("A Closer Look at Few-shot Classification Again"))
    }

    @Test func pollingSeesChangesToo() throws {
        let site = try SiteFixture(emptyContent: true)
        defer { site.remove() }
        let server = try ServeProcess(site, ["--poll"])
        defer { server.stop() }
        let events = try RawHTTP.Connection(port: server.port)
        events.write("GET /__paperboy/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        var stream = events.read(seconds: 5) { $0.contains("data: 1\n") }
        let siteFile = site.content + "/site.yml"
        let config = try String(contentsOfFile: siteFile, encoding: .utf8)
        try config.replacingOccurrences(of: "title: ", with: "title: Polled ").write(toFile: siteFile, atomically: false, encoding: .utf8)
        stream += events.read(seconds: 10) { $0.contains("data: 2\n") }
        #expect(stream.contains("data: 2\n"), "\(stream)")
    }

    @Test func aTakenPortIsAClearError() throws {
        let site = try SiteFixture(emptyContent: true)
        defer { site.remove() }
        let server = try ServeProcess(site)
        defer { server.stop() }
        let second = try SpawnedProcess(
            try PaperboyProcess.executable().path,
            ["serve", "--content", site.content, "--output", site.folder.appendingPathComponent("Other").path, "--port", "\(server.port)"],
            environment: TestEnvironment.environment(cache: site.cache))
        #expect(second.wait(seconds: 20) == 1)
        #expect(second.stderr.contains("127.0.0.1:\(server.port) is in use; choose another with --port"), "\(second.stderr)")
    }

    @Test func ctrlCStopsWithinASecond() throws {
        let site = try SiteFixture(emptyContent: true)
        defer { site.remove() }
        let server = try ServeProcess(site)
        defer { server.stop() }
        // An open event stream must not hold the server up.
        let events = try RawHTTP.Connection(port: server.port)
        events.write("GET /__paperboy/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        _ = events.read(seconds: 5) { $0.contains("data: 1\n") }
        let started = Date()
        server.process.kill(SIGINT)
        let status = server.process.wait(seconds: 5)
        let seconds = Date().timeIntervalSince(started)
        #expect(status == 0)
        // Alone it stops in about 0.2 s; the bound leaves room for a loaded machine.
        #expect(seconds < 3, "stopped in \(seconds) s")
        #expect(throws: (any Error).self, "the port is free") { try RawHTTP.Connection(port: server.port) }
    }

    /// Headless Chromium on a paper's page: an edited title shows without a manual reload, a
    /// broken front matter shows the error over the page, and fixing it clears it
    /// (`Tests/Validation/live_reload_check.py`; Chromium, its driver and Selenium come from
    /// `scripts/ensure-deps.sh test`).
    @Test func aBrowserPageFollowsEdits() throws {
        let python = "/usr/bin/python3"
        let script = SiteFixture.repositoryRoot.appendingPathComponent("Tests/Validation/live_reload_check.py").path
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver", python] where !FileManager.default.isExecutableFile(atPath: tool) {
            Issue.record("\(tool) is missing: run scripts/ensure-deps.sh test")
            return
        }
        let site = try SiteFixture()
        defer { site.remove() }
        let server = try ServeProcess(site)
        defer { server.stop() }
        let slug = "a-closer-look-at-few-shot-classification-again"
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = site.folder.path  // Chromium's profile and caches, removed with the site
        let browser = try SpawnedProcess(
            python, [script, server.url.absoluteString + "papers/\(slug)/", site.content + "/papers/\(slug).md", "Edited In The Browser"],
            environment: environment)
        let status = browser.wait(seconds: 60)
        if status == nil { browser.kill(SIGKILL) }
        print("serve, in Chromium:\n" + browser.stdout)
        #expect(status == 0, "\(browser.stdout)\n\(browser.stderr)")
        let reload = browser.stdout.split(separator: "\n").first { $0.hasPrefix("new title shown: ") }
        #expect(reload != nil, "\(browser.stdout)")
    }
}
