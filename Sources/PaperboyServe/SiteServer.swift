import FlyingFox
import FlyingSocks
import Foundation
import PaperboyBuild
import PaperboyCore

/// `paperboy serve`: builds, serves the output folder over HTTP (FlyingFox), rebuilds in-process
/// when Content or the templates change, and reloads open pages. A failed build keeps the last
/// good site and shows its `FILE:LINE: message` lines in the pages and on standard error.
public final class SiteServer: Sendable {
    public struct Options: Sendable {
        public var build: SiteBuilder.Options
        public var host: String
        public var port: UInt16
        /// Poll the sources instead of using inotify.
        public var poll: Bool
        /// Where the site lives on the server (the base URL's path), `/` by default.
        public var prefix: String

        public init(build: SiteBuilder.Options, host: String = "127.0.0.1", port: UInt16 = 8000, poll: Bool = false, prefix: String = "/") {
            self.build = build
            self.host = host
            self.port = port
            self.poll = poll
            self.prefix = prefix
        }
    }

    public let options: Options
    let reload = LiveReload()
    let say: @Sendable (String) -> Void
    let complain: @Sendable ([String]) -> Void
    let errorLines: @Sendable (Error) -> [String]
    private let server: HTTPServer

    /// `say` prints a line of progress, `complain` a failed build's lines; `errorLines` turns an
    /// error into `FILE:LINE: message` lines (the command line's own wording).
    public init(
        options: Options, say: @escaping @Sendable (String) -> Void, complain: @escaping @Sendable ([String]) -> Void,
        errorLines: @escaping @Sendable (Error) -> [String]
    ) throws {
        self.options = options
        self.say = say
        self.complain = complain
        self.errorLines = errorLines
        let address: any SocketAddress =
            options.host.contains(":")
            ? try sockaddr_in6.inet6(ip6: options.host, port: options.port)
            : try sockaddr_in.inet(ip4: options.host == "localhost" ? "127.0.0.1" : options.host, port: options.port)
        // Made now so that its real path is known (a first build that fails leaves it empty).
        try? FileManager.default.createDirectory(atPath: options.build.output, withIntermediateDirectories: true)
        let files = StaticFiles(root: options.build.output, prefix: options.prefix)
        server = HTTPServer(config: .init(address: address, logger: .disabled), handler: Responder(files: files, reload: reload))
    }

    /// Starts listening (a taken port is an error before anything is built), builds once (a
    /// failure is shown, not thrown: the last good output is served), and returns the URL; then
    /// rebuilds on every change until the process ends.
    @MainActor public func start() async throws -> String {
        let server = self.server
        // `run()` throws at once when the address is taken; it never returns otherwise.
        let failure = Failure()
        Task {
            do { try await server.run() } catch { failure.set(error) }
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while await !server.isListening {
            if let error = failure.get() { throw describe(error) }
            guard ContinuousClock.now < deadline else { throw PaperboyError("the server did not start listening within 10 s") }
            try await Task.sleep(for: .milliseconds(10))
        }
        await build()
        let port: UInt16
        switch await server.listeningAddress {
        case let .ip4(_, listening), let .ip6(_, listening): port = listening
        default: port = options.port
        }
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        let roots = [options.build.content, options.build.templates]
        let changes = FileWatcher.changes(roots: roots, ignoring: [options.build.output], poll: options.poll)
        Task { @MainActor in
            for await _ in changes { await self.build() }
        }
        return "http://\(host):\(port)\(StaticFiles.encode(options.prefix))"
    }

    /// Stops listening and ends open event streams.
    public func stop() async {
        await reload.close()
        await server.stop(timeout: 0.2)
    }

    /// The server task's error, once it has one.
    private final class Failure: @unchecked Sendable {
        private let lock = NSLock()
        private var error: Error?
        func set(_ error: Error) { lock.withLock { self.error = error } }
        func get() -> Error? { lock.withLock { error } }
    }

    private func describe(_ error: Error) -> Error {
        if case let SocketError.failed(_, code, _) = error, code == EADDRINUSE {
            return PaperboyError("\(options.host):\(options.port) is in use; choose another with --port")
        }
        if case let SocketError.failed(_, code, _) = error, code == EADDRNOTAVAIL {
            return PaperboyError("\(options.host) is not an address of this machine; choose another with --host")
        }
        return error
    }

    /// One build, on the main actor as `paperboy build` runs it; never two at once, since the
    /// change loop awaits each.
    @MainActor func build() async {
        let builder = SiteBuilder(options: options.build)
        let start = DispatchTime.now()
        do {
            let report = try await builder.run()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            say(
                String(
                    format: "Built in %.2f s: %d written, %d unchanged, %d removed", seconds, report.written, report.unchanged,
                    report.removed))
            await reload.finished(failure: nil)
        } catch {
            let lines = errorLines(error)
            complain(lines)
            await reload.finished(failure: lines)
        }
    }
}
