import PaperboyContent
import PaperboyCore
import PaperboyIncremental
import PaperboyRender
import PaperboySearch
import PaperboySite

/// What a build's steps hand on to each other, in the order they make it.
///
/// A value set by one step is read only by the steps after it (see ``SiteBuilder/steps``):
/// the implicitly unwrapped ones say which step sets them. Once the last step is done, the
/// whole state is what a command keeps until the process exits (see ``ProcessLifetime``).
struct BuildState {
    let options: SiteBuilder.Options
    /// What the build left alone and why (a manifest line it ignored, a file kept behind a link).
    var warnings: [Diagnostic] = []

    // Load content
    /// The output folder, locked and looked at while Content loads (see ``OutputSnapshot``).
    var outputLook: Overlap<OutputSnapshot>!
    /// What the loader read; its identity indexes are not needed, only kept until exit.
    var loaded: ContentLoader.Result!
    var archive: Archive!

    // Load templates
    var templates: TemplateLibrary!

    // Resolve topics and Markdown
    var model: SiteModel!
    /// The content cache with what this build derived, saved while pages render: it
    /// describes Content, whatever becomes of the output.
    var cacheSaving: Overlap<(ContentCache, String)>!
    /// Every page, its path in the site, and its file's path in the output.
    var pages: [Page] = []
    var sitePaths: [String] = []
    var pagePaths: [String] = []

    // Find related papers
    /// The related-papers index, saved while pages render when this build changed it.
    var relatedSaving: Overlap<Void>?
    /// The renderer, every page's fingerprint, and the pages without one, made while feeds
    /// render and the output is prepared.
    var pagesPreparing: Overlap<PreparedPages>!

    // Index for search
    var searchFiles: [SearchFile] = []
    /// The search cache saved with this build's word lists, while pages render.
    var searchCacheSaving: Overlap<Void>!

    // Render feeds and read assets
    var otherFiles: [OutputFile] = []
    var feedCount = 0
    /// Every file this build writes: pages, then feeds and assets (the manifest's order).
    var planned: OutputManifest!

    // Prepare output
    var outputLock: DirectoryLock!
    var outputStart: OutputWriter.Start!
    var snapshot: OutputSnapshot?
    /// The output folder held open for every write: each file's path is walked from it, and
    /// the folders many files share stay open.
    var outputFolder: FileIO.OpenFolder?

    // Render and write pages
    var renderer: PageRenderer!
    var pagesWritten = 0
    var pagesRendered = 0
    /// The records the build started from, and those of the pages as written.
    var records: RecordsTally!

    // Write the search index
    var searchWritten = 0
    /// The page and index records to save, when they changed.
    var newRecords: PageRecords?

    // Write feeds and assets; remove output without a source; save the content cache
    var otherWritten = 0
    var removed = 0
    var savedCache: ContentCache?

    /// Waits for each piece of overlapped work still running: when a step failed, those it
    /// would have awaited.
    func finishOverlaps() async {
        _ = await outputLook?.value
        _ = await cacheSaving?.value
        _ = await relatedSaving?.value
        _ = await pagesPreparing?.value
        _ = await searchCacheSaving?.value
    }

    var output: OutputWriter { OutputWriter(root: options.output) }
}

/// What the renderer prepares while feeds render: see ``BuildState/pagesPreparing``.
struct PreparedPages: Sendable {
    var renderer: PageRenderer
    /// Each page's fingerprint; nil for pages that are always rendered.
    var fingerprints: [UInt64?]
    /// The pages without a fingerprint, rendered, by index.
    var rendered: [Int: [UInt8]]
}
