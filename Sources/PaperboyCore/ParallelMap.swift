import Dispatch

extension Array where Element: Sendable {
    /// `map` over all cores, results in the original order.
    ///
    /// Work is handed out in chunks so small items do not drown in scheduling.
    package func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let chunk = Swift.max(1, count / (ProcessInfoCores.count * 8))
        let chunks = (count + chunk - 1) / chunk
        // Each result is initialized in place, once, by the one chunk that owns its index.
        return [T](unsafeUninitializedCapacity: count) { results, initialized in
            nonisolated(unsafe) let output = results.baseAddress!
            self.withUnsafeBufferPointer { input in
                nonisolated(unsafe) let input = input
                DispatchQueue.concurrentPerform(iterations: chunks) { chunkIndex in
                    let start = chunkIndex * chunk
                    let end = Swift.min(start + chunk, input.count)
                    for index in start..<end { (output + index).initialize(to: transform(input[index])) }
                }
            }
            initialized = count
        }
    }
}

package enum ProcessInfoCores {
    package static let count: Int = {
        #if canImport(Glibc)
            return Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
            return 2
        #endif
    }()
}

#if canImport(Glibc)
    import Glibc
#endif
