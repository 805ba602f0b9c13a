import Foundation

#if canImport(Glibc)
    import Glibc

    /// inotify on every folder below the roots, on a thread of its own; folders created later
    /// are watched as they appear. The one file with Linux calls; elsewhere ``FileWatcher`` polls.
    final class NativeWatcher: @unchecked Sendable {
        private let descriptor: Int32
        private let ignored: [String]
        private var folders: [Int32: String] = [:]
        private static let mask = UInt32(
            IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF)

        init?(roots: [String], ignoring ignored: [String]) {
            descriptor = inotify_init1(Int32(IN_CLOEXEC))
            guard descriptor >= 0 else { return nil }
            self.ignored = ignored
            for root in roots { watchTree(root) }
        }

        deinit { close(descriptor) }

        private func watchTree(_ folder: String) {
            var isDirectory: ObjCBool = false
            guard !ignored.contains(folder), FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory),
                isDirectory.boolValue
            else { return }
            let watch = inotify_add_watch(descriptor, folder, Self.mask)
            guard watch >= 0 else { return }
            folders[watch] = folder
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            where !FileWatcher.isIgnoredName(name) {
                watchTree(folder + "/" + name)
            }
        }

        func start(_ continuation: AsyncStream<Void>.Continuation) {
            let thread = Thread { [self] in run(continuation) }
            thread.name = "paperboy-watch"
            thread.start()
        }

        /// Reads events; after a relevant one, waits until the folders are quiet, then signals.
        private func run(_ continuation: AsyncStream<Void>.Continuation) {
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            var changed = false
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let quietMilliseconds = Int32(FileWatcher.quiet.components.attoseconds / 1_000_000_000_000_000)
            while true {
                let ready = poll(&poller, 1, changed ? quietMilliseconds : -1)
                if ready < 0 {
                    if errno == EINTR { continue }
                    return
                }
                if ready == 0 {
                    changed = false
                    continuation.yield()
                    continue
                }
                let count = read(descriptor, &buffer, buffer.count)
                guard count > 0 else { continue }
                if handle(buffer[0..<count]) { changed = true }
            }
        }

        /// True when one of the events is about a source file or folder.
        private func handle(_ bytes: ArraySlice<UInt8>) -> Bool {
            var relevant = false
            var offset = bytes.startIndex
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= bytes.endIndex {
                let (watch, mask, length) = bytes.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let base = offset - bytes.startIndex
                    return (
                        raw.loadUnaligned(fromByteOffset: base, as: Int32.self),
                        raw.loadUnaligned(fromByteOffset: base + 4, as: UInt32.self),
                        Int(raw.loadUnaligned(fromByteOffset: base + 12, as: UInt32.self))
                    )
                }
                let nameBytes = bytes[(offset + header)..<min(offset + header + length, bytes.endIndex)]
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                offset += header + length
                if mask & UInt32(IN_IGNORED) != 0 {
                    folders[watch] = nil
                    continue
                }
                guard let folder = folders[watch] else { continue }
                if !name.isEmpty, FileWatcher.isIgnoredName(name) { continue }
                if ignored.contains(folder + "/" + name) { continue }
                if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    watchTree(folder + "/" + name)
                }
                relevant = true
            }
            return relevant
        }
    }
#else
    /// No native watcher on this platform: ``FileWatcher`` polls.
    final class NativeWatcher: Sendable {
        init?(roots: [String], ignoring ignored: [String]) { return nil }
        func start(_ continuation: AsyncStream<Void>.Continuation) {}
    }
#endif
