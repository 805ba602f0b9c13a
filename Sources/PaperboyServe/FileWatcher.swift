import Foundation

/// Tells when the site's sources change: Content (with site.yml and topics.yml) and the site's
/// templates. Each signal comes after the files have been quiet for ``quiet``, so an editor's
/// save (a temporary, a rename) or a script writing many files makes one rebuild; a signal
/// while a build runs is kept (only one) for after it.
package enum FileWatcher {
    /// How long the sources must stay unchanged before a rebuild.
    static let quiet: Duration = .milliseconds(120)
    /// How often `--poll` lists the sources.
    static let pollInterval: Duration = .milliseconds(300)

    /// Watches `roots` (missing ones are skipped) with inotify where there is one, else by polling.
    package static func changes(roots: [String], ignoring ignored: [String], poll: Bool) -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        if !poll, let watcher = NativeWatcher(roots: roots, ignoring: ignored) {
            watcher.start(continuation)
        } else {
            let task = Task.detached { await pollLoop(roots: roots, ignoring: ignored, continuation) }
            continuation.onTermination = { _ in task.cancel() }
        }
        return stream
    }

    /// Editor temporaries, dotfiles (`.paperboy-transaction` among them) and the like: not sources.
    static func isIgnoredName(_ name: some StringProtocol) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasPrefix("#") || name.hasSuffix(".swp")
            || name.hasSuffix(".swx") || name.hasSuffix(".tmp") || name == "4913"
    }

    /// Every source file below `roots` with its size and modification time.
    static func listing(roots: [String], ignoring ignored: [String]) -> [String: [Int]] {
        var files: [String: [Int]] = [:]
        func walk(_ folder: String) {
            guard !ignored.contains(folder), let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
                return
            }
            for name in names where !isIgnoredName(name) {
                let path = folder + "/" + name
                guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { continue }
                if attributes[.type] as? FileAttributeType == .typeDirectory {
                    walk(path)
                } else {
                    let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                    let time = (attributes[.modificationDate] as? Date).map { Int($0.timeIntervalSince1970 * 1e6) } ?? 0
                    files[path] = [size, time]
                }
            }
        }
        roots.forEach(walk)
        return files
    }

    static func pollLoop(roots: [String], ignoring ignored: [String], _ continuation: AsyncStream<Void>.Continuation) async {
        var last = listing(roots: roots, ignoring: ignored)
        while !Task.isCancelled {
            try? await Task.sleep(for: pollInterval)
            var now = listing(roots: roots, ignoring: ignored)
            guard now != last else { continue }
            // Quiet first: wait until a listing repeats.
            while !Task.isCancelled {
                try? await Task.sleep(for: quiet)
                let again = listing(roots: roots, ignoring: ignored)
                if again == now { break }
                now = again
            }
            last = now
            continuation.yield()
        }
    }
}
