import Dispatch
import Foundation
import PaperboyCore

/// One line on standard error that says how far a long command has come, rewritten in place:
/// only on a terminal (not on a pipe, not in CI), where the output stays as it was.
final class ProgressLine: @unchecked Sendable {
    /// A line when standard error is a terminal that can rewrite one, else nil.
    static func forTerminal() -> ProgressLine? {
        let environment = ProcessInfo.processInfo.environment
        guard isatty(STDERR_FILENO) == 1, environment["CI"]?.isEmpty ?? true, environment["TERM"] != "dumb" else { return nil }
        return ProgressLine()
    }

    private let lock = NSLock()
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastShown: UInt64 = 0
    private var shown = false

    var reporter: ProgressReporter { ProgressReporter { [self] what, count in update(what, count) } }

    /// Shows `what` (and `done of total`) with the time since the command started; counts are
    /// shown at most ten times a second, a step's start and a count's end always.
    func update(_ what: String, _ count: (done: Int, total: Int)?) {
        let now = DispatchTime.now().uptimeNanoseconds
        lock.lock()
        defer { lock.unlock() }
        if let count, count.done != 0, count.done != count.total, now - lastShown < 100_000_000 { return }
        lastShown = now
        var text = what
        if let count { text += ": \(count.done) of \(count.total)" }
        text += String(format: " · %.1f s", Double(now - start) / 1e9)
        // Erase the line, then write it again: "\r" to its start, ESC [2K to clear it.
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
        shown = true
    }

    /// Erases the line, before the command's own output.
    func clear() {
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        shown = false
    }
}
