// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Paperboy",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "paperboy", targets: ["paperboy"]),
        // The library: one target per stage of the pipeline (see ARCHITECTURE.md).
        .library(
            name: "PaperboyKit",
            targets: [
                "PaperboyCore", "PaperboyMarkdown", "PaperboyContent", "PaperboyIngest", "PaperboySite", "PaperboyFeeds",
                "PaperboyRender", "PaperboyTemplateCache", "PaperboyIncremental", "PaperboyBuild", "PaperboyFetch", "PaperboySearch",
            ]
        ),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // `paperboy serve`'s HTTP server: pure Swift and small, so a fresh clone (CI builds one
        // every run) compiles far less than for SwiftNIO or Hummingbird.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CMarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [
                .apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]),
                .brew(["cmark-gfm"]),
            ]
        ),
        // Diagnostics, dates, text policy, file I/O: what every stage uses.
        .target(name: "PaperboyCore"),
        // The default theme and topic rules, embedded in the binary at build time.
        .target(name: "PaperboyDefaults", plugins: ["EmbedDefaults"]),
        .executableTarget(name: "paperboy-embed"),
        .plugin(name: "EmbedDefaults", capability: .buildTool(), dependencies: ["paperboy-embed"]),
        // Markdown to HTML (cmark-gfm, safe mode) and feed text escaped as Markdown.
        .target(name: "PaperboyMarkdown", dependencies: ["CMarkGFM"]),
        // The model (Paper, Day, SiteConfig, Taxonomy), the YAML subset, loading and checking
        // Content, transactions. No speed target: cached bytes come in through protocols.
        .target(name: "PaperboyContent", dependencies: ["PaperboyCore"]),
        // Raw feeds in, day and paper files out: decoding, parsing, identity, slugs, staging.
        .target(name: "PaperboyIngest", dependencies: ["PaperboyCore", "PaperboyContent", "PaperboyMarkdown"]),
        // The network: an HTTP client seam (URLSession behind it), retries, the Hugging Face Daily
        // Papers lists as received, and the arXiv API's answers for the enricher.
        .target(name: "PaperboyFetch", dependencies: ["PaperboyCore", "PaperboyIngest"]),
        // The archive resolved for output: topics assigned, Markdown rendered, every page and its path.
        .target(name: "PaperboySite", dependencies: ["PaperboyCore", "PaperboyContent", "PaperboyMarkdown"]),
        // RSS, Atom, JSON Feed, OPML, sitemap and robots.txt, written directly (never through templates).
        .target(name: "PaperboyFeeds", dependencies: ["PaperboyCore", "PaperboyContent", "PaperboySite"]),
        // The search index under `search/`: words, postings, paper rows, as scripts `search.js` loads.
        .target(
            name: "PaperboySearch", dependencies: ["PaperboyCore", "PaperboyContent", "PaperboySite", "PaperboyFeeds"]
        ),
        // Pages to HTML: Mustache contexts (TemplateObject), templates, and the one seam a faster
        // rendering goes through (TemplateRendering); swift-mustache itself is the reference.
        .target(
            name: "PaperboyRender",
            dependencies: [
                "PaperboyDefaults",
                "PaperboyCore", "PaperboyContent", "PaperboySite", "PaperboyFeeds",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The speed machinery for templates: context shapes and the skeletons that fill a page
        // without swift-mustache once its shape has been seen.
        .target(
            name: "PaperboyTemplateCache",
            dependencies: ["PaperboyCore", "PaperboyRender"]
        ),
        // The speed machinery: the content cache file (mapped, text left in it), page records
        // and fingerprints, the binary coding and the mapped byte buffers.
        .target(
            name: "PaperboyIncremental",
            dependencies: ["PaperboyCore", "PaperboyContent", "PaperboySite", "PaperboyRender"]
        ),
        // The build's named steps and the output: atomic writes, the manifest, stale removal.
        .target(
            name: "PaperboyBuild",
            dependencies: [
                "PaperboyCore", "PaperboyContent", "PaperboySite", "PaperboyFeeds", "PaperboyRender", "PaperboyTemplateCache",
                "PaperboyIncremental", "PaperboyDefaults", "PaperboySearch",
            ]
        ),
        // `paperboy serve`: the output over HTTP, file watching, in-process rebuilds, live reload.
        .target(
            name: "PaperboyServe",
            dependencies: [
                "PaperboyCore", "PaperboyBuild", "PaperboyRender", .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "paperboy",
            dependencies: [
                "PaperboyCore",
                "PaperboyContent",
                "PaperboyDefaults",
                "PaperboyIngest",
                "PaperboyIncremental",
                "PaperboyBuild",
                "PaperboyFetch",
                "PaperboyMarkdown",
                "PaperboySite",
                "PaperboyServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers both test targets use: a seeded generator and a process runner.
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "PaperboyKitTests",
            dependencies: [
                "PaperboyCore", "PaperboyMarkdown", "PaperboyContent", "PaperboyIngest", "PaperboySite", "PaperboyFeeds",
                "PaperboyRender", "PaperboyTemplateCache", "PaperboyIncremental", "PaperboyBuild", "PaperboyFetch", "PaperboySearch",
                "TestSupport",
            ]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "PaperboyCore", "PaperboyMarkdown", "PaperboyContent", "PaperboyIngest", "PaperboySite", "PaperboySearch",
                "PaperboyBuild", "paperboy", "TestSupport",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The pipeline is split into targets for clarity, not speed: cross-module optimization lets a
// release build inline and specialize across them as it did within one module.
for target in package.targets where target.type == .regular || target.type == .executable {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))
        ]
}
