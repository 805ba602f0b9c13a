/// Writes the built site into the output folder, touching only what changed.
///
/// Each file is written beside its target and renamed over it, so a reader or a crash
/// never sees half a file. A file whose bytes are already there is not rewritten, which
/// keeps incremental builds cheap and modification times meaningful for rsync and S3 sync.
///
/// The output folder's `.paperboy-manifest` lists the files Paperboy wrote. Only those are
/// ever removed: a `CNAME` or anything else a person put there stays, and a folder that has
/// no manifest and is not empty is refused rather than emptied.
public struct OutputWriter: Sendable {
    public let root: String
    public static let manifestName = ".paperboy-manifest"
    static let manifestHeader = "# Files written by paperboy build; it removes only these when they lose their source.\n"

    public init(root: String) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
    }

    var manifestPath: String { root + "/" + Self.manifestName }

    /// Writes one file; returns whether its bytes changed.
    @discardableResult
    public func write(_ file: OutputFile) throws(PaperboyError) -> Bool {
        let path = root + "/" + file.path
        if FileIO.size(path) == file.contents.count, let existing = try? FileIO.read(path), existing == file.contents {
            return false
        }
        if let directory = FileIO.parentDirectory(of: path), FileIO.kind(directory) != .directory {
            try FileIO.createDirectory(directory)
        }
        try FileIO.writeAtomically(file.contents, to: path)
        return true
    }

    /// The files the previous build wrote; nil when the folder is not a Paperboy output.
    public func previousFiles() -> Set<String>? {
        guard let text = try? FileIO.readText(manifestPath) else { return nil }
        return Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init))
    }

    /// Whether the folder may be built into: it is empty (leftover temporaries aside) or it has a manifest.
    public func isClaimable() -> Bool {
        previousFiles() != nil || FileIO.list(root).allSatisfy { $0.hasSuffix(FileIO.temporarySuffix) }
    }

    /// Records the files this build may write before writing any, together with the previous
    /// build's, so that a build killed half-way still knows everything it may have to remove.
    public func begin(planned: Set<String>) throws(PaperboyError) -> Set<String> {
        let previous = previousFiles() ?? []
        try writeManifest(previous.union(planned))
        return previous
    }

    /// Removes the files the previous build wrote that this one did not, leftover temporaries
    /// of an interrupted build and folders left empty; then records this build's files.
    /// Returns how many files were removed.
    public func finish(written: Set<String>, previous: Set<String>) throws(PaperboyError) -> Int {
        var removed = 0
        var folders = Set<String>()
        for path in previous.subtracting(written) where Self.isSafeRelativePath(path) {
            if FileIO.kind(root + "/" + path, followingLinks: false) == .file {
                FileIO.remove(root + "/" + path)
                removed += 1
            }
            folders.insert(FileIO.parentDirectory(of: path) ?? "")
        }
        for path in FileIO.walk(root) where path.hasSuffix(FileIO.temporarySuffix) {
            FileIO.remove(root + "/" + path)
        }
        // Empty folders left behind, deepest first, never the output folder itself.
        var candidates = Set<String>()
        for folder in folders {
            var current: String? = folder
            while let path = current, !path.isEmpty {
                candidates.insert(path)
                current = FileIO.parentDirectory(of: path)
            }
        }
        for folder in candidates.sorted(by: { $0.count > $1.count }) where FileIO.list(root + "/" + folder).isEmpty {
            FileIO.remove(root + "/" + folder)
        }
        try writeManifest(written)
        return removed
    }

    func writeManifest(_ files: Set<String>) throws(PaperboyError) {
        let text = Self.manifestHeader + files.sorted().map { $0 + "\n" }.joined()
        try FileIO.writeAtomically(Array(text.utf8), to: manifestPath)
    }

    /// A manifest line names a file inside the output folder: never `..`, never absolute.
    static func isSafeRelativePath(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains(where: { $0 == ".." || $0 == "." })
    }
}
