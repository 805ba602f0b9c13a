import Dispatch

/// Work started on another core while its starter goes on, awaited where its result is needed.
///
/// The build starts these from its steps (reading the output folder while Content loads,
/// saving the content cache while pages render) and awaits every one it started before it
/// returns, even when a step fails: none outlives the build that started it.
///
/// The work runs on a thread of Dispatch's global queue, not in the task pool: that pool has
/// one thread per core, one of them running the build's steps, so two overlaps there would
/// take turns instead of sharing the cores with the steps. Awaiting suspends the task.
package struct Overlap<Value: Sendable>: Sendable {
    private let task: Task<Value, Never>

    package init(_ work: @escaping @Sendable () -> Value) {
        task = Task {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: work()) }
            }
        }
    }

    /// The result, once the work is done.
    package var value: Value {
        get async { await task.value }
    }
}
