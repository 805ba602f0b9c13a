import Foundation
@testable import PaperboyContent
import TestSupport
import Testing

/// `paperboy build` end to end: the bundled archive through the real binary, checked by the
/// W3C Nu checker, jing, feedparser and a link walker (`Tests/Validation/validate_site.py`).
@Suite("Site build", .serialized)
struct SiteBuildTests {
    static let validator = SiteFixture.repositoryRoot.appendingPathComponent("Tests/Validation/validate_site.py").path

    func validate(_ output: String, html: Bool) throws -> CommandResult {
        try Validators.requireJing()
        try Validators.requireFeedparser()
        if html { try Validators.requireNuChecker() }
        return try CommandResult.run("/usr/bin/env", ["python3", Self.validator, output] + (html ? [] : ["--skip-html"]))
    }

    @Test("the bundled archive, with a paper carrying every source field, builds into a valid site: HTML, JSON-LD, feeds, links")
    func bundledSiteIsValid() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        try site.addCitedPaper()
        let build = try site.build()
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("Topics: language-models"))
        #expect(build.stdout.contains("Built "))
        let result = try validate(site.output, html: true)
        #expect(result.status == 0, "\(result.stdout.suffix(4000))\n\(result.stderr.suffix(2000))")
        #expect(result.stdout.contains("TOTAL:"))
        #expect(result.stdout.contains(" 0 failed"))
        // The validators saw the new markup: Highwire tags, JSON-LD, the Cite block, cards with authors and upvotes.
        let paper = SiteFixture.read(site.output + "/papers/\(SiteFixture.citedSlug)/index.html")
        #expect(paper.contains(#"<meta name="citation_arxiv_id" content="2502.19261">"#))
        #expect(paper.contains(#"<script type="application/ld+json">"#) && paper.contains("@misc{nakamura2025"))
        #expect(result.stdout.contains("json-ld: 282 passed, 0 failed"), "\(result.stdout.suffix(4000))")
        let day = SiteFixture.read(site.output + "/days/2026-11-26/index.html")
        #expect(day.contains("Taishi Nakamura, Takuya Akiba, Kazuki Fujii et al.") && day.contains("42 upvotes"))
    }

    @Test("the site works under a sub-path")
    func subPath() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let build = try site.build(["--base-url", "https://example.org/sub/"])
        #expect(build.status == 0, "\(build.stderr)")
        let index = SiteFixture.read(site.output + "/index.html")
        #expect(index.contains(#"<link rel="canonical" href="https://example.org/sub/">"#))
        let feed = SiteFixture.read(site.output + "/feed.xml")
        #expect(feed.contains("<link>https://example.org/sub/</link>"))
        #expect(!feed.contains("https://example.org/papers/"))
        let robots = SiteFixture.read(site.output + "/robots.txt")
        #expect(robots.contains("Sitemap: https://example.org/sub/sitemap.xml"))
        let result = try validate(site.output, html: false)
        #expect(result.status == 0, "\(result.stdout.suffix(4000))")
        // The 404 page is served at any path: its links start from the base path.
        let notFound = SiteFixture.read(site.output + "/404.html")
        #expect(notFound.contains(#"href="/sub/assets/style.css""#))
    }

    @Test("two builds are byte-identical")
    func deterministic() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let second = site.folder.appendingPathComponent("Public2").path
        #expect(try site.build().status == 0)
        #expect(try site.build(output: second).status == 0)
        let a = SiteFixture.snapshot(site.output)
        let b = SiteFixture.snapshot(second)
        #expect(a.count > 300)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, bytes) in a { #expect(b[path] == bytes, "\(path) differs between two builds") }
    }

    @Test("a rebuild rewrites nothing, and output without a source is removed")
    func incrementalAndStale() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let feed = "Title One\nText one, long enough to be an abstract.\nTitle Two\nText two about diffusion models.\n"
        let ingest = try CommandResult.run(
            CommandResult.paperboy, ["ingest", "-", "--date", "2026-11-27", "--content", site.content], input: Data(feed.utf8))
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(try site.build().status == 0)
        #expect(FileManager.default.fileExists(atPath: site.output + "/days/2026-11-27/index.html"))
        let dayPage = SiteFixture.read(site.output + "/days/2026-11-26/index.html")
        #expect(dayPage.contains(#"rel="next""#))

        let again = try site.build()
        #expect(again.stdout.contains("(0 written,"), "\(again.stdout)")

        try FileManager.default.removeItem(atPath: site.content + "/days/2026-11-27.md")
        let rebuilt = try site.build()
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(!FileManager.default.fileExists(atPath: site.output + "/days/2026-11-27/index.html"))
        #expect(!FileManager.default.fileExists(atPath: site.output + "/days/2026-11-27"))
        // No paper file was deleted; the paper pages stay (they still have a source).
        #expect(FileManager.default.fileExists(atPath: site.content + "/papers/title-one.md"))
        #expect(FileManager.default.fileExists(atPath: site.output + "/papers/title-one/index.html"))
        // And the result equals a clean build.
        // The clean build runs with the cache off, so a cache bug cannot show in both.
        let clean = site.folder.appendingPathComponent("Clean").path
        #expect(try site.build(output: clean, cache: "off").status == 0)
        let cleanFiles = SiteFixture.snapshot(clean)
        #expect(cleanFiles.count > 300)
        #expect(SiteFixture.snapshot(site.output) == cleanFiles)
    }

    @Test("pages have one h1, lang, a skip link, meta description, canonical, Open Graph and feed links")
    func pageStructure() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        #expect(try site.build().status == 0)
        let pages = SiteFixture.snapshot(site.output).keys.filter { $0.hasSuffix(".html") }
        #expect(pages.count >= 313)
        for page in pages {
            let html = SiteFixture.read(site.output + "/" + page)
            #expect(html.components(separatedBy: "<h1").count == 2, "\(page): one h1")
            #expect(html.contains(#"<html lang="en">"#), "\(page)")
            #expect(html.contains(##"class="skip-link" href="#main""##), "\(page)")
            #expect(html.contains(#"<main id="main""#), "\(page)")
            #expect(html.contains(#"<meta name="description" content=""#), "\(page)")
            #expect(html.contains(#"<link rel="canonical" href="https://example.org/"#), "\(page)")
            #expect(html.contains(#"<meta property="og:title""#) && html.contains(#"<meta property="og:description""#), "\(page)")
            #expect(html.contains(#"<link rel="alternate" type="application/rss+xml""#), "\(page)")
            #expect(html.contains(#"<link rel="alternate" type="application/atom+xml""#), "\(page)")
            // No JavaScript but the search page's own: a paper page's one script is its JSON-LD,
            // data that is never run.
            let search = #"<script src="../assets/search.js" defer></script>"#
            let scripts = html.replacingOccurrences(of: search, with: "").components(separatedBy: "<script").count - 1
            #expect(scripts == html.components(separatedBy: #"<script type="application/ld+json">"#).count - 1, "\(page): no JavaScript")
            #expect(scripts == (page.hasPrefix("papers/") ? 1 : 0), "\(page)")
            #expect(html.contains(search) == (page == "search/index.html"), "\(page): search.js on the search page only")
        }
        let topic = SiteFixture.read(site.output + "/topics/language-models/index.html")
        #expect(topic.contains(#"href="../../topics/language-models/feed.xml""#))
        // 133 papers: the oldest 50 on archive page 1, the newest 83 on the front page.
        #expect(
            topic.contains(#"<a href="../../topics/language-models/page/1/" rel="next">Older →</a>"#),
            "language-models has 133 papers: paginated")
        #expect(topic.components(separatedBy: #"<li class="paper"#).count - 1 == 83)
        let archive = SiteFixture.read(site.output + "/topics/language-models/page/1/index.html")
        #expect(archive.components(separatedBy: #"<li class="paper"#).count - 1 == 50)
        #expect(archive.contains(#"<a href="../../../../topics/language-models/" rel="prev">← Newer</a>"#))
        #expect(!archive.contains(#"rel="next""#), "page 1 holds the oldest papers")
        #expect(!FileManager.default.fileExists(atPath: site.output + "/topics/language-models/page/2/index.html"))
        let css = SiteFixture.read(site.output + "/assets/style.css")
        #expect(css.contains("prefers-color-scheme: dark"))
        let paper = SiteFixture.read(
            site.output + "/papers/lanpaint-training-free-diffusion-inpainting-with-asymptotically-exact-and-fast/index.html")
        #expect(paper.contains("rank 1"))
        #expect(paper.contains(#"href="../../topics/diffusion/""#))
        #expect(paper.contains(#"href="../../days/2026-11-26/""#))
    }

    @Test("a topic's archive pages keep their papers when new ones arrive; only the front page moves")
    func stableTopicPages() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        #expect(try site.build().status == 0)
        let archivePath = site.output + "/topics/language-models/page/1/index.html"
        let frontPath = site.output + "/topics/language-models/index.html"
        let archiveBefore = try SiteFixture.readEarlier(archivePath)
        let frontBefore = try SiteFixture.readEarlier(frontPath)
        let feed = """
            A New Large Language Model Paper
            We pretrain a large language model and study in-context learning of language models.
            Another Language Model Study
            Instruction tuning of large language models, with a language model evaluation.
            """
        let ingest = try CommandResult.run(
            CommandResult.paperboy, ["ingest", "-", "--date", "2026-11-27", "--content", site.content], input: Data(feed.utf8))
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(try site.build().status == 0)
        #expect(SiteFixture.read(archivePath) == archiveBefore, "page/1/ holds the same 50 oldest papers, byte for byte")
        let front = SiteFixture.read(frontPath)
        #expect(front != frontBefore)
        #expect(front.contains("A New Large Language Model Paper") && front.contains("Another Language Model Study"))
        #expect(front.components(separatedBy: #"<li class="paper"#).count - 1 == 85, "133 + 2 papers: 50 archived, 85 in front")
    }

    @Test("bad Content refuses the build and leaves the previous output in place")
    func refusedBuildKeepsOutput() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        #expect(try site.build().status == 0)
        let before = SiteFixture.snapshot(site.output)
        #expect(before.count > 300, "the previous output is there")
        let paper = site.content + "/papers/lanpaint-training-free-diffusion-inpainting-with-asymptotically-exact-and-fast.md"
        try SiteFixture.edit(paper) { $0.replacingOccurrences(of: "first_seen: 2026-11-26", with: "first_seen: 2026-13-45") }
        let result = try site.build()
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("lanpaint-training-free-diffusion-inpainting-with-asymptotically-exact-and-fast.md:4: `first_seen`"),
            "\(result.stderr)")
        #expect(result.stderr.contains("Load content"))
        #expect(SiteFixture.snapshot(site.output) == before)
        #expect(SiteFixture.read(paper).contains("2026-13-45"), "the build never rewrites Content")
    }

    @Test("a broken template stops the build naming the file; a missing one is the default theme's")
    func templateErrors() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        try FileManager.default.removeItem(atPath: site.templates + "/topic.mustache")
        try FileManager.default.createDirectory(atPath: site.templates + "/topic.mustache", withIntermediateDirectories: true)
        var result = try site.build()
        #expect(result.status == 1)
        #expect(result.stderr.contains("topic.mustache: is not a file"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: site.output))

        try FileManager.default.removeItem(atPath: site.templates + "/topic.mustache")
        result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("(15 from \(site.templates), 1 default)"), "\(result.stdout)")

        try "{{<layout}}\n{{$content}}\n{{#broken}}\n{{/content}}\n{{/layout}}\n".write(
            toFile: site.templates + "/topic.mustache", atomically: true, encoding: .utf8)
        result = try site.build()
        #expect(result.status == 1)
        #expect(result.stderr.contains("topic.mustache:"), "\(result.stderr)")
        #expect(result.stderr.contains("template error"), "\(result.stderr)")
    }

    @Test("the build refuses an output folder that holds Content or foreign files")
    func outputSafety() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        var result = try site.build(output: site.folder.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("contains the Content folder"), "\(result.stderr)")
        let foreign = site.folder.appendingPathComponent("Documents").path
        try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true)
        try "keep me".write(toFile: foreign + "/thesis.txt", atomically: true, encoding: .utf8)
        result = try site.build(output: foreign)
        #expect(result.status == 1)
        #expect(result.stderr.contains("was not written by paperboy"), "\(result.stderr)")
        #expect(SiteFixture.read(foreign + "/thesis.txt") == "keep me")
        // A folder with another generator's sitemap.xml is not taken for Paperboy's either.
        try "<urlset/>".write(toFile: foreign + "/sitemap.xml", atomically: true, encoding: .utf8)
        #expect(try site.build(output: foreign).status == 1)
        // Output inside Templates or Content is refused too.
        result = try site.build(output: site.templates + "/assets/out")
        #expect(result.status == 1)
        #expect(result.stderr.contains("is inside the Templates folder"), "\(result.stderr)")
        // The Content folder itself, by its name or through a symbolic link: refused at once, not
        // waited on (a build locks Content while it loads it, and its output folder early).
        let link = site.folder.appendingPathComponent("content-link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: site.content)
        for output in [site.content, link] {
            let bounded = try ProcessRunner.run(
                "/usr/bin/timeout",
                [
                    "-k", "5", "60", try PaperboyProcess.executable().path, "build", "--content", site.content, "--templates",
                    site.templates, "--output", output,
                ],
                environment: TestEnvironment.environment(cache: site.cache))
            #expect(bounded.status == 1, "\(output): exit \(bounded.status), \(bounded.stderr)")
            #expect(
                bounded.stderr.contains("contains the Content folder") || bounded.stderr.contains("was not written by paperboy"),
                "\(bounded.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.content).sorted() == ["days", "papers", "site.yml", "topics.yml"])
    }

    @Test("a build removes only what it wrote: a CNAME stays, symbolic links are never followed")
    func removesOnlyItsOwnFiles() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        #expect(try site.build().status == 0)
        #expect(FileManager.default.fileExists(atPath: site.output + "/.paperboy-manifest"))
        try "archive.example.org\n".write(toFile: site.output + "/CNAME", atomically: true, encoding: .utf8)
        let victim = site.folder.appendingPathComponent("victim").path
        try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: true)
        try "precious".write(toFile: victim + "/keep.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: site.output + "/media", withDestinationPath: victim)
        let result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(SiteFixture.read(site.output + "/CNAME") == "archive.example.org\n")
        #expect(SiteFixture.read(victim + "/keep.txt") == "precious")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: site.output + "/media")) == victim)
    }

    @Test("hostile titles and texts are inert in every page")
    func hostileText() throws {
        let site = try SiteFixture(emptyContent: true)
        defer { site.remove() }
        let feed = """
            <script>alert(1)</script> & "Quotes" ]]> 'apos'
            An abstract with <img src=x onerror=alert(1)> and javascript:alert(1) and [x](javascript:alert(1)) and ``double'' and a*b*c and <1% and x_1, see https://github.com/a/b.
            مرحبا بالعالم ‮override‬ 🚀
            Right-to-left text with an emoji 🚀 and a bidi override ‮cba‬ stays text only, and it is long enough.
            """
        let ingest = try CommandResult.run(
            CommandResult.paperboy, ["ingest", "-", "--date", "2026-11-26", "--content", site.content], input: Data(feed.utf8))
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(try site.build().status == 0)
        for (path, data) in SiteFixture.snapshot(site.output) where path.hasSuffix(".html") {
            // A paper page's JSON-LD is its only script, and no title reaches it unescaped.
            let html = String(decoding: data, as: UTF8.self).replacingOccurrences(of: #"<script type="application/ld+json">{"#, with: "")
                .replacingOccurrences(of: #"<script src="../assets/search.js" defer></script>"#, with: "")
            #expect(!html.contains("<script"), "\(path)")
            #expect(!html.contains("<img"), "\(path)")
            #expect(!html.contains("href=\"javascript:"), "\(path)")
            #expect(!html.contains("onerror=alert(1)>"), "\(path)")
        }
        let index = SiteFixture.read(site.output + "/index.html")
        #expect(index.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Quotes&quot; ]]&gt; &#39;apos&#39;"))
        let paperFolder = try FileManager.default.contentsOfDirectory(atPath: site.output + "/papers").sorted()
        let hostile = SiteFixture.read(site.output + "/papers/" + paperFolder.first(where: { $0.hasPrefix("script") })! + "/index.html")
        #expect(hostile.contains("``double'' and a*b*c and &lt;1% and x_1"))
        #expect(hostile.contains(#"<a href="https://github.com/a/b">https://github.com/a/b</a>"#))
        let result = try validate(site.output, html: true)
        #expect(result.status == 0, "\(result.stdout.suffix(4000))")
    }
}
