import Foundation
@testable import PaperboyCore
@testable import PaperboyFeeds
import Testing

/// The rendered feeds through real feed tools: feedparser (via Tests/Validation/parse_feed.py),
/// jing with the RFC 4287 schema, and the site validator's feed, sitemap and OPML checks.
/// A missing tool or script fails the test with what to install; no test is skipped for it.
@Suite("Feed validation")
struct FeedValidationTests {
    let model = FeedFixture.model()
    let files = FeedRenderer(model: FeedFixture.model()).render()
    let base = FeedFixture.baseURL

    var feedPaths: [String] {
        files.map(\.path).filter { $0.hasSuffix("feed.xml") || $0.hasSuffix("atom.xml") || $0.hasSuffix("feed.json") }
    }

    /// What a reader must see in each feed: (id, title, first-seen date) in order.
    func expectedEntries(_ path: String) -> [(id: String, title: String, date: String)] {
        let slugs: [String]
        if path.hasPrefix("days/") {
            return model.days.reversed().map { (base + $0.path, "Trending papers of \($0.date.longDescription)", $0.date.rfc3339) }
        } else if path.hasPrefix("topics/") {
            let slug = path.split(separator: "/")[1]
            slugs = model.topics.first { $0.slug == slug }!.papers
        } else {
            slugs = model.papersNewestFirst
        }
        return slugs.prefix(model.site.feedItems).map { slug in
            let paper = model.papers[slug]!
            return (base + paper.path, paper.paper.title, paper.paper.firstSeen.rfc3339)
        }
    }

    @Test func feedparserReadsEveryFeedExactly() throws {
        try FeedTools.requireFeedparser()
        let folder = try FeedTools.write(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        for path in feedPaths {
            let run = try #require(FeedTools.run(["python3", FeedTools.parseFeedScript, folder.appendingPathComponent(path).path]))
            #expect(run.status == 0, "\(path): \(run.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
            let parsed = try #require(object as? [String: Any], "\(path): \(run.stdout)")
            #expect(parsed["bozo"] as? Int == 0, "\(path): \(parsed["bozo_exception"] ?? "")")
            let feed = try #require(parsed["feed"] as? [String: Any])
            #expect(feed["self"] as? String == base + path)
            let entries = try #require(parsed["entries"] as? [[String: Any]])
            let expected = expectedEntries(path)
            #expect(entries.map { $0["id"] as? String } == expected.map(\.id), "\(path)")
            #expect(entries.map { $0["link"] as? String } == expected.map(\.id), "\(path)")
            #expect(entries.map { $0["title"] as? String } == expected.map(\.title), "\(path)")
            #expect(entries.map { $0["published_iso"] as? String } == expected.map(\.date), "\(path)")
            if let hostile = entries.first(where: { $0["id"] as? String == base + "papers/hostile/" }) {
                #expect(hostile["authors"] as? [String] == ["Ada <Lovelace>", "Bob & \"Co\""], "\(path)")
                let content = (hostile["content"] as? String) ?? (hostile["summary"] as? String)
                #expect(
                    content?.trimmingCharacters(in: .newlines) == FeedFixture.hostileAbstractResolved.trimmingCharacters(in: .newlines),
                    "\(path)")
            }
        }
    }

    @Test func atomFeedsMatchTheRFC4287Schema() throws {
        try FeedTools.requireJing()
        let folder = try FeedTools.write(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let atoms = files.map(\.path).filter { $0.hasSuffix("atom.xml") }
        #expect(atoms.count == 5)
        let run = try #require(FeedTools.run(["jing", "-c", FeedTools.atomSchema] + atoms.map { folder.appendingPathComponent($0).path }))
        let errors = (run.stdout + run.stderr).split(separator: "\n").filter { !$0.hasPrefix("[warning]") }
        #expect(run.status == 0 && errors.isEmpty, "\(errors.joined(separator: "\n"))")
    }

    @Test func siteValidatorAcceptsFeedsSitemapAndOPML() throws {
        try FeedTools.requireSiteValidator()
        try FeedTools.requireJing()
        // The feeds plus a stub page at every sitemap URL, so internal links can be checked.
        var site = files
        for page in FeedRenderer(model: model).sitemapPages() {
            site.append(OutputFile(path: page.path + "index.html", text: "<!doctype html><title>stub</title>\n"))
        }
        let folder = try FeedTools.write(site)
        defer { try? FileManager.default.removeItem(at: folder) }
        let checks = ["check_feeds", "check_feed_ids", "check_sitemap", "check_opml", "check_atom_schema"]
        let script = """
            import sys
            sys.path.insert(0, sys.argv[1])
            import validate_site as v
            site = v.Site(sys.argv[2], base_url=sys.argv[3])
            report = v.Report()
            for name in sys.argv[4:]:
                getattr(v, name)(site, report)
            for kind, result in report.kinds.items():
                for subject, message in result.failures:
                    print(f"{kind}: {subject}: {message}")
                for subject, message in result.warnings:
                    print(f"warning {kind}: {subject}: {message}")
            sys.exit(0 if report.ok else 1)
            """
        let run = try #require(
            FeedTools.run(
                ["python3", "-c", script, FeedTools.validation.path, folder.path, base] + checks))
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(!run.stdout.contains("warning"), "\(run.stdout)")
    }
}
