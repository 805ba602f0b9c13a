import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive `flock` on a directory: one ingest per Content folder, one build per output folder.
///
/// The lock is on the directory itself, so no lock file ends up in Content or Public, and the
/// kernel releases it when the process dies, even by SIGKILL: a crash never leaves it stuck.
package final class DirectoryLock: Sendable {
    private let fd: Int32
    /// The locked directory's device and inode (see ``folder(_:)``).
    package let folder: Folder

    /// Which directory a path names: two paths name the same one (through a symbolic link, or
    /// a different spelling) when they have the same device and inode.
    package struct Folder: Sendable, Equatable {
        var device: UInt64
        var inode: UInt64
    }

    /// The directory at `path`, or nil when there is none.
    package static func folder(_ path: String) -> Folder? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        return Folder(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// Takes the lock or fails at once with a message saying who holds it.
    package init(_ directory: String, purpose: String, wait: Bool = false) throws(PaperboyError) {
        fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw PaperboyError("\(directory): \(FileIO.errorText())") }
        if flock(fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            throw PaperboyError("\(directory): another paperboy is \(purpose) (the folder is locked); try again when it has finished")
        }
        var info = stat()
        fstat(fd, &info)
        folder = Folder(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
