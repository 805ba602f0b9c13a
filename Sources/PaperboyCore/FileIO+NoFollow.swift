import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes and removals below a folder held open, one path component at a time, never through
/// a symbolic link.
///
/// The folders Paperboy writes into (the output, Content, the cache) may hold links a person
/// made. Following one would write or delete files outside the folder the user named, so every
/// folder on the way is opened with `O_NOFOLLOW | O_DIRECTORY` from the one before, files are
/// opened with `O_NOFOLLOW`, and renames and removals name a single entry of an open folder
/// (`renameat`, `unlinkat`). A link where a write must go is refused with a message naming it.
extension FileIO.OpenFolder {
    /// What a name in this folder is, looked at without following a link.
    package enum Entry: Sendable, Equatable {
        case missing
        case file(FileIdentity)
        case directory
        case symlink
        case other

        /// The file's identity when this is a regular file.
        package var identity: FileIdentity? {
            if case let .file(identity) = self { identity } else { nil }
        }
    }

    /// What `name` (one component, or a path whose folders were checked) is, without following it.
    package func entry(_ name: String) -> Entry {
        var info = stat()
        guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return FileIO.identity(of: info).map(Entry.file) ?? .other
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    /// The folder `relative` (components separated by `/`) below this one, each component
    /// opened without following a link; nil when one is missing and `create` is false.
    /// Throws, naming it, when a component is a symbolic link or not a folder.
    /// `likelyMissing` says the last folder is probably not there yet (it is then made before it
    /// is opened, not after a failed open).
    package func folder(_ relative: String, create: Bool, likelyMissing: Bool = false) throws(PaperboyError) -> FileIO.OpenFolder? {
        var current = self
        // By bytes (`/` is ASCII), not by characters: called once per file written.
        var components = relative.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)[...]
        guard let last = components.popLast() else { return self }
        // The folders above the last are shared by many files (`papers/` by every paper's
        // folder): kept open, found by their path.
        if let first = components.first, let end = components.last?.endIndex {
            let above = String(relative[first.startIndex..<end])
            if let kept = openFolders.folder(above) {
                current = kept
            } else {
                for component in components {
                    guard let next = try current.child(String(Substring(component)), create: create) else { return nil }
                    current = next
                }
                openFolders.keep(current, as: above)
            }
        }
        return try current.child(String(Substring(last)), create: create, makeFirst: likelyMissing)
    }

    /// Lets go of the folders kept open below this one (one may have been removed since).
    package func forgetOpenFolders() {
        openFolders.removeAll()
    }

    /// The folder `name` in this one, opened without following a link (made first when
    /// `create` and missing); nil when missing and not `create`.
    private func child(_ name: String, create: Bool, makeFirst: Bool = false) throws(PaperboyError) -> FileIO.OpenFolder? {
        let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
        if create, makeFirst, mkdirat(descriptor, name, 0o755) != 0, errno != EEXIST {
            throw PaperboyError("\(path)/\(name): \(FileIO.errorText())")
        }
        var fd = openat(descriptor, name, flags)
        if fd < 0, errno == ENOENT {
            guard create else { return nil }
            if mkdirat(descriptor, name, 0o755) != 0, errno != EEXIST {
                throw PaperboyError("\(path)/\(name): \(FileIO.errorText())")
            }
            fd = openat(descriptor, name, flags)
        }
        guard fd >= 0 else {
            let message = FileIO.errorText()
            switch entry(name) {
            case .symlink: throw FileIO.linkRefusal(path + "/" + name)
            case .file, .other: throw PaperboyError("\(path)/\(name): is not a folder")
            case .missing, .directory: throw PaperboyError("\(path)/\(name): \(message)")
            }
        }
        return FileIO.OpenFolder(descriptor: fd, path: path + "/" + name)
    }

    /// The folder holding `relative` and the file's own name: `a/b/c.html` gives folder `a/b`.
    package func parent(
        of relative: String, create: Bool, likelyMissing: Bool = false
    ) throws(PaperboyError) -> (folder: FileIO.OpenFolder, name: String)? {
        guard let slash = relative.utf8.lastIndex(of: UInt8(ascii: "/")) else { return (self, relative) }
        let name = String(relative[relative.utf8.index(after: slash)...])
        guard let folder = try folder(String(relative[..<slash]), create: create, likelyMissing: likelyMissing) else { return nil }
        return (folder, name)
    }

    /// The bytes of the regular file `name` in this folder; a link is not followed.
    package func read(_ name: String) throws(PaperboyError) -> [UInt8] {
        let fd = openat(descriptor, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            // Read before `entry` looks, which sets errno again.
            let message = FileIO.errorText()
            if entry(name) == .symlink { throw FileIO.linkRefusal(path + "/" + name) }
            throw PaperboyError("\(path)/\(name): \(message)")
        }
        return try FileIO.read(descriptor: fd, path: path + "/" + name)
    }

