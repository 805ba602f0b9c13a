import Foundation

/// `paperboy build`: Content and Templates in, a static site out.
///
/// The build is a list of named steps (see ``run()``); each logs what it did, and an
/// error says which step failed. Content and templates are fully checked before the
/// output folder is touched, so a refused build leaves the previous site in place.
public struct SiteBuilder {
    public struct Options: Sendable {
        public var content: String
        public var templates: String
        public var output: String
        /// Overrides site.yml's `base_url` (deploy previews, sub-path tests).
        public var baseURL: String?

        public init(content: String = "Content", templates: String = "Templates", output: String = "Public", baseURL: String? = nil) {
            self.content = content
            self.templates = templates
            self.output = output
            self.baseURL = baseURL
        }
    }

    /// What a build did.
    public struct Report: Sendable {
        public var pages: Int
        public var feeds: Int
        public var assets: Int
        public var written: Int
        public var unchanged: Int
        public var removed: Int
        public var seconds: Double
        /// Paper count per topic slug, in taxonomy order.
        public var topicCounts: [(slug: String, count: Int)]
    }

    /// A failure inside one step, named.
    public struct StepError: Error, CustomStringConvertible {
        public var step: String
        public var underlying: Error
        public var description: String { "build step \"\(step)\" failed:\n\(underlying)" }
    }

    public let options: Options
    let log: @Sendable (String) -> Void

    public init(options: Options, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.options = options
        self.log = log
    }

    public func run() throws -> Report {
        let start = DispatchTime.now()
        var stepNumber = 0
        let stepCount = 6
        func step<T>(_ name: String, _ body: () throws -> (T, String)) throws -> T {
            stepNumber += 1
            let stepStart = DispatchTime.now()
            do {
                let (value, detail) = try body()
                log("[\(stepNumber)/\(stepCount)] \(name): \(detail) (\(Self.elapsed(since: stepStart)))")
                return value
            } catch {
                throw StepError(step: name, underlying: error)
            }
        }

        let archive: Archive = try step("Load content") {
            let archive = try loadContent()
            return (archive, "\(archive.days.count) days, \(archive.papers.count) papers")
        }
        let templates: TemplateLibrary = try step("Load templates") {
            (try TemplateLibrary(folder: options.templates), "\(TemplateLibrary.pageTemplates.count) templates from \(options.templates)")
        }
        let model: SiteModel = try step("Resolve topics and Markdown") {
            let model = SiteModel(archive: archive)
            return (model, "\(model.topics.count) topics")
        }

        let output = OutputWriter(root: options.output)
        // Locked before it is inspected: a second build is told another one is running, instead of
        // taking the first one's unfinished output for a folder that is not a Paperboy site.
        let lock: DirectoryLock = try step("Prepare output") {
            try checkOutputIsSafe()
            try FileIO.createDirectory(options.output)
            let lock = try DirectoryLock(options.output, purpose: "building into this folder")
            try claimOutput()
            return (lock, options.output)
        }
        defer { withExtendedLifetime(lock) {} }

        let renderer = PageRenderer(model: model, templates: templates)
        let pages = Page.all(in: model)
        let pageResults: [Result<Bool, PaperboyError>] = try step("Render pages") {
            let results = pages.parallelMap { page -> Result<Bool, PaperboyError> in
                let file = OutputFile(path: page.outputPath(in: model), text: renderer.render(page))
                do throws(PaperboyError) { return .success(try output.write(file)) } catch { return .failure(error) }
            }
            return (results, "\(pages.count) pages")
        }
        let other: [Result<Bool, PaperboyError>] = try step("Render feeds and copy assets") {
            let files = FeedRenderer(model: model).render() + (try assetFiles())
            otherPaths = files.map(\.path)
            let results = files.parallelMap { file -> Result<Bool, PaperboyError> in
                do throws(PaperboyError) { return .success(try output.write(file)) } catch { return .failure(error) }
            }
            return (results, "\(files.count) files")
        }
        var written = 0
        for result in pageResults + other {
            switch result {
            case let .success(changed): written += changed ? 1 : 0
            case let .failure(error): throw StepError(step: "Write output", underlying: error)
            }
        }
        let keep = Set(pages.map { $0.outputPath(in: model) } + otherPaths)
        let removed = output.removeFiles(notIn: keep)
        let feedCount = otherPaths.filter { $0.hasSuffix(".xml") || $0.hasSuffix(".json") }.count
        return Report(
            pages: pages.count, feeds: feedCount, assets: otherPaths.count - feedCount, written: written,
            unchanged: keep.count - written, removed: removed, seconds: Self.seconds(since: start),
            topicCounts: model.topics.map { ($0.slug, $0.papers.count) })
    }

