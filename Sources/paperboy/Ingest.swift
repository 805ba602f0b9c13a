import ArgumentParser
import PaperboyContent
import PaperboyCore
import PaperboyIncremental
import PaperboyIngest

extension FeedFormat: ExpressibleByArgument {}

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn raw trending feeds into day and paper files in Content.",
        discussion: """
            The plain-text feed carries no date: it comes from --date, or from a YYYY-MM-DD in the \
            file name, so `paperboy ingest feeds/*.txt` ingests a folder of saved days in date order. \
            Hugging Face JSON (saved by `paperboy fetch`) is told apart by its content, and the kind \
            of list by the file name (hf-daily-..., hf-trending-...) or --format. \
            An ingest is all or nothing: on any error nothing is written.
            """
    )

    @Argument(help: "Feed files; - reads standard input.")
    var feeds: [String]

    @Option(help: "The day of the feed (YYYY-MM-DD).")
    var date: String?

    @Option(help: "The feed format: auto, trending, hf-daily or hf-trending.")
    var format: FeedFormat = .auto

    @Option(help: "The Content folder.")
    var content: String = "Content"

    @Flag(help: "Replace the list of a day that already has a different feed.")
    var replace = false

    @Flag(name: .shortAndLong, help: "Print nothing but problems.")
    var quiet = false

    func run() throws {
        var day: CalendarDate?
        if let date {
            guard let parsed = CalendarDate(date) else { throw UsageError(message: "--date \(date) is not a date (YYYY-MM-DD)") }
            day = parsed
        }
        if feeds.filter({ $0 == "-" }).count > 1 {
            throw UsageError(message: "- (standard input) can be named only once")
        }
        if day != nil && feeds.count > 1 {
            throw UsageError(message: "--date names the day of one feed; with several feeds, put a YYYY-MM-DD in each file name")
        }
        var options = Ingester.Options(content: content, date: day, format: format, replace: replace)
        options.contentCache = ContentCacheFile()
        let line = quiet ? nil : ProgressLine.forTerminal()
        options.progress = line?.reporter
        let report: Ingester.Report
        do {
            report = try Ingester(options: options).run(feeds: feeds)
            line?.clear()
        } catch {
            line?.clear()
            throw error
        }
        for warning in report.warnings { warn(warning) }
        if !quiet { for line in report.summaries { print(line) } }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate Content and report every problem.")

    @Option(help: "The Content folder.")
    var content: String = "Content"

    func run() throws {
        let result = try ContentChecker(content: content, contentCache: ContentCacheFile()).run()
        if !result.diagnostics.isEmpty {
            throw DiagnosticList(
                result.diagnostics + [
                    Diagnostic(file: content, "\(result.diagnostics.count) problem\(result.diagnostics.count == 1 ? "" : "s") found")
                ])
        }
        print("\(content): \(result.days) days, \(result.papers) papers, no problems")
    }
}
