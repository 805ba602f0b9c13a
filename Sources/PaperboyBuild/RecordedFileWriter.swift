import PaperboyCore
import PaperboyIncremental

/// Writes the output files that have records (pages, search index files): a file whose
/// fingerprint and file are unchanged since its record was taken is kept without being made.
struct RecordedFileWriter: Sendable {
    let output: OutputWriter
    let folder: FileIO.OpenFolder?
    let records: PageRecords
    /// What the output held when the build began.
    let snapshot: OutputSnapshot?
    /// The folder held no site file: no file in it is current.
    let outputWasEmpty: Bool

    init(build: BuildState, records: PageRecords) {
        output = build.output
        folder = build.outputFolder
        self.records = records
        snapshot = build.snapshot
        outputWasEmpty = build.outputStart.wasEmpty
    }

    /// What happened to one file.
    struct Outcome: Sendable {
        /// The file's path's ``Digest/of(_:)``, its key in ``PageRecords``.
        var key: UInt64
        /// Made again, not kept as it was.
        var made: Bool
        /// Its bytes on disk changed.
        var changed: Bool
        var record: PageRecords.Record? = nil
    }

    /// Writes the file at `path` with the bytes `make` gives, unless its `fingerprint` says it
    /// is current; a file without a fingerprint is always made and compared with its file.
    func write(_ path: String, fingerprint: UInt64?, make: () -> [UInt8]) throws(PaperboyError) -> Outcome {
        let key = Digest.of(path), previous = records.record(key: key)
        // What the snapshot saw of the file; in a folder that held no site file, that there is none.
        let known: FileIdentity?? = outputWasEmpty ? .some(nil) : snapshot?.identity(of: path, hash: key)
        if let fingerprint, output.isCurrent(path, fingerprint: fingerprint, record: previous, folder: folder, known: known) {
            return Outcome(key: key, made: false, changed: false, record: previous)
        }
        let file = OutputFile(path: path, contents: make())
        guard let fingerprint else {
            return Outcome(key: key, made: true, changed: try output.write(file, in: folder))
        }
        let (changed, record) = try output.write(file, fingerprint: fingerprint, in: folder, known: known)
        return Outcome(key: key, made: true, changed: changed, record: record)
    }
}
