/// Writes the built site into the output folder, touching only what changed.
///
/// Each file is written beside its target and renamed over it, so a reader or a crash
/// never sees half a file. A file whose bytes are already there is not rewritten, which
/// keeps incremental builds cheap and modification times meaningful for rsync and S3 sync.
public struct OutputWriter: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
    }

    /// Writes one file; returns whether its bytes changed.
    @discardableResult
    public func write(_ file: OutputFile) throws(PaperboyError) -> Bool {
        let path = root + "/" + file.path
        if FileIO.size(path) == file.contents.count, let existing = try? FileIO.read(path), existing == file.contents {
            return false
        }
        if let slash = path.lastIndex(of: "/") {
            let directory = String(path[..<slash])
            if FileIO.kind(directory) != .directory { try FileIO.createDirectory(directory) }
        }
        try FileIO.writeAtomically(file.contents, to: path)
        return true
    }

    /// Removes every file not in `keep` (output that no longer has a source), leftover
    /// temporary files of an interrupted build, and folders left empty. Returns the count removed.
    public func removeFiles(notIn keep: Set<String>) -> Int {
        var removed = 0
        for path in FileIO.walk(root) where !keep.contains(path) {
            FileIO.remove(root + "/" + path)
            removed += 1
        }
        removeEmptyFolders(root, isRoot: true)
        return removed
    }

    private func removeEmptyFolders(_ folder: String, isRoot: Bool) {
        for name in FileIO.list(folder) where FileIO.kind(folder + "/" + name) == .directory {
            removeEmptyFolders(folder + "/" + name, isRoot: false)
        }
        if !isRoot && FileIO.list(folder).isEmpty { FileIO.remove(folder) }
    }
}
