import ArgumentParser
import Foundation
import PaperboyCore
import PaperboyFetch
import PaperboyIncremental
import PaperboyIngest

struct Enrich: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fill in what papers lack from another source.",
        subcommands: [Arxiv.self]
    )
}

extension Enrich {
    struct Arxiv: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "arxiv",
            abstract: "Fill in authors, publication dates and categories from the arXiv API.",
            discussion: """
                Asks /api/query for the papers that have an arXiv id but no authors, publication date \
                or categories, 100 ids a request, 3 seconds apart as arXiv asks. With --titles it also \
                searches each paper without an id by its title, and takes a result only when the \
                titles are the same. A key a paper already has is never replaced. All or nothing: \
                any failure writes no file.
                """
        )

        @Option(help: "The Content folder.")
        var content: String = "Content"

        @Flag(help: "Also look up papers without an arXiv id by their exact title (one request each).")
        var titles = false

        @Option(name: .customLong("api-url"), help: "The API's server.")
        var apiURL: String = ArxivFetcher.defaultAPIURL

        @Option(help: "Seconds one request may take before it is given up and asked again.")
        var timeout: Double = 30

        func validate() throws {
            guard let url = URLComponents(string: apiURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                url.host?.isEmpty == false
            else {
                throw ValidationError("--api-url \(apiURL) is not an http(s) URL (like \(ArxivFetcher.defaultAPIURL))")
            }
            if !(timeout > 0 && timeout <= 3600) { throw ValidationError("--timeout takes seconds, more than 0 and at most 3600") }
        }

        func run() async throws {
            let policy: RetryPolicy
            switch RetryPolicy.fromEnvironment(ProcessInfo.processInfo.environment) {
            case let .success(value): policy = value
            case let .failure(error): throw UsageError(message: error.description)
            }
            let client = RetryingHTTPClient(
                URLSessionHTTPClient(), policy: policy,
                log: { line in FileHandle.standardError.write(Data("paperboy: \(line)\n".utf8)) })
            // The retry scale also shortens the pause between requests, for tests.
            let arxiv = ArxivFetcher(
                apiURL: apiURL, client: client, timeout: timeout, spacing: ArxivFetcher.defaultSpacing * policy.scale)
            var options = ArxivEnricher.Options(content: content, titles: titles)
            options.contentCache = ContentCacheFile()
            let report = try await ArxivEnricher(options: options).run { try await arxiv.answer($0) }
            for warning in report.warnings { warn(warning) }
            print(report.summary + " (\(await arxiv.requests) request\(await arxiv.requests == 1 ? "" : "s") to \(apiURL))")
        }
    }
}
