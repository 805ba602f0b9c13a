import PaperboyCore
import PaperboyIncremental

/// The output folder as the previous build left it, looked at before the build gets to it: on
/// the other core, while Content loads and the model is made, mostly on one.
///
/// It takes the folder's lock first, and the build keeps it: no other build can change the
/// folder between this look and the writes. It then holds the manifest, the page records and
/// the identity of every file the manifest lists: `stat`ing every page is the kernel's work,
/// about 0.1 s, that the render step would otherwise wait for; and it looks for a symbolic link
/// on the way to any of them, which the build refuses. A page changed by hand after
/// this look (during a build) is seen by the next build.
struct OutputSnapshot: Sendable {
    /// The output folder's lock; nil when the folder does not exist yet or another build holds
    /// it (then nothing else was looked at, and the build takes or fails to take the lock itself).
    let lock: DirectoryLock?
    var manifest: OutputManifest?
    var records: PageRecords
    /// Each file's identity, in the manifest's order (nil: not a file, or gone).
    private var identities: [FileIdentity?]
    /// The symbolic links on the way to files the manifest lists, by the file's position in it
    /// (see ``OutputLinkCheck``); the build refuses those on the way to a file it writes again.
    var linksOnListedPaths: [Int: String]

    /// Locks `writer`'s folder, then reads and `stat`s what the previous build left there. Not
    /// when that folder is `content` (under any name): the build locks Content while it loads
    /// it, and refuses such an output afterwards.
    static func take(writer: OutputWriter, purpose: String, content: String) -> OutputSnapshot {
        let none = OutputSnapshot(lock: nil, manifest: nil, records: PageRecords(), identities: [], linksOnListedPaths: [:])
        guard let folder = DirectoryLock.folder(writer.root), folder != DirectoryLock.folder(content),
            let lock = try? DirectoryLock(writer.root, purpose: purpose), lock.folder == folder
        else { return none }
        let records = PageRecords.load(output: writer.root)
        let manifest = writer.previousManifest()
        var identities: [FileIdentity?] = []
        var links: [Int: String] = [:]
        if let manifest, let folder = FileIO.OpenFolder(writer.root) {
            identities = manifest.order.map { folder.entry($0).identity }
            var check = OutputLinkCheck(root: folder)
            links = check.links(in: manifest.order) { identities[$0] != nil }
        }
        return OutputSnapshot(lock: lock, manifest: manifest, records: records, identities: identities, linksOnListedPaths: links)
    }

    /// Whether the snapshot holds the lock of the folder at `path` now (not of one since
    /// removed or moved away: then the build locks the folder that is there).
    func isOfFolder(at path: String) -> Bool {
        lock.map { DirectoryLock.folder(path) == $0.folder } ?? false
    }

    /// The identity the file at `path` (whose ``Digest/of(_:)`` is `hash`) had, if the manifest
    /// lists it; nil when it does not (the caller then looks at the file itself).
    func identity(of path: String, hash: UInt64) -> FileIdentity?? {
        guard let position = manifest?.position(of: path, hash: hash), position < identities.count else { return nil }
        return .some(identities[position])
    }
}
