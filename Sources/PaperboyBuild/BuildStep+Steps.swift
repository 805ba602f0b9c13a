import PaperboyContent
import PaperboyCore
import PaperboyDefaults
import PaperboyFeeds
import PaperboyIncremental
import PaperboyRender
import PaperboySearch
import PaperboySite
import PaperboyTemplateCache

/// The steps of `paperboy build`, in the order of ``SiteBuilder/steps``.
///
/// Content and templates are fully checked before the output folder is touched, so a refused
/// build leaves the previous site in place.
extension BuildStep {
    /// Content, locked while it is read, recovered from any interrupted ingest, fully checked.
    /// Meanwhile the output folder is locked and looked at on the other core (records are
    /// only a cache: those that no longer match the output's files are ignored).
    static let loadContent = BuildStep("Load content") { build in
        build.outputLook = Overlap { [output = build.options.output, content = build.options.content] in
            OutputSnapshot.take(writer: OutputWriter(root: output), purpose: SiteBuilder.outputLockPurpose, content: content)
        }
        let options = build.options
        guard FileIO.kind(options.content) == .directory else {
            throw Diagnostic(file: options.content, "no Content folder here (use --content DIR)")
        }
        // An ingest under way finishes first; the lock is let go once Content is in memory.
        let loader = ContentLoader(content: options.content, needsDerived: true, contentCache: ContentCacheFile())
        let (loaded, _) = try loader.loadLocked(wait: true)
        if !loaded.diagnostics.isEmpty { throw DiagnosticList(loaded.diagnostics) }
        guard var archive = loaded.archive else { throw Diagnostic(file: options.content, "cannot read site.yml or topics.yml") }
        if let baseURL = options.baseURL {
            archive.site.baseURL = try SiteConfig.parseBaseURL(baseURL).get()
        }
        build.loaded = loaded
        build.archive = archive
        return "\(archive.days.count) days, \(archive.papers.count) papers (\(loaded.cache.reused) files from the cache)"
    }

    static let loadTemplates = BuildStep("Load templates") { build in
        let folder = build.options.templates
        var templates = try TemplateLibrary(folder: folder)
        let own = templates.sources.count - templates.defaultCount
        var detail = "\(templates.sources.count) templates (\(own) from \(folder), \(templates.defaultCount) default)"
        // Said once, naming the template: every page then goes through swift-mustache.
        if !SpeedSwitches.current.isOn(.skeletons) {
            detail += "; skeletons off (\(SpeedSwitches.variable))"
        } else if let reason = templates.useSkeletons() {
            detail += "; skeletons off: \(reason)"
        }
        build.templates = templates
        return detail
    }

    /// The site model; then, on the other core, the content cache is saved.
    static let resolveModel = BuildStep("Resolve topics and Markdown") { build in
        let cacheLoaded = build.loaded.cache
        let model = SiteModel(archive: build.archive, cached: cacheLoaded)
        build.model = model
        build.cacheSaving = Overlap { [contentFolder = build.options.content] in
            saveDerived(cacheLoaded, model: model, contentFolder: contentFolder)
        }
        // Each page's path, once: for fingerprints, the sitemap, the manifest and the files.
        let (pages, sitePaths) = Page.allWithSitePaths(in: model)
        build.pages = pages
        build.sitePaths = sitePaths
        build.pagePaths = zip(pages, sitePaths).map { $0.outputPath(sitePath: $1) }
        return "\(model.topics.count) topics"
    }

    /// Each paper's related papers: the index the last build saved, extended by the days
    /// since, or made from nothing (see ``RelatedIndex``). Then, on the other core, the pages
    /// are prepared (renderer, fingerprints, the pages without one rendered).
    static let findRelated = BuildStep("Find related papers") { build in
        let update = build.model.findRelated(saved: RelatedIndex.load(content: build.options.content))
        if update.listsMade > 0 {
            build.relatedSaving = Overlap { [index = update.index, content = build.options.content] in index.save(content: content) }
        }
        let model = build.model!, pages = build.pages, sitePaths = build.sitePaths
        build.pagesPreparing = Overlap { [templates = build.templates!] in
            let renderer = PageRenderer(model: model, templates: templates)
            let fingerprints = pages.indices.map { renderer.fingerprint(pages[$0], sitePath: sitePaths[$0]) }
            var rendered: [Int: [UInt8]] = [:]
            for index in pages.indices where fingerprints[index] == nil {
                rendered[index] = renderer.renderBytes(pages[index], sitePath: sitePaths[index])
            }
            return PreparedPages(renderer: renderer, fingerprints: fingerprints, rendered: rendered)
        }
        let listed = update.index.listEntries.enumerated().count { $0.offset % RelatedIndex.listLength == 0 && $0.element >= 0 }
        let made = update.reused == 0 ? "made for every paper" : "\(update.listsMade) made or changed"
        return "\(update.index.count) papers, \(listed) with related papers; lists \(made)"
    }

    /// Every file of the search index, with its fingerprint: its words come from the search
    /// cache where its papers are unchanged, else from the papers (see ``SearchTermCache``).
    static let planSearchIndex = BuildStep("Index for search") { build in
        let cache = SearchTermCache(content: build.options.content)
        let index = SearchIndex(model: build.model, cache: cache)
        build.searchFiles = index.files
        build.searchCacheSaving = Overlap { cache.save(index) }
        return
            "\(index.papers.count) papers, \(build.searchFiles.count) files; \(index.subBlocksRead) of \(index.subBlockCount) word lists read"
    }

