/// The output folder as the previous build left it, looked at before the build gets to it: on
/// the other core, while Content loads and the model is made, mostly on one.
///
/// It holds the manifest, the page records and the identity of every file the manifest lists:
/// `stat`ing 76,000 pages is the kernel's work, about 0.1 s, that the render step would
/// otherwise wait for. It is used only if, once the build holds the folder's lock, neither
/// the manifest nor the records file has changed since (another build would have rewritten
/// both); otherwise the build looks at the files again (``OutputSnapshot/isCurrent(writer:)``).
struct OutputSnapshot: Sendable {
    var manifest: OutputManifest?
    var records: PageRecords
    /// Each file's identity, in the manifest's order (nil: not a file, or gone).
    private var identities: [FileIdentity?]
    private var manifestFile: FileIdentity?
    private var recordsFile: FileIdentity?

    /// Reads and `stat`s what the previous build left in `writer`'s folder. The identities of the
    /// manifest and records files are taken first, so a change while they are read shows.
    static func take(writer: OutputWriter) -> OutputSnapshot {
        let recordsPath = PageRecords.file(output: writer.root)
        let recordsFile = recordsPath.flatMap { FileIO.identity($0) }
        let records = PageRecords.load(output: writer.root)
        let manifestFile = FileIO.identity(writer.manifestPath)
        let manifest = writer.previousManifest()
        var identities: [FileIdentity?] = []
        if let manifest, let folder = FileIO.OpenFolder(writer.root) {
            identities = manifest.order.map { FileIO.identity($0, in: folder) }
        }
        return OutputSnapshot(manifest: manifest, records: records, identities: identities, manifestFile: manifestFile, recordsFile: recordsFile)
    }

    /// Whether the manifest and the records file are as they were when the snapshot was taken.
    func isCurrent(writer: OutputWriter) -> Bool {
        manifestFile == FileIO.identity(writer.manifestPath) && recordsFile == PageRecords.file(output: writer.root).flatMap { FileIO.identity($0) }
    }

    /// The identity the file at `path` (whose ``Digest/of(_:)`` is `hash`) had, if the manifest
    /// lists it; nil when it does not (the caller then looks at the file itself).
    func identity(of path: String, hash: UInt64) -> FileIdentity?? {
        guard let position = manifest?.position(of: path, hash: hash), position < identities.count else { return nil }
        return .some(identities[position])
    }
}
