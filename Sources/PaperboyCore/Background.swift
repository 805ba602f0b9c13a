import Dispatch

/// A value computed on another thread while the caller goes on; ``take()`` waits for it.
///
/// For work that needs nothing the caller is computing meanwhile (a build reads its page
/// records while it loads Content): the other core does it.
package final class Background<Value: Sendable>: @unchecked Sendable {
    // Written once by the worker before `done` is signalled; read only after waiting on it.
    private var result: Value?
    private let done = DispatchSemaphore(value: 0)

    package init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.result = work()
            self.done.signal()
        }
    }

    /// The value, once: it is moved out, so that a dictionary it holds stays uniquely referenced
    /// (a later change to it copies nothing).
    package func take() -> Value {
        done.wait()
        defer { result = nil }
        return result!
    }
}