    static let renderFeeds = BuildStep("Render feeds and read assets") { build in
        let (feeds, index) = FeedRenderer(model: build.model).renderSplit(pages: build.pages, sitePaths: build.sitePaths)
        let assets = try assetFiles(templates: build.options.templates)
        build.otherFiles = feeds + index + assets
        build.feedCount = feeds.count
        // Pages, then feeds and assets: the manifest's order, the same in every build of this site.
        build.planned = OutputManifest(inOrder: build.pagePaths + build.otherFiles.map(\.path) + build.searchFiles.map(\.path))
        return "\(feeds.count + index.count) feed and index files, \(assets.count) assets"
    }

    /// Locked before it is inspected: a second build is told another one is running, instead
    /// of taking the first one's unfinished output for a folder that is not a Paperboy site.
    static let prepareOutput = BuildStep("Prepare output") { build in
        let options = build.options, output = build.output
        try options.checkOutputIsSafe()
        try FileIO.createDirectory(options.output)
        // The look's lock when it holds the folder's (and with it what it saw), else taken now.
        let look = await build.outputLook.value
        let snapshot = look.isOfFolder(at: options.output) ? look : nil
        build.outputLock = try snapshot?.lock ?? DirectoryLock(options.output, purpose: SiteBuilder.outputLockPurpose)
        guard output.isClaimable() else {
            throw PaperboyError(
                "--output \(options.output) is not empty and was not written by paperboy (no \(OutputWriter.manifestName)); refusing to replace its files. Choose an empty or new folder"
            )
        }
        try options.checkNoLinks(planned: build.planned, snapshot: snapshot)
        let start = try output.begin(planned: build.planned, manifest: snapshot.map(\.manifest))
        build.warnings += start.previous.ignored.map {
            Diagnostic(file: output.manifestPath, line: $0.line, "ignored \"\($0.text)\": \($0.reason)")
        }
        build.snapshot = snapshot
        build.outputStart = start
        build.outputFolder = FileIO.OpenFolder(options.output)
        return options.output
    }

    /// A page whose fingerprint (templates + context) matches the one it was written with,
    /// and whose file is untouched since, is already right: it is not rendered.
    static let writePages = BuildStep("Render and write pages") { build in
        let prepared = await build.pagesPreparing.value
        build.renderer = prepared.renderer
        // No page of a folder that held no site file is current, whatever records say.
        let records =
            build.outputStart.wasEmpty ? PageRecords() : build.snapshot?.records ?? PageRecords.load(output: build.options.output)
        let results = PageWriting(build: build, prepared: prepared, records: records).writeAll()
        var written = 0, rendered = 0
        var tally = RecordsTally(previous: records, capacity: results.count + build.searchFiles.count)
        for result in results {
            let outcome = try result.get()
            written += outcome.changed ? 1 : 0
            rendered += outcome.made ? 1 : 0
            tally.add(key: outcome.key, record: outcome.record, made: outcome.made)
        }
        build.pagesWritten = written
        build.pagesRendered = rendered
        build.records = tally
        var detail = "\(build.pages.count) pages, \(rendered) rendered, \(written) changed"
        if let (filled, direct) = prepared.renderer.templates.renderCounts {
            detail += "; templates: \(filled) filled from skeletons, \(direct) rendered directly"
        }
        return detail
    }

    static let writeOtherFiles = BuildStep("Write feeds and assets") { build in
        let output = build.output, folder = build.outputFolder
        let results = build.otherFiles.parallelMap { file -> Result<Bool, PaperboyError> in
            do throws(PaperboyError) { return .success(try output.write(file, in: folder)) } catch { return .failure(error) }
        }
        var written = 0
        for result in results { written += try result.get() ? 1 : 0 }
        build.otherWritten = written
        return "\(build.otherFiles.count) files, \(written) changed"
    }

    /// The search index's files are planned with the pages (see ``planSearchIndex``); each one
    /// whose fingerprint and file are unchanged since it was written is kept without being made.
    static let writeSearchIndex = BuildStep("Write the search index") { build in
        let writer = RecordedFileWriter(build: build, records: build.records.previous)
        let results = build.searchFiles.parallelMap { file in
            Result { () throws(PaperboyError) in try writer.write(file.path, fingerprint: file.fingerprint, make: file.make) }
        }
        var made = 0, written = 0
        var tally = build.records!
        for result in results {
            let outcome = try result.get()
            made += outcome.made ? 1 : 0
            written += outcome.changed ? 1 : 0
            tally.add(key: outcome.key, record: outcome.record, made: outcome.made)
        }
        build.newRecords = tally.changedRecords
        build.searchWritten = written
        return "\(build.searchFiles.count) files, \(made) made, \(written) changed"
    }

    static let removeStale = BuildStep("Remove output without a source") { build in
        let finish = try build.output.finish(written: build.planned, after: build.outputStart)
        build.warnings += finish.warnings
        build.newRecords?.save(output: build.options.output)
        build.removed = finish.removed
        return "\(finish.removed) removed"
    }

    static let saveContentCache = BuildStep("Save the content cache") { build in
        await build.relatedSaving?.value
        let (cache, detail) = await build.cacheSaving.value
        build.savedCache = cache
        return detail
    }
}

/// The content cache as loaded, with what this build parsed and derived; written only when
/// that changed it.
private func saveDerived(_ loaded: ContentCache, model: SiteModel, contentFolder: String) -> (ContentCache, String) {
    var cache = loaded
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

/// Templates/assets/**, copied as they are: the default theme's, and the site's own over them.
private func assetFiles(templates: String) throws -> [OutputFile] {
    let folder = templates + "/assets"
    var files: [String: [UInt8]] = [:]
    for path in DefaultFiles.templatePaths where path.hasPrefix("assets/") { files[path] = DefaultFiles.template(path) }
    for path in FileIO.walk(folder) { files["assets/" + path] = try FileIO.read(folder + "/" + path) }
    return files.keys.sorted().map { OutputFile(path: $0, contents: files[$0]!) }
}
