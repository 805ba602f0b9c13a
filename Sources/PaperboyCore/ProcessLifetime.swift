import Foundation

/// Lets a command keep its large in-memory state (a whole parsed archive) until
/// the process exits, instead of freeing it object by object on the way out: that teardown
/// was a tenth of a rebuild's time, and the operating system reclaims it all at once anyway.
///
/// Off unless the `paperboy` executable turns it on, so tests and other library users free
/// their memory as usual.
package enum ProcessLifetime {
    /// Set by the command line tool, once, before any command runs.
    nonisolated(unsafe) public static var keepsStateUntilExit = false
    nonisolated(unsafe) private static var kept: [Any] = []
    private static let lock = NSLock()

    /// Keeps `value` alive until the process exits (or does nothing when turned off). Called
    /// once per command, with everything it made; a stage hands its temporaries up to it as
    /// ``Leftovers``.
    package static func keepUntilExit(_ value: Any) {
        guard keepsStateUntilExit else { return }
        lock.withLock { kept.append(value) }
    }

    /// Large temporaries a stage made on the way to its result, handed up with the result, so
    /// that the command keeps them with everything else (when it keeps state until exit; else
    /// they are freed at once, as any other value).
    package struct Leftovers: Sendable {
        private var values: [any Sendable] = []

        package init() {}

        package mutating func add(_ value: any Sendable) {
            guard keepsStateUntilExit else { return }
            values.append(value)
        }
    }
}