    private var otherPaths: [String] {
        get { otherPathsBox.value }
        nonmutating set { otherPathsBox.value = newValue }
    }
    private let otherPathsBox = Box<[String]>([])

    /// Step 1: Content, locked while it is read, recovered from any interrupted ingest, fully checked.
    func loadContent() throws -> Archive {
        guard FileIO.kind(options.content) == .directory else {
            throw Diagnostic(file: options.content, "no Content folder here (use --content DIR)")
        }
        let lock = try DirectoryLock(options.content, purpose: "writing to this Content folder", wait: true)
        try ContentTransaction.recover(content: options.content)
        let loaded = ContentLoader(content: options.content).load()
        withExtendedLifetime(lock) {}
        if !loaded.diagnostics.isEmpty { throw DiagnosticList(loaded.diagnostics) }
        guard var archive = loaded.archive else { throw Diagnostic(file: options.content, "cannot read site.yml or topics.yml") }
        if let baseURL = options.baseURL {
            guard SiteConfig.isValidBaseURL(baseURL) else {
                throw Diagnostic(file: "--base-url", "\(baseURL) is not an absolute http(s) URL")
            }
            archive.site.baseURL = SiteConfig.normalizedBaseURL(baseURL)
        }
        return archive
    }

    /// Stale-output removal deletes files: never let it point at the user's data.
    func checkOutputIsSafe() throws {
        let output = Self.absolute(options.output)
        for (name, folder) in [("Content", options.content), ("Templates", options.templates)] {
            let other = Self.absolute(folder)
            if other == output || other.hasPrefix(output + "/") || output == "/" {
                throw PaperboyError("--output \(options.output) contains the \(name) folder; building there would delete it")
            }
        }
    }

    /// Under the output lock: refuses a non-empty folder that is not a Paperboy site, and marks an
    /// empty one as a site at once (a placeholder sitemap.xml, replaced at the end), so that a
    /// first build killed half-way leaves a folder the next build recognises and finishes.
    func claimOutput() throws {
        // (Leftover temporaries of a killed build do not count: they are removed at the end.)
        let names = FileIO.list(options.output).filter { !$0.hasSuffix(FileIO.temporarySuffix) }
        if names.isEmpty {
            let placeholder = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"></urlset>\n"
            try FileIO.writeAtomically(Array(placeholder.utf8), to: options.output + "/sitemap.xml")
        } else if FileIO.kind(options.output + "/sitemap.xml") == nil {
            throw PaperboyError("--output \(options.output) is not empty and is not a Paperboy site (no sitemap.xml); refusing to replace its files. Choose an empty or new folder")
        }
    }

    /// Templates/assets/**, copied as they are.
    func assetFiles() throws -> [OutputFile] {
        let folder = options.templates + "/assets"
        var files: [OutputFile] = []
        for path in FileIO.walk(folder) {
            files.append(OutputFile(path: "assets/" + path, contents: try FileIO.read(folder + "/" + path)))
        }
        return files
    }

    static func absolute(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        return url.path
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    static func elapsed(since start: DispatchTime) -> String {
        String(format: "%.2f s", seconds(since: start))
    }
}

/// A mutable slot in an otherwise immutable value.
final class Box<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}
