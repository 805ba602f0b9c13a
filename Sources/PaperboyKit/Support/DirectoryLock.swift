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
public final class DirectoryLock: Sendable {
    private let fd: Int32

    /// Takes the lock or fails at once with a message saying who holds it.
    public init(_ directory: String, purpose: String, wait: Bool = false) throws(PaperboyError) {
        fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw PaperboyError("\(directory): \(FileIO.errorText())") }
        if flock(fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            throw PaperboyError("\(directory): another paperboy is \(purpose) (the folder is locked); try again when it has finished")
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
