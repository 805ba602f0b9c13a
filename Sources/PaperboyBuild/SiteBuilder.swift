import Foundation
import PaperboyContent
import PaperboyCore
import PaperboyFeeds
import PaperboyIncremental
import PaperboyRender
import PaperboySite

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
        /// Pages rendered; the others were already in place with the same fingerprint.
        public var rendered: Int
        public var removed: Int
        public var seconds: Double
        /// Paper count per topic slug, in taxonomy order.
        public var topicCounts: [(slug: String, count: Int)]
        /// What the build left alone and why (a manifest line it ignored, a file kept behind a link).
        public var warnings: [Diagnostic]
    }

    static let outputLockPurpose = "building into this folder"

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

    /// Runs every step; throws a ``StepError`` naming the step that failed.
    public func run() throws -> Report {
        let start = DispatchTime.now()
        var warnings: [Diagnostic] = []
        var stepNumber = 0
        let stepCount = 9
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

        // The output folder locked and looked at on the other core (see OutputSnapshot). Records
        // are only a cache: those that no longer match the output's files are ignored.
        let snapshotting = Background { [output = options.output, content = options.content] in
            OutputSnapshot.take(writer: OutputWriter(root: output), purpose: Self.outputLockPurpose, content: content)
        }
        let (archive, cacheLoaded): (Archive, ContentCache) = try step("Load content") {
            let (archive, cache) = try loadContent()
            return ((archive, cache), "\(archive.days.count) days, \(archive.papers.count) papers (\(cache.reused) files from the cache)")
        }
        let templates: TemplateLibrary = try step("Load templates") {
            let skeletons = SpeedSwitches.current.isOn(.skeletons)
            let templates = try TemplateLibrary(folder: options.templates, skeletons: skeletons)
            var detail = "\(TemplateLibrary.pageTemplates.count) templates from \(options.templates)"
            // Said once, naming the template: every page then goes through swift-mustache.
            if !skeletons {
                detail += "; skeletons off (\(SpeedSwitches.variable))"
            } else if let reason = templates.whyRenderedDirectly {
                detail += "; skeletons off: \(reason)"
            }
            return (templates, detail)
        }
        let model: SiteModel = try step("Resolve topics and Markdown") {
            let model = SiteModel(archive: archive, cached: cacheLoaded)
            return (model, "\(model.topics.count) topics")
        }
        // The content cache takes what this build parsed and derived, and is saved while the
        // pages render: it describes Content, whatever becomes of the output.
        let cacheSaving = Background { [contentFolder = options.content] () -> (ContentCache, String) in
            var cache = cacheLoaded
            for slug in model.freshlyDerived {
                let paper = model.papers[slug]!
                cache.store(
                    .init(
                        abstractHTML: paper.storedAbstractHTML, excerpt: paper.storedExcerpt, topics: paper.topics,
                        cardDigest: paper.cardDigest, contentDigest: paper.contentDigest),
                    slug: slug)
            }
            guard cache.isModified else { return (cache, "unchanged") }
            cache.save(ContentLayout(root: contentFolder))
            return (cache, "\(cache.papers.count + cache.days.count) files")
        }

        // Each page's path, once: for fingerprints, the sitemap, the manifest and the files.
        let (pages, sitePaths) = Page.allWithSitePaths(in: model)
        // The renderer (with what it knows of every list), every page's fingerprint, and the
        // pages that have none (always rendered), are made on the other core while feeds are
        // rendered and the output folder prepared, mostly on one.
        let pagesPreparing = Background { () -> (renderer: PageRenderer, fingerprints: [UInt64?], rendered: [Int: [UInt8]]) in
            let renderer = PageRenderer(model: model, templates: templates)
            let fingerprints = pages.indices.map { renderer.fingerprint(pages[$0], sitePath: sitePaths[$0]) }
            var rendered: [Int: [UInt8]] = [:]
            for index in pages.indices where fingerprints[index] == nil {
                rendered[index] = renderer.renderBytes(pages[index], sitePath: sitePaths[index])
            }
            return (renderer, fingerprints, rendered)
        }
        let pagePaths = zip(pages, sitePaths).map { $0.outputPath(sitePath: $1) }
        let (otherFiles, feedCount): ([OutputFile], Int) = try step("Render feeds and read assets") {
            let (feeds, index) = FeedRenderer(model: model).renderSplit(pages: pages, sitePaths: sitePaths)
            let assets = try assetFiles()
            return ((feeds + index + assets, feeds.count), "\(feeds.count + index.count) feed and index files, \(assets.count) assets")
        }
        // Pages, then feeds and assets: the manifest's order, the same in every build of this site.
        let planned = OutputManifest(inOrder: pagePaths + otherFiles.map(\.path))

        let output = OutputWriter(root: options.output)
        // Locked before it is inspected: a second build is told another one is running, instead of
        // taking the first one's unfinished output for a folder that is not a Paperboy site.
        let (lock, outputStart, snapshot): (DirectoryLock, OutputWriter.Start, OutputSnapshot?) = try step("Prepare output") {
            try checkOutputIsSafe()
            try FileIO.createDirectory(options.output)
            // The snapshot's lock when it holds the folder's (and with it what it saw), else taken now.
            let taken = snapshotting.take()
            let snapshot = taken.isOfFolder(at: options.output) ? taken : nil
            let lock = try snapshot?.lock ?? DirectoryLock(options.output, purpose: Self.outputLockPurpose)
            guard output.isClaimable() else {
                throw PaperboyError(
                    "--output \(options.output) is not empty and was not written by paperboy (no \(OutputWriter.manifestName)); refusing to replace its files. Choose an empty or new folder"
                )
            }
            try checkNoLinks(planned: planned, snapshot: snapshot)
            let start = try output.begin(planned: planned, manifest: snapshot.map(\.manifest))
            warnings += start.previous.ignored.map {
                Diagnostic(file: output.manifestPath, line: $0.line, "ignored \"\($0.text)\": \($0.reason)")
            }
            return ((lock, start, snapshot), options.output)
        }
        defer { withExtendedLifetime(lock) {} }
        // The output folder held open for every write: each file's path is walked from it, and the
        // folders many files share stay open.
        let folder = FileIO.OpenFolder(options.output)

        let (pagesWritten, pagesRendered, newRecords): (Int, Int, PageRecords?) = try step("Render and write pages") {
            // A page whose fingerprint (templates + context) matches the one it was written
            // with, and whose file is untouched since, is already right: it is not rendered.
            let (renderer, fingerprints, prerendered) = pagesPreparing.take()
            ProcessLifetime.keepUntilExit(renderer)
            // No page of a folder that held no site file is current, whatever records say.
            let records = outputStart.wasEmpty ? PageRecords() : snapshot?.records ?? PageRecords.load(output: options.output)
            let results = Array(pages.indices).parallelMap { index -> Result<PageOutcome, PaperboyError> in
                let path = pagePaths[index], fingerprint = fingerprints[index]
                let key = Digest.of(path), previous = records.record(key: key)
                // What the snapshot saw of the file; in a folder that held no site file, that there is none.
                let known: FileIdentity?? = outputStart.wasEmpty ? .some(nil) : snapshot?.identity(of: path, hash: key)
                if let fingerprint, output.isCurrent(path, fingerprint: fingerprint, record: previous, folder: folder, known: known) {
                    return .success(PageOutcome(key: key, rendered: false, changed: false, record: previous))
                }
                let file = OutputFile(
                    path: path, contents: prerendered[index] ?? renderer.renderBytes(pages[index], sitePath: sitePaths[index]))
                do throws(PaperboyError) {
                    guard let fingerprint else {
                        return .success(PageOutcome(key: key, rendered: true, changed: try output.write(file, in: folder)))
                    }
                    let (changed, record) = try output.write(file, fingerprint: fingerprint, in: folder, known: known)
                    return .success(PageOutcome(key: key, rendered: true, changed: changed, record: record))
                } catch { return .failure(error) }
            }
            var written = 0, rendered = 0
            var keys: [UInt64] = [], kept: [PageRecords.Record] = []
            keys.reserveCapacity(results.count)
            kept.reserveCapacity(results.count)
            var recordsChanged = false
            for result in results {
                let outcome = try result.get()
                written += outcome.changed ? 1 : 0
                rendered += outcome.rendered ? 1 : 0
                guard let record = outcome.record else { continue }
                if outcome.rendered { recordsChanged = true }
                keys.append(outcome.key)
                kept.append(record)
            }
            // Records to save only when a fingerprinted page was rendered or a page went away.
            recordsChanged = recordsChanged || keys.count != records.count
            var detail = "\(pages.count) pages, \(rendered) rendered, \(written) changed"
            if let (filled, direct) = renderer.templates.renderCounts {
                detail += "; templates: \(filled) filled from skeletons, \(direct) rendered directly"
            }
            return ((written, rendered, recordsChanged ? PageRecords(keys: keys, records: kept) : nil), detail)
        }
        let otherWritten: Int = try step("Write feeds and assets") {
            let results = otherFiles.parallelMap { file -> Result<Bool, PaperboyError> in
                do throws(PaperboyError) { return .success(try output.write(file, in: folder)) } catch { return .failure(error) }
            }
            let written = try Self.countWritten(results)
            return (written, "\(otherFiles.count) files, \(written) changed")
        }
        let removed: Int = try step("Remove output without a source") {
            let finish = try output.finish(written: planned, after: outputStart)
            warnings += finish.warnings
            newRecords?.save(output: options.output)
            return (finish.removed, "\(finish.removed) removed")
        }
        let cache: ContentCache = try step("Save the content cache") { cacheSaving.take() }
        ProcessLifetime.keepUntilExit((archive, model, pages, planned, outputStart, snapshot, newRecords, cache, otherFiles))
        let written = pagesWritten + otherWritten
        return Report(
            pages: pages.count, feeds: feedCount, assets: otherFiles.count - feedCount, written: written,
            unchanged: planned.count - written, rendered: pagesRendered, removed: removed, seconds: Self.seconds(since: start),
            topicCounts: model.topics.map { ($0.slug, $0.papers.count) }, warnings: warnings)
    }

    /// What happened to one page.
    struct PageOutcome: Sendable {
        /// The page's path's ``Digest/of(_:)``, its key in ``PageRecords``.
        var key: UInt64
        var rendered: Bool
        var changed: Bool
        var record: PageRecords.Record? = nil
    }

    static func countWritten(_ results: [Result<Bool, PaperboyError>]) throws(PaperboyError) -> Int {
        var written = 0
        for result in results {
            switch result {
            case let .success(changed): written += changed ? 1 : 0
            case let .failure(error): throw error
            }
        }
        return written
    }

    /// Step 1: Content, locked while it is read, recovered from any interrupted ingest, fully checked.
    func loadContent() throws -> (Archive, ContentCache) {
        guard FileIO.kind(options.content) == .directory else {
            throw Diagnostic(file: options.content, "no Content folder here (use --content DIR)")
        }
        // An ingest under way finishes first; the lock is let go once Content is in memory.
        let (loaded, _) = try ContentLoader(content: options.content, needsDerived: true, contentCache: ContentCacheFile()).loadLocked(
            wait: true)
        if !loaded.diagnostics.isEmpty { throw DiagnosticList(loaded.diagnostics) }
        // The identity indexes a build does not need: freed at exit (see ProcessLifetime).
        ProcessLifetime.keepUntilExit(loaded)
        guard var archive = loaded.archive else { throw Diagnostic(file: options.content, "cannot read site.yml or topics.yml") }
        if let baseURL = options.baseURL {
            archive.site.baseURL = try SiteConfig.parseBaseURL(baseURL).get()
        }
        return (archive, loaded.cache)
    }

    /// Stale-output removal deletes files: never let it point at the user's data.
    func checkOutputIsSafe() throws {
        guard !options.output.isEmpty else { throw PaperboyError("--output is empty; name the folder to build into") }
        let output = FileIO.absolutePath(options.output)
        if output == "/" { throw PaperboyError("--output / would build into the file system's root") }
        for (name, folder) in [("Content", options.content), ("Templates", options.templates)] {
            let other = FileIO.absolutePath(folder)
            if other == output || other.hasPrefix(output + "/") {
                throw PaperboyError("--output \(options.output) contains the \(name) folder; building there would delete it")
            }
            if output.hasPrefix(other + "/") {
                throw PaperboyError("--output \(options.output) is inside the \(name) folder \(folder); build somewhere else")
            }
        }
    }

    /// Refuses, before anything is written, a symbolic link on the way to any file the build
    /// writes: writing through it could change files outside the output folder. A link the
    /// build has no business with stays as it is.
    func checkNoLinks(planned: OutputManifest, snapshot: OutputSnapshot?) throws(PaperboyError) {
        guard let root = FileIO.OpenFolder(options.output) else { throw PaperboyError("\(options.output): \(FileIO.errorText())") }
        var check = OutputLinkCheck(root: root)
        var link = check.firstLink(in: [OutputWriter.manifestName, OutputWriter.buildingMarkerName])
        if let snapshot, let manifest = snapshot.manifest {
            // The snapshot looked at the way to every file the manifest lists; the others are
            // looked at here (none in the usual rebuild, whose files are the manifest's).
            link = link ?? snapshot.linksOnListedPaths.sorted { $0.key < $1.key }.first { planned.contains(manifest.order[$0.key]) }?.value
            if link == nil, planned.order != manifest.order {
                link = check.firstLink(in: planned.order.filter { !manifest.contains($0) })
            }
        } else {
            link = link ?? check.firstLink(in: planned.order)
        }
        if let link {
            throw PaperboyError(
                "\(options.output)/\(link): is a symbolic link where the build writes; paperboy never writes through a link, which could change files outside the output folder. Replace it with a real folder or file, or build into another folder. Nothing was written"
            )
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

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    static func elapsed(since start: DispatchTime) -> String {
        String(format: "%.2f s", seconds(since: start))
    }
}
