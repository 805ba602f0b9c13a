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

    @OptionGroup var site: SiteOptions

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
    }

    func run() async throws {
        // On a terminal one updating line replaces the step lines, unless they are asked for.
        let line = quiet || verbose ? nil : ProgressLine.forTerminal()
        let showSteps = !quiet && line == nil
        var options = site.builder
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
                report.pages, report.feeds, report.assets, site.output, report.seconds, report.written, report.unchanged, report.removed,
                report.rendered))
    }
}
