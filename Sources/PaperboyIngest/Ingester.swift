import Foundation
import PaperboyContent
import PaperboyCore

/// `paperboy ingest`: raw feeds in, day and paper files out, all or nothing.
public struct Ingester {
    public struct Options: Sendable {
        public var content: String
        public var date: CalendarDate?
        public var format: FeedFormat
        public var replace: Bool
        /// See ``ContentLoader/contentCache``: the executable gives PaperboyIncremental's.
        package var contentCache: (any ContentCacheStore)?
        /// Told each feed as it is read and applied; nil says nothing.
        public var progress: ProgressReporter?

        public init(content: String, date: CalendarDate? = nil, format: FeedFormat = .auto, replace: Bool = false) {
            self.content = content
            self.date = date
            self.format = format
            self.replace = replace
        }
    }

    /// What an ingest did, for the user.
    public struct Report: Sendable {
        /// One line per feed: date, entries, new and returning papers.
        public var summaries: [String]
        public var warnings: [Diagnostic]
        /// Content files written (relative paths).
        public var writtenFiles: [String]
    }

    /// A feed to ingest: its name for messages and the date it came with.
    public struct Source: Sendable {
        public var name: String
        public var bytes: [UInt8]

        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }

        /// The feed's file name without its folders (`trending-2026-11-26.txt`).
        public var fileName: String { name.split(separator: "/").last.map(String.init) ?? name }
    }

    public let options: Options
    /// Far above any real day's feed (the sample is 0.4 MiB); keeps a wrong file from eating memory.
    public static let maximumFeedSize = 256 * 1_048_576

    public init(options: Options) {
        self.options = options
    }

    /// Reads the named feed files (`-` is standard input), then ingests them.
    public func run(feeds paths: [String]) throws -> Report {
        var sources: [Source] = []
        var problems: [Diagnostic] = []
        for path in paths {
            if path == "-" {
                sources.append(Source(name: "<stdin>", bytes: Array(FileHandle.standardInput.readDataToEndOfFile())))
                continue
            }
            switch FileIO.kind(path) {
            case nil: problems.append(Diagnostic(file: path, "no such file"))
            case .directory: problems.append(Diagnostic(file: path, "is a directory; name the feed files (feeds/*.txt)"))
            case .other, .symlink:
                problems.append(
                    Diagnostic(
                        file: path, "is not a regular file (a device or a pipe?); save the feed to a file or use - for standard input"))
            case .file where (FileIO.size(path) ?? 0) > Self.maximumFeedSize:
                problems.append(
                    Diagnostic(
                        file: path,
                        "is \((FileIO.size(path) ?? 0) / 1_048_576) MiB; a feed may be at most \(Self.maximumFeedSize / 1_048_576) MiB"))
            default:
                do throws(PaperboyError) { sources.append(Source(name: path, bytes: try FileIO.read(path))) } catch {
                    problems.append(Diagnostic(file: path, error.description))
                }
            }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return try ingest(sources)
    }

    /// A parsed feed with the date it is for.
    struct DatedFeed {
        var source: Source
        var date: CalendarDate
        var feed: ParsedFeed
    }

    /// Ingests already-read feeds. Nothing is written unless every feed is valid.
    public func ingest(_ sources: [Source]) throws -> Report {
        let feeds = try parse(sources)
        let layout = ContentLayout(root: options.content)
        let createdContent = FileIO.kind(layout.root) == nil
        if createdContent { try FileIO.createDirectory(layout.root) }
        var committed = false
        defer { if createdContent && !committed { FileIO.remove(layout.root) } }

        let (loaded, lock) = try ContentLoader(content: layout.root, contentCache: options.contentCache).loadLocked(
            requireSiteFiles: false, wait: false)
        defer { withExtendedLifetime(lock) {} }
        if !loaded.diagnostics.isEmpty {
            throw DiagnosticList(
                loaded.diagnostics + [
                    Diagnostic(file: layout.root, "fix these problems in Content before ingesting (paperboy check lists them)")
                ])
        }
        var state = IngestState(loaded, layout: layout)

        var summaries: [String] = []
        var warnings: [Diagnostic] = []
        let applying = options.progress?.counter("Ingesting days", total: feeds.count)
        for feed in feeds {
            defer { applying?.tick() }
            warnings += feed.feed.warnings
            let outcome = try state.apply(feed, replace: options.replace)
            warnings += outcome.warnings
            summaries.append(outcome.summary)
        }

        options.progress?.starting("Writing \(state.changed.count + state.touchedDays.count) files")
        var transaction = ContentTransaction(content: layout.root)
        var written: [String] = []
        for (slug, paper) in state.changed.sorted(by: { $0.key < $1.key }) {
            let text = paper.fileText
            if (try? FileIO.readText(layout.paperFile(slug))) != text {
                transaction.stage(text, at: ContentLayout.paperPath(slug))
                written.append(ContentLayout.paperPath(slug))
            }
        }
        for date in state.touchedDays.sorted() {
            let text = state.days[date]!.fileText
            let path = layout.dayFile(date)
            if (try? FileIO.readText(path)) != text {
                transaction.stage(text, at: ContentLayout.dayPath(date))
                written.append(ContentLayout.dayPath(date))
            }
        }
        try transaction.commit()
        committed = true
        ProcessLifetime.keepUntilExit((loaded, state))
        return Report(summaries: summaries, warnings: warnings, writtenFiles: written)
    }

    /// Parses every feed and finds its date; all problems of all feeds are reported together.
    func parse(_ sources: [Source]) throws -> [DatedFeed] {
        if options.date != nil && sources.count > 1 {
            throw PaperboyError("--date names the day of one feed; with several feeds, put a YYYY-MM-DD in each file name")
        }
        var problems: [Diagnostic] = []
        var feeds: [DatedFeed] = []
        let reading = options.progress?.counter("Reading feeds", total: sources.count)
        for source in sources {
            defer { reading?.tick() }
            do throws(Diagnostic) {
                let text = try FeedDecoding.decode(source.bytes, file: source.name)
                let parser = try options.format.parser(for: text, fileName: source.fileName, file: source.name)
                let feed = try parser.parse(text, file: source.name)
                guard let date = options.date ?? feed.date ?? CalendarDate.firstDate(in: source.fileName) else {
                    throw Diagnostic(
                        file: source.name, "no date: give --date YYYY-MM-DD or put the date in the file name (trending-2026-11-26.txt)")
                }
                feeds.append(DatedFeed(source: source, date: date, feed: feed))
            } catch {
                problems.append(error)
            }
        }
        var seen: [CalendarDate: String] = [:]
        for feed in feeds {
            if let other = seen[feed.date] {
                problems.append(Diagnostic(file: feed.source.name, "is for \(feed.date), like \(other); ingest one feed per day"))
            }
            seen[feed.date] = feed.source.name
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return feeds.sorted { $0.date < $1.date }
    }
}
