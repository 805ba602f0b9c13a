import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// All of Paperboy's file access, in one small seam over POSIX.
///
/// POSIX rather than FileManager because a build touches every file of a large archive
/// and FileManager's per-call overhead dominates there. Tests point it at temporary folders.
package enum FileIO {
    /// The whole file, or an error naming it.
    package static func read(_ path: String) throws(PaperboyError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw PaperboyError("\(path): \(errorText())") }
        return try read(descriptor: fd, path: path)
    }

    /// The whole file open at `fd`, which this closes; `path` names it in errors.
    static func read(descriptor fd: Int32, path: String) throws(PaperboyError) -> [UInt8] {
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw PaperboyError("\(path): \(errorText())") }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw PaperboyError("\(path): is a directory, not a file") }
        // A device or a pipe has no size and may never end (`/dev/zero` linked into Content).
        if (info.st_mode & S_IFMT) != S_IFREG { throw PaperboyError("\(path): is not a regular file") }
        // Read into uninitialized memory of the size stat gives, plus room to notice a file that
        // grew meanwhile (no zero-filling, no doubling to find the end).
        var capacity = Int(info.st_size) + 4096
        var bytes: [UInt8] = []
        while true {
            var failure: Int32 = 0
            let previous = bytes
            bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                var filled = previous.count
                _ = UnsafeMutableBufferPointer(rebasing: buffer[..<filled]).initialize(from: previous)
                while filled < capacity {
                    let read = systemRead(fd, buffer.baseAddress! + filled, capacity - filled)
                    if read < 0, errno == EINTR { continue }
                    if read < 0 { failure = errno }
                    if read <= 0 { break }
                    filled += read
                }
                count = filled
            }
            if failure != 0 { throw PaperboyError("\(path): \(String(cString: strerror(failure)))") }
            if bytes.count < capacity { return bytes }
            capacity *= 2
        }
    }

    /// The file as UTF-8 text (invalid bytes replaced; use ``read(_:)`` to check).
    package static func readText(_ path: String) throws(PaperboyError) -> String {
        String(decoding: try read(path), as: UTF8.self)
    }

    /// Writes a new file (or truncates one) in place; a link at `path` is refused, not written through.
    package static func write(_ bytes: [UInt8], to path: String, durable: Bool = false) throws(PaperboyError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw PaperboyError("\(path): \(errorText())") }
        var failure: String?
        if !bytes.withUnsafeBytes({ writeAll(fd, $0) }) || (durable && fsync(fd) != 0) { failure = errorText() }
        close(fd)
        if let failure {
            unlink(path)
            throw PaperboyError("\(path): \(failure)")
        }
    }

    static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let count = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += count
        }
        return true
    }

    /// The hidden name a file is written under before its rename; a build cut short leaves these for the next to remove.
    static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return "\(directory).\(name).\(getpid()).\(temporarySuffix)"
    }

    package static let temporarySuffix = "paperboy-tmp"

    /// Names in a directory (no `.` and `..`), sorted; empty when it does not exist.
    package static func list(_ directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    package enum Kind: Sendable { case file, directory, symlink, other }

    /// What is at `path`, or nil when nothing is. Follows symbolic links unless
    /// `followingLinks` is false, in which case a link is `.symlink`.
    package static func kind(_ path: String, followingLinks: Bool = true) -> Kind? {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .file
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    /// Size in bytes of a regular file, or nil.
    package static func size(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// What a file is at this moment, as far as `stat` can tell: any write, rename over it or
    /// copy changes it (size, modification and change times to the nanosecond, inode).
    /// Caches use it to trust what they stored about a file without reading it again.
    package static func identity(_ path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return identity(of: info)
    }

    /// ``identity(_:)`` of the file `name` in `folder`: the folder is looked up once, not once
    /// per file (a paper file each).
    /// A link is followed (Content may link to its files); `OpenFolder.entry` looks without following.
    package static func identity(_ name: String, in folder: OpenFolder) -> FileIdentity? {
        var info = stat()
        guard fstatat(folder.descriptor, name, &info, 0) == 0 else { return nil }
        return identity(of: info)
    }

    /// A folder held open, for ``identity(_:in:)`` and the other calls with paths relative to it.
    package final class OpenFolder: Sendable {
        let descriptor: Int32
        /// Its path, for messages.
        let path: String
        /// Folders below it kept open (see `FileIO+NoFollow.swift`).
        let openFolders = OpenFolders()

        /// Opens the folder at `path`; a link there is followed (the user named it), none below it is.
        package init?(_ path: String) {
            self.path = path
            descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if descriptor < 0 { return nil }
        }

        /// Takes over `descriptor`, an open folder.
        init(descriptor: Int32, path: String) {
            self.descriptor = descriptor
            self.path = path
        }

        deinit { if descriptor >= 0 { close(descriptor) } }
    }

    static func identity(of info: stat) -> FileIdentity? {
        guard (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
            let modified = info.st_mtimespec, changed = info.st_ctimespec
        #else
            let modified = info.st_mtim, changed = info.st_ctim
        #endif
        return FileIdentity(
            size: Int64(info.st_size), inode: UInt64(info.st_ino), device: UInt64(info.st_dev),
            modified: Int64(modified.tv_sec) &* 1_000_000_000 &+ Int64(modified.tv_nsec),
            changed: Int64(changed.tv_sec) &* 1_000_000_000 &+ Int64(changed.tv_nsec))
    }

    /// `mkdir -p`.
    package static func createDirectory(_ path: String) throws(PaperboyError) {
        if kind(path) == .directory { return }
        if let parent = parentDirectory(of: path) { try createDirectory(parent) }
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw PaperboyError("\(path): \(errorText())") }
    }

    /// The absolute path with `.`, `..` and symbolic links resolved: two spellings of one
    /// folder give one string.
    package static func absolutePath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// The folder a path is in (`a/b/c` -> `a/b`), or nil for a name without a folder or `/`.
    package static func parentDirectory(of path: String) -> String? {
        // By bytes (`/` is ASCII): called once per page written.
        let slash = UInt8(ascii: "/")
        var trimmed = path.utf8[...]
        while trimmed.count > 1, trimmed.last == slash { trimmed = trimmed.dropLast() }
        guard let index = trimmed.lastIndex(of: slash) else { return nil }
        return index == trimmed.startIndex ? nil : String(path[..<index])
    }

    /// Renames a file or folder (`rename(2)`: atomic, within one file system).
    package static func rename(_ path: String, to target: String) throws(PaperboyError) {
        if Foundation.rename(path, target) != 0 { throw PaperboyError("\(path) -> \(target): \(errorText())") }
    }

    /// Removes a file or an empty directory; missing is fine.
    package static func remove(_ path: String) {
        if unlink(path) != 0 { rmdir(path) }
    }

    /// Every regular file below `root`, as paths relative to it, sorted.
    ///
    /// Symbolic links are never followed into folders (no loops, no escaping `root`); a link
    /// to a regular file is listed, so `read` sees the file it points to. With `includingLinks`,
    /// every link is listed, whatever it points to.
    package static func walk(_ root: String, includingLinks: Bool = false) -> [String] {
        var result: [String] = []
        func visit(_ relative: String) {
            let absolute = relative.isEmpty ? root : root + "/" + relative
            for name in list(absolute) {
                let child = relative.isEmpty ? name : relative + "/" + name
                switch kind(root + "/" + child, followingLinks: false) {
                case .directory: visit(child)
                case .file: result.append(child)
                case .symlink: if includingLinks || kind(root + "/" + child) == .file { result.append(child) }
                default: break
                }
            }
        }
        visit("")
        return result.sorted()
    }

    package static func errorText() -> String { String(cString: strerror(errno)) }
}

/// The system calls that FileIO's own `read` and `write` would hide, by a name of their own.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, buffer, count) }
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
