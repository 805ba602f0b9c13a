import ArgumentParser
import Foundation
import PaperboyBuild
import PaperboyContent
import PaperboyCore

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render Content into a static site.",
        discussion:
            "Deterministic: the same Content and Templates give byte-identical output. Only files whose bytes change are rewritten; output with no source any more is removed."
    )

    @Option(help: "The Content folder.")
    var content: String = "Content"

    @Option(help: "The site's own templates, each overriding the default theme's of the same name (default: Templates).")
    var templates: String?

    @Option(help: "The output folder.")
    var output: String = "Public"

    @Option(name: .customLong("base-url"), help: "Override site.yml's base_url (https://example.org/sub/).")
    var baseURL: String?

    @Flag(name: .shortAndLong, help: "Print nothing but problems.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print each step with what it did and its time (what a pipe or CI gets anyway).")
    var verbose = false

    /// The build's steps run on the main thread, as a synchronous command would: its
    /// allocations come from the main arena, and its parallel loops fan out from there.
    @MainActor static func runOnMainThread(_ builder: SiteBuilder) async throws -> SiteBuilder.Report {
        try await builder.run()
    }

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose ask for opposite things; give one") }
        if let baseURL, case let .failure(error) = SiteConfig.parseBaseURL(baseURL) {
            throw ValidationError("--base-url: \(error)")
        }
        if output.isEmpty { throw ValidationError("--output needs a folder name") }
        // Templates/ may be missing (the default theme is built in); a folder named on purpose may not.
        if let templates, FileIO.kind(templates) != .directory {
            throw ValidationError("--templates \(templates): no such folder")
        }
    }

    func run() async throws {
        // On a terminal one updating line replaces the step lines, unless they are asked for.
        let line = quiet || verbose ? nil : ProgressLine.forTerminal()
        let showSteps = !quiet && line == nil
        var options = SiteBuilder.Options(content: content, templates: templates ?? "Templates", output: output, baseURL: baseURL)
        options.progress = line?.reporter
        let builder = SiteBuilder(options: options, log: { text in if showSteps { print(text) } })
        let report: SiteBuilder.Report
        do {
            report = try await Self.runOnMainThread(builder)
            line?.clear()
        } catch {
            line?.clear()
            throw error
        }
        for warning in report.warnings { warn(warning) }
        guard !quiet else { return }
        print("Topics: " + report.topicCounts.map { "\($0.slug) \($0.count)" }.joined(separator: ", "))
        print(
            String(
                format:
                    "Built %d pages, %d feeds and %d other files into %@ in %.2f s (%d written, %d unchanged, %d removed; %d pages rendered)",
                report.pages, report.feeds, report.assets, output, report.seconds, report.written, report.unchanged, report.removed,
                report.rendered))
    }
}
