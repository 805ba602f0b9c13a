import ArgumentParser
import Foundation
import PaperboyCore
import PaperboyFetch
import PaperboyIncremental
import PaperboyIngest

struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Download a list of papers and keep it as received in a feeds folder.",
        subcommands: [HFDaily.self, HFTrending.self]
    )
}

extension Fetch {
    struct HFDaily: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hf-daily",
            abstract: "Fetch a day's Hugging Face Daily Papers into DIR/hf-daily-YYYY-MM-DD.json.",
            discussion: """
                Asks /api/daily_papers?date=... page by page (limit=100&p=N) until a short page, and \
                writes the pages as one JSON array of the bytes received. A day without papers \
                (weekends, holidays) writes nothing and is not an error.
                """
        )

        @OptionGroup var options: FetchOptions

        func run() async throws { try await options.run(.daily) }
    }

    struct HFTrending: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hf-trending",
            abstract: "Fetch Hugging Face's trending list as of now into DIR/hf-trending-YYYY-MM-DD.json.",
            discussion: """
                Asks /api/daily_papers?sort=trending page by page. The API ignores any date with \
                this sort, so --date only names the snapshot.
                """
        )

        @OptionGroup var options: FetchOptions

        func run() async throws { try await options.run(.trending) }
    }
}

/// What both `fetch` commands take.
struct FetchOptions: ParsableArguments {
    @Option(help: "The day (YYYY-MM-DD); default today in UTC.")
    var date: String?

    @Option(help: "The folder the feed is saved in (made when missing).")
    var output: String = "feeds"

    @Option(name: .customLong("api-url"), help: "The API's server.")
    var apiURL: String = HuggingFaceFetcher.defaultAPIURL

    @Option(help: "Seconds one request may take before it is given up and asked again.")
    var timeout: Double = 30

    @Flag(help: "Ingest the saved feed into Content afterwards.")
    var ingest = false

    @Option(help: "The Content folder (with --ingest).")
    var content: String = "Content"

    @Flag(help: "With --ingest: replace the day's list when it was ingested before from another list (a later snapshot).")
    var replace = false

    func validate() throws {
        if let date, CalendarDate(date) == nil { throw ValidationError("--date \(date) is not a date (YYYY-MM-DD)") }
        if output.isEmpty { throw ValidationError("--output needs a folder name") }
        guard let url = URLComponents(string: apiURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
            url.host?.isEmpty == false
        else {
            throw ValidationError("--api-url \(apiURL) is not an http(s) URL (like \(HuggingFaceFetcher.defaultAPIURL))")
        }
        if !(timeout > 0 && timeout <= 3600) { throw ValidationError("--timeout takes seconds, more than 0 and at most 3600") }
        if replace && !ingest { throw ValidationError("--replace only applies with --ingest") }
    }

    func run(_ list: HuggingFaceFetcher.List) async throws {
        let policy: RetryPolicy
        switch RetryPolicy.fromEnvironment(ProcessInfo.processInfo.environment) {
        case let .success(value): policy = value
        case let .failure(error): throw UsageError(message: error.description)
        }
        let day = date.flatMap { CalendarDate($0) } ?? .todayUTC()
        let client = RetryingHTTPClient(
            URLSessionHTTPClient(), policy: policy,
            log: { line in FileHandle.standardError.write(Data("paperboy: \(line)\n".utf8)) })
        let fetcher = HuggingFaceFetcher(list: list, date: day, apiURL: apiURL, client: client, timeout: timeout)
        let fetched = try await fetcher.fetch()
        guard let bytes = fetched.bytes else {
            switch list {
            case .daily:
                print("\(list.rawValue) \(day): no papers that day (Daily Papers has none on weekends and holidays); nothing written")
            case .trending: print("\(list.rawValue): the trending list is empty; nothing written")
            }
            return
        }
        let path = FeedFileWriter.path(fetcher.fileName, in: output)
        let outcome = try FeedFileWriter.save(bytes, as: fetcher.fileName, in: output)
        let papers = "\(fetched.count) paper\(fetched.count == 1 ? "" : "s")"
        switch outcome {
        case .created: print("\(path): \(papers), saved")
        case .unchanged: print("\(path): \(papers), unchanged (the file already held this list)")
        case .replaced: print("\(path): \(papers), replaced the earlier file (the list has changed)")
        }
        guard ingest else { return }
        // The file's name carries the day too, but a trending snapshot's day is only what --date says.
        var options = Ingester.Options(content: content, date: day, replace: replace)
        options.contentCache = ContentCacheFile()
        let report = try Ingester(options: options).run(feeds: [path])
        for warning in report.warnings { warn(warning) }
        for line in report.summaries { print(line) }
    }
}
