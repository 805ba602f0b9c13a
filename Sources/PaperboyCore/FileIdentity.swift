#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file's `stat` signature: equal identities mean the file was not written in between.
///
/// The same rule git and make rely on, with one guard of their own: a file changed in the
/// same clock tick as the identity was taken could change again without a new time, so
/// ``isSettled(now:)`` tells whether an identity is old enough to be trusted later.
package struct FileIdentity: Sendable, Hashable {
    package var size: Int64
    package var inode: UInt64
    package var device: UInt64
    /// Modification time, nanoseconds since 1970.
    package var modified: Int64
    /// Status change time, nanoseconds since 1970 (any write, rename or chmod moves it).
    package var changed: Int64

    package init(size: Int64, inode: UInt64, device: UInt64, modified: Int64, changed: Int64) {
        self.size = size
        self.inode = inode
        self.device = device
        self.modified = modified
        self.changed = changed
    }

    /// Stands for a file whose identity could not be taken: equal to no real file's.
    package static let unknown = FileIdentity(size: -1, inode: 0, device: 0, modified: 0, changed: 0)

    /// File systems stamp times from a coarse clock (a few milliseconds): an identity taken
    /// within this margin of the file's last change is not trusted by a cache.
    static let settleMargin: Int64 = 2_000_000_000

    /// The wall clock, in nanoseconds since 1970, as file times are stamped.
    package static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// Whether the file's last change is far enough before `now` (nanoseconds since 1970)
    /// that a later write would be sure to show in its times.
    package func isSettled(now: Int64) -> Bool {
        max(modified, changed) < now - Self.settleMargin
    }
}
