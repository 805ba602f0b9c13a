import Foundation

/// Where a long command says how far it has come: what it is doing, and for work that is
/// counted, how many of how many. The executable shows it as one updating line on a terminal;
/// the library only reports.
public struct ProgressReporter: Sendable {
    /// `what`, and `done` of `total` when the work is counted (nil while a step starts).
    public typealias Report = @Sendable (_ what: String, _ count: (done: Int, total: Int)?) -> Void

    let report: Report

    public init(_ report: @escaping Report) { self.report = report }

    /// Says that `what` starts.
    package func starting(_ what: String) { report(what, nil) }

    /// A counter for `total` items of `what`, ticked from any thread.
    package func counter(_ what: String, total: Int) -> Counter { Counter(what: what, total: total, report: report) }

    /// Counts items done on any thread and reports each count.
    package final class Counter: @unchecked Sendable {
        let what: String
        let total: Int
        let report: Report
        private let lock = NSLock()
        private var done = 0

        init(what: String, total: Int, report: @escaping Report) {
            self.what = what
            self.total = total
            self.report = report
            report(what, (0, total))
        }

        package func tick() {
            lock.lock()
            done += 1
            let count = done
            lock.unlock()
            report(what, (count, total))
        }
    }
}
