import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A process started with `posix_spawn`, its standard output and error going to files, with no
/// descriptor of the test process but those: `paperboy serve`, the browser script that drives
/// it, and the fixture API. Not Foundation's `Process`: it learns that a child ended when a
/// socket the child inherited closes, and tests run in parallel, so a server started by it
/// would inherit the sockets of the `paperboy` runs starting beside it, and those tests would
/// wait for the server's end to see their `paperboy` end (measured: 12 minutes for the fetch
/// suite instead of seconds).
final class SpawnedProcess {
    let pid: pid_t
    let stdoutFile: String
    let stderrFile: String
    private let lock = NSLock()
    private var status: Int32?

    init(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-spawn-\(UUID().uuidString)").path
        stdoutFile = base + ".out"
        stderrFile = base + ".err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try FixtureServer.closeFrom(3, &actions)
        // This process's threads block signals; the child must see SIGINT and SIGTERM.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        sigfillset(&signals)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, executable, &actions, &attributes, &argv, &envp)
        guard spawned == 0 else {
            throw FixtureServer.StartFailure(description: "posix_spawn \(executable): \(String(cString: strerror(spawned)))")
        }
        pid = child
    }

    deinit {
        if exitStatus() == nil {
            _ = sendSignal(pid, SIGKILL)
            while waitpid(pid, nil, 0) < 0, errno == EINTR {}
        }
        try? FileManager.default.removeItem(atPath: stdoutFile)
        try? FileManager.default.removeItem(atPath: stderrFile)
    }

    var stdout: String { String(decoding: FileManager.default.contents(atPath: stdoutFile) ?? Data(), as: UTF8.self) }
    var stderr: String { String(decoding: FileManager.default.contents(atPath: stderrFile) ?? Data(), as: UTF8.self) }

    /// The exit status (or 128 + the signal) once the process has ended, else nil.
    func exitStatus() -> Int32? {
        lock.withLock {
            if let status { return status }
            var raw: Int32 = 0
            guard waitpid(pid, &raw, WNOHANG) == pid else { return nil }
            let signal = raw & 0x7f
            status = signal == 0 ? (raw >> 8) & 0xff : 128 + signal
            return status
        }
    }

    /// Waits up to `seconds` for the end; the exit status, or nil if it still runs.
    func wait(seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let status = exitStatus() { return status }
            usleep(10_000)
        }
        return exitStatus()
    }

    /// Sends `signal` unless the process has already been reaped; returns the status if known.
    @discardableResult
    func kill(_ signal: Int32) -> Int32? {
        if let status = exitStatus() { return status }
        _ = sendSignal(pid, signal)
        return nil
    }
}

/// `kill(2)`, under a name the method ``SpawnedProcess/kill(_:)`` does not shadow.
private func sendSignal(_ pid: pid_t, _ signal: Int32) -> Int32 { kill(pid, signal) }
