import PaperboyCore
import PaperboyIncremental
import PaperboyRender
import PaperboySite

/// The pages of one build, rendered and written on all cores, each only when its fingerprint
/// or its file says it is not already right.
struct PageWriting: Sendable {
    let pages: [Page]
    let sitePaths: [String]
    let pagePaths: [String]
    let prepared: PreparedPages
    let records: PageRecords
    let output: OutputWriter
    let folder: FileIO.OpenFolder?
    /// The folder held no site file: no page in it is current.
    let outputWasEmpty: Bool
    let snapshot: OutputSnapshot?
    let progress: ProgressReporter.Counter?

    init(build: BuildState, prepared: PreparedPages, records: PageRecords) {
        pages = build.pages
        sitePaths = build.sitePaths
        pagePaths = build.pagePaths
        self.prepared = prepared
        self.records = records
        output = build.output
        folder = build.outputFolder
        outputWasEmpty = build.outputStart.wasEmpty
        snapshot = build.snapshot
        progress = build.options.progress?.counter("Rendering and writing pages", total: build.pages.count)
    }

    /// What happened to one page.
    struct Outcome: Sendable {
        /// The page's path's ``Digest/of(_:)``, its key in ``PageRecords``.
        var key: UInt64
        var rendered: Bool
        var changed: Bool
        var record: PageRecords.Record? = nil
    }

    /// Every page's outcome, in page order.
    func writeAll() -> [Result<Outcome, PaperboyError>] {
        Array(pages.indices).parallelMap { index in
            defer { progress?.tick() }
            do throws(PaperboyError) { return .success(try write(index)) } catch { return .failure(error) }
        }
    }

    func write(_ index: Int) throws(PaperboyError) -> Outcome {
        let path = pagePaths[index], fingerprint = prepared.fingerprints[index]
        let key = Digest.of(path), previous = records.record(key: key)
        // What the snapshot saw of the file; in a folder that held no site file, that there is none.
        let known: FileIdentity?? = outputWasEmpty ? .some(nil) : snapshot?.identity(of: path, hash: key)
        if let fingerprint, output.isCurrent(path, fingerprint: fingerprint, record: previous, folder: folder, known: known) {
            return Outcome(key: key, rendered: false, changed: false, record: previous)
        }
        let contents = prepared.rendered[index] ?? prepared.renderer.renderBytes(pages[index], sitePath: sitePaths[index])
        let file = OutputFile(path: path, contents: contents)
        guard let fingerprint else {
            return Outcome(key: key, rendered: true, changed: try output.write(file, in: folder))
        }
        let (changed, record) = try output.write(file, fingerprint: fingerprint, in: folder, known: known)
        return Outcome(key: key, rendered: true, changed: changed, record: record)
    }
}
