import Foundation
import Testing

/// `paperboy new`, then ingest and build, far from this repository: the binary carries its theme
/// and topic rules, and a site's own template overrides the default of its name only.
@Suite("paperboy new")
struct NewSiteTests {
    static let repository = SiteFixture.repositoryRoot

    @Test func aNewArchiveIngestsAndBuildsWithNoRepository() throws {
        let workspace = try IngestWorkspace()
        let made = try workspace.paperboy(["new", "archive", "--title", "Lab \"papers\"", "--base-url", "https://lab.example/papers/"])
        #expect(made.status == 0, "\(made)")
        for file in ["Content/site.yml", "Content/topics.yml", ".gitignore", "README.md"] {
            #expect(workspace.exists("archive/" + file), "\(file)")
        }
        #expect(workspace.files(in: "archive/Content/days") == [".gitkeep"])
        #expect(workspace.files(in: "archive/Content/papers") == [".gitkeep"])
        #expect(!workspace.exists("archive/Templates"))
        #expect(workspace.read("archive/Content/site.yml").contains("title: \"Lab \\\"papers\\\"\"\n"))
        #expect(workspace.read("archive/.gitignore").contains("Public/\n"))
        // The default rules are the repository's.
        #expect(
            workspace.read("archive/Content/topics.yml")
                == (try String(contentsOf: Self.repository.appendingPathComponent("Content/topics.yml"), encoding: .utf8)))

        try workspace.write("feed/trending-2026-11-26.txt", bytes: try SampleFeed.bytes())
        let site = workspace.url.appendingPathComponent("archive")
        let ingest = try PaperboyProcess.run(["ingest", "../feed/trending-2026-11-26.txt"], in: site)
        #expect(ingest.status == 0, "\(ingest)")
        let build = try PaperboyProcess.run(["build", "--quiet"], in: site)
        #expect(build.status == 0, "\(build)")
        #expect(workspace.exists("archive/Public/assets/style.css"))
        let index = workspace.read("archive/Public/index.html")
        #expect(index.contains("Lab &quot;papers&quot;") || index.contains("Lab &#34;papers&#34;"), "\(index.prefix(600))")

        // The same Content built with the repository's Templates folder: the same bytes.
        let reference = try PaperboyProcess.run(
            ["build", "--quiet", "--templates", Self.repository.appendingPathComponent("Templates").path, "--output", "../reference"],
            in: site)
        #expect(reference.status == 0, "\(reference)")
        #expect(workspace.read("reference/index.html") == index)
        #expect(workspace.read("reference/assets/style.css") == workspace.read("archive/Public/assets/style.css"))
    }

    @Test func aSiteTemplateOverridesOnlyItsOwnName() throws {
        let workspace = try IngestWorkspace()
        #expect(try workspace.paperboy(["new", "archive"]).status == 0)
        try workspace.write("feed/trending-2026-11-26.txt", bytes: try SampleFeed.bytes())
        let site = workspace.url.appendingPathComponent("archive")
        #expect(try PaperboyProcess.run(["ingest", "../feed/trending-2026-11-26.txt"], in: site).status == 0)
        try workspace.write(
            "archive/Templates/paper.mustache",
            "{{<layout}}{{$content}}<h1 class=\"mine\"><bdi>{{title}}</bdi></h1>{{/content}}{{/layout}}\n")
        try workspace.write("archive/Templates/assets/extra.css", "p { margin: 0 }\n")
        let build = try PaperboyProcess.run(["build", "--quiet"], in: site)
        #expect(build.status == 0, "\(build)")
        let paper = workspace.read("archive/Public/papers/a-closer-look-at-few-shot-classification-again/index.html")
        #expect(paper.contains("<h1 class=\"mine\">"))
        // The layout around it is still the default one.
        #expect(paper.contains("assets/style.css"))
        #expect(workspace.exists("archive/Public/assets/extra.css") && workspace.exists("archive/Public/assets/favicon.svg"))
        #expect(!workspace.read("archive/Public/index.html").contains("class=\"mine\""))
        // A folder named on purpose must exist.
        let missing = try PaperboyProcess.run(["build", "--templates", "Theme"], in: site)
        #expect(missing.status == 2 && missing.stderr.contains("--templates Theme: no such folder"), "\(missing)")
    }

    @Test func templatesCopiesTheThemeAndANonEmptyFolderIsRefused() throws {
        let workspace = try IngestWorkspace()
        #expect(try workspace.paperboy(["new", "archive", "--templates"]).status == 0)
        for name in ["layout.mustache", "paper.mustache", "partials/paper-card.mustache", "assets/style.css"] {
            let original = try Data(contentsOf: Self.repository.appendingPathComponent("Templates/" + name))
            #expect(FileManager.default.contents(atPath: workspace.path("archive/Templates/" + name)) == original, "\(name)")
        }
        let before = workspace.snapshot("archive")
        let again = try workspace.paperboy(["new", "archive"])
        #expect(again.status == 1 && again.stderr.contains("not empty"), "\(again)")
        #expect(workspace.snapshot("archive") == before)
        #expect(!workspace.exists("archive.paperboy-new"))
        // An empty folder is fine.
        try FileManager.default.createDirectory(atPath: workspace.path("empty"), withIntermediateDirectories: true)
        #expect(try workspace.paperboy(["new", "empty"]).status == 0)
        #expect(workspace.exists("empty/Content/site.yml"))
        let version = try workspace.paperboy(["--version"])
        #expect(version.status == 0 && version.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
    }
}

/// `make install`: what it installs and where (a dry run: the real one needs a static release
/// build of several minutes), and that the binary makes every shell's completions it installs.
@Suite("make install")
struct InstallTests {
    @Test func theRecipeInstallsTheBinaryCompletionsAndManPages() throws {
        let dryRun = try CommandResult.run(
            "/usr/bin/make", ["-n", "-C", SiteFixture.repositoryRoot.path, "install", "PREFIX=/opt/pb", "DESTDIR=/tmp/stage"])
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        for expected in [
            "build -c release --static-swift-stdlib", "generate-manual", "/tmp/stage/opt/pb/bin/paperboy",
            "/tmp/stage/opt/pb/share/man/man1/", "/tmp/stage/opt/pb/share/bash-completion/completions/paperboy",
            "/tmp/stage/opt/pb/share/zsh/site-functions/_paperboy", "/tmp/stage/opt/pb/share/fish/vendor_completions.d/paperboy.fish",
        ] {
            #expect(dryRun.stdout.contains(expected), "\(expected) missing in \(dryRun.stdout)")
        }
        for shell in ["bash", "zsh", "fish"] {
            let script = try CommandResult.run(CommandResult.paperboy, ["--generate-completion-script", shell])
            #expect(script.status == 0 && script.stdout.contains("serve") && script.stdout.contains("fetch"), "\(shell)")
        }
    }
}
