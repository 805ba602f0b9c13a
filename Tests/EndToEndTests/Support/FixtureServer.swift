import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The scripted Daily Papers API of `Tests/Fixtures/http/fixture_server.py`, on 127.0.0.1, for
/// one test: started by `init`, stopped by ``stop()`` (call it in a `defer`). The server also
/// exits by itself after `lifetime` seconds, so a test that dies leaves nothing running.
final class FixtureServer {
    static let script = SampleFeed.fixtures.appendingPathComponent("http/fixture_server.py").path

    /// One request the server received, as its log line says.
    struct Request: Decodable {
        var scenario: String
        var path: String
        var query: String
        var headers: [String: String]
        /// Seconds on the server's monotonic clock.
        var time: Double
    }

    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    let port: Int
    private let pid: pid_t
    private let log: URL
    private let lock = NSLock()
    private var stopped = false

    /// Starts the server with `posix_spawn` rather than `Process`, and without any descriptor
    /// but its standard ones. Foundation's `Process` learns that a child ended when a socket the
    /// child inherited closes; tests run in parallel, so a server started by `Process` would
    /// inherit the sockets of the `paperboy` runs starting beside it, and those tests would wait
    /// for the server's end (a minute) to see their `paperboy` end (measured: 12 minutes for
    /// this suite instead of seconds).
    init(lifetime: Double = 300) throws {
        log = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-fetch-\(UUID().uuidString).jsonl")
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw StartFailure(description: "pipe: \(String(cString: strerror(errno)))") }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        // Not for the `paperboy` runs other tests start meanwhile (the child gets its own copy by dup2).
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        defer { close(readEnd) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        try Self.closeFrom(3, &actions)
        // Threads here block signals (Dispatch handles them on a thread of its own), and a child
        // inherits the mask: without this the server would never see SIGTERM or SIGINT.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        sigfillset(&signals)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let arguments = ["/usr/bin/env", "python3", Self.script, "--log", log.path, "--lifetime", "\(lifetime)"]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, "/usr/bin/env", &actions, &attributes, &argv, environ)
        close(writeEnd)
        guard spawned == 0 else { throw StartFailure(description: "posix_spawn: \(String(cString: strerror(spawned)))") }
        pid = child
        // The first line is the port; wait for it at most 10 s (a broken python must not hang the suite).
        var line: [UInt8] = []
        var poller = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
        let deadline = Date().addingTimeInterval(10)
        while !line.contains(UInt8(ascii: "\n")), Date() < deadline {
            guard poll(&poller, 1, 100) >= 0 || errno == EINTR else { break }
            guard poller.revents != 0 else { continue }
            var byte: UInt8 = 0
            guard read(readEnd, &byte, 1) == 1 else { break }
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let port = Int(text) else {
            kill(child, SIGKILL)
            waitpid(child, nil, 0)
            throw StartFailure(description: "fixture_server.py did not print its port within 10 s (printed \(text.debugDescription))")
        }
        self.port = port
    }

    deinit { stop() }

    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34), found at run time: the Glibc
    /// module declares it only under `_GNU_SOURCE`.
    static func closeFrom(_ first: Int32, _ actions: inout posix_spawn_file_actions_t) throws {
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
            throw StartFailure(description: "this C library has no posix_spawn_file_actions_addclosefrom_np (glibc 2.34 or later)")
        }
        let result = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, first)
        guard result == 0 else { throw StartFailure(description: "addclosefrom: \(String(cString: strerror(result)))") }
    }

    /// Ends the server (if it has not ended by itself) and removes its log.
    func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        // Its state is of no use any more: nothing to let it finish.
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        try? FileManager.default.removeItem(at: log)
    }

    /// The `--api-url` that plays `scenario`.
    func apiURL(_ scenario: String) -> String { "http://127.0.0.1:\(port)/\(scenario)" }

    /// The start of a request URL of `scenario`, as messages show it.
    func requestURL(_ scenario: String) -> String { apiURL(scenario) + "/api/daily_papers?" }

    /// The requests received for `scenario`, in order.
    func requests(_ scenario: String) throws -> [Request] {
        guard let data = FileManager.default.contents(atPath: log.path) else { return [] }
        return try data.split(separator: UInt8(ascii: "\n")).map { try JSONDecoder().decode(Request.self, from: Data($0)) }
            .filter { $0.scenario == scenario }
    }

    /// The body the server sends for page `page` of `scenario`, from the script itself.
    static func page(_ scenario: String, _ page: Int) throws -> [UInt8] {
        let result = try ProcessRunner.run("/usr/bin/env", ["python3", script, "--page", scenario, "\(page)"])
        guard result.status == 0 else { throw StartFailure(description: "fixture_server.py --page: \(result.stderr)") }
        return Array(result.stdout.utf8)
    }
}