    /// Writes `bytes` beside `name` and renames it over it; returns the file's identity once in
    /// place, taken from the still open file (a rename changes its status time). A link at
    /// `name` is replaced, never written through (callers that must keep links look first).
    /// - Parameter durable: also flush to disk before the rename (for Content, the user's data).
    @discardableResult
    package func writeAtomically(_ bytes: [UInt8], to name: String, durable: Bool = false) throws(PaperboyError) -> FileIdentity? {
        try writeAtomically(to: name, durable: durable) { emit in emit(bytes) }
    }

    /// ``writeAtomically(_:to:durable:)`` of the parts `produce` passes to its `emit` one after
    /// the other. `emit` returns false once writing failed; `produce` returns false to give up.
    @discardableResult
    package func writeAtomically(
        to name: String, durable: Bool = false, _ produce: (_ emit: ([UInt8]) -> Bool) -> Bool
    ) throws(PaperboyError) -> FileIdentity? {
        let temporary = FileIO.temporaryPath(for: name)
        let fd = openat(descriptor, temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            // Read before `entry` looks, which sets errno again: a full disk must say so.
            let message = FileIO.errorText()
            if entry(temporary) == .symlink { throw FileIO.linkRefusal(path + "/" + temporary) }
            throw PaperboyError("\(path)/\(name): \(message)")
        }
        defer { close(fd) }
        var failure: String?
        let produced = produce { part in
            guard failure == nil else { return false }
            if !part.withUnsafeBytes({ FileIO.writeAll(fd, $0) }) { failure = FileIO.errorText() }
            return failure == nil
        }
        if !produced, failure == nil { failure = "not written" }
        if failure == nil, durable, fsync(fd) != 0 { failure = FileIO.errorText() }
        if failure == nil, renameat(descriptor, temporary, descriptor, name) != 0 { failure = FileIO.errorText() }
        if let failure {
            unlinkat(descriptor, temporary, 0)
            throw PaperboyError("\(path)/\(name): \(failure)")
        }
        var info = stat()
        return fstat(fd, &info) == 0 ? FileIO.identity(of: info) : nil
    }

    /// Renames the entry `name` to `newName` in `folder` (this folder when nil); both are
    /// single names in folders already open, so no link on the way is followed.
    package func rename(_ name: String, to newName: String, in folder: FileIO.OpenFolder? = nil) -> Bool {
        renameat(descriptor, name, (folder ?? self).descriptor, newName) == 0
    }

    /// Flushes this folder's entries (renames inside it) to disk.
    package func sync() {
        fsync(descriptor)
    }

    /// Removes the regular file `name` (never a link or a folder); returns whether it did.
    @discardableResult
    package func removeFile(_ name: String) -> Bool {
        guard case .file = entry(name) else { return false }
        return unlinkat(descriptor, name, 0) == 0
    }

    /// Removes `name` when it is a link or a file that Paperboy itself named (a temporary, a marker).
    package func removeOwnEntry(_ name: String) {
        switch entry(name) {
        case .file, .symlink: unlinkat(descriptor, name, 0)
        default: break
        }
    }

    /// Removes the folder `name` when it is empty (a link is never removed); returns whether it did.
    @discardableResult
    package func removeEmptyFolder(_ name: String) -> Bool {
        entry(name) == .directory && unlinkat(descriptor, name, AT_REMOVEDIR) == 0
    }

    /// The names in this folder with what each is, as the folder's listing gives them (no `.`
    /// and `..`; a name whose type the listing leaves open is looked at).
    package func entries() -> [(name: String, kind: FileIO.Kind)] {
        let fd = openat(descriptor, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0, let handle = fdopendir(fd) else {
            if fd >= 0 { close(fd) }
            return []
        }
        defer { closedir(handle) }
        var result: [(name: String, kind: FileIO.Kind)] = []
        while let item = readdir(handle) {
            let name = withUnsafePointer(to: item.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let kind: FileIO.Kind
            switch Int32(item.pointee.d_type) {
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_REG): kind = .file
            case Int32(DT_LNK): kind = .symlink
            case Int32(DT_UNKNOWN):
                switch entry(name) {
                case .directory: kind = .directory
                case .file: kind = .file
                case .symlink: kind = .symlink
                case .missing: continue
                case .other: kind = .other
                }
            default: kind = .other
            }
            result.append((name, kind))
        }
        return result
    }
}

extension FileIO {
    /// The refusal of a symbolic link where Paperboy would write or remove.
    package static func linkRefusal(_ path: String) -> PaperboyError {
        PaperboyError(
            "\(path): is a symbolic link; paperboy never writes or removes through a link (it could change files outside the folder). Replace it with a real folder or file, or choose another folder"
        )
    }
}

/// The folders an ``FileIO/OpenFolder`` keeps open below it, by their relative path; shared by
/// the threads that write pages.
package final class OpenFolders: @unchecked Sendable {
    private let lock = NSLock()
    private var folders: [String: FileIO.OpenFolder] = [:]

    func folder(_ path: String) -> FileIO.OpenFolder? {
        lock.withLock { folders[path] }
    }

    func keep(_ folder: FileIO.OpenFolder, as path: String) {
        lock.withLock { folders[path] = folder }
    }

    func removeAll() {
        lock.withLock { folders.removeAll() }
    }
}
