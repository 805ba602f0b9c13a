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
    private let process: SpawnedProcess
    private let log: URL
    private let lock = NSLock()
    private var stopped = false

    /// Starts the server as a ``SpawnedProcess`` (not `Process`: see there) and waits at most
    /// 10 s for the port it prints first (a broken python must not hang the suite).
    init(lifetime: Double = 300) throws {
        log = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-fetch-\(UUID().uuidString).jsonl")
        process = try SpawnedProcess(
            "/usr/bin/env", ["python3", Self.script, "--log", log.path, "--lifetime", "\(lifetime)"],
            environment: ProcessInfo.processInfo.environment)
        let deadline = Date().addingTimeInterval(10)
        var printed = ""
        while !printed.contains("\n"), Date() < deadline, process.exitStatus() == nil {
            usleep(10_000)
            printed = process.stdout
        }
        let text = printed.split(separator: "\n").first.map(String.init) ?? ""
        guard printed.contains("\n"), let port = Int(text) else {
            process.kill(SIGKILL)
            _ = process.wait(seconds: 5)
            throw StartFailure(
                description: "fixture_server.py did not print its port within 10 s (printed \(text.debugDescription)): \(process.stderr)")
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
        process.kill(SIGKILL)
        _ = process.wait(seconds: 10)
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
