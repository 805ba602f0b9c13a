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
    let writer: RecordedFileWriter
    let progress: ProgressReporter.Counter?

    init(build: BuildState, prepared: PreparedPages, records: PageRecords) {
        pages = build.pages
        sitePaths = build.sitePaths
        pagePaths = build.pagePaths
        self.prepared = prepared
        writer = RecordedFileWriter(build: build, records: records)
        progress = build.options.progress?.counter("Rendering and writing pages", total: build.pages.count)
    }

    /// Every page's outcome, in page order.
    func writeAll() -> [Result<RecordedFileWriter.Outcome, PaperboyError>] {
        Array(pages.indices).parallelMap { index in
            defer { progress?.tick() }
            return Result { () throws(PaperboyError) in try write(index) }
        }
    }

    func write(_ index: Int) throws(PaperboyError) -> RecordedFileWriter.Outcome {
        try writer.write(pagePaths[index], fingerprint: prepared.fingerprints[index]) {
            prepared.rendered[index] ?? prepared.renderer.renderBytes(pages[index], sitePath: sitePaths[index])
        }
    }
}
