import ArgumentParser
import Foundation
import PaperboyBuild
import PaperboyContent
import PaperboyCore
import PaperboyServe

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, serve the site on 127.0.0.1 and rebuild when Content or Templates change.",
        discussion:
            "Open pages reload after each build. A build that fails keeps serving the last good site and shows its errors in the page and here; Ctrl-C stops."
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port (0: any free one).")
    var port: Int = 8000

    @Flag(help: "Watch by listing the files every 300 ms instead of inotify (network or container file systems).")
    var poll = false

    /// For tests: stop after this many seconds, so a test that dies leaves no server behind.
    @Option(name: .customLong("exit-after"), help: .hidden)
    var exitAfter: Double?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
    }

    func run() async throws {
        // A long-running process: each build's state must be freed, not kept until exit.
        ProcessLifetime.keepsStateUntilExit = false
        var prefix = "/"
        if let baseURL = site.baseURL, case let .success(url) = SiteConfig.parseBaseURL(baseURL),
            let schemeEnd = url.range(of: "://"), let slash = url[schemeEnd.upperBound...].firstIndex(of: "/")
        {
            prefix = String(url[slash...])
        }
        let options = SiteServer.Options(
            build: site.builder, host: host,
            port: UInt16(port), poll: poll, prefix: prefix)
        let server = try SiteServer(
            options: options, say: { Self.write($0, to: .standardOutput) },
            complain: { lines in Self.write(lines.joined(separator: "\n"), to: .standardError) }, errorLines: errorLines(for:))
        let url = try await server.start()
        Self.write("Serving \(site.output) on \(url) (Ctrl-C stops)", to: .standardOutput)
        await Self.waitForStop(exitAfter: exitAfter)
        await server.stop()
        Self.write("Stopped.", to: .standardOutput)
        // At once: the event-stream and watcher threads hold nothing to save, and tearing the
        // process down piece by piece took over a second.
        Foundation.exit(0)
    }

    /// Unbuffered, so a script or a test reading the pipe sees each line at once.
    static func write(_ line: String, to handle: FileHandle) {
        handle.write(Data((line + "\n").utf8))
    }

    /// Returns on SIGINT (Ctrl-C), SIGTERM, or after `exitAfter` seconds.
    static func waitForStop(exitAfter: Double?) async {
        let (stops, continuation) = AsyncStream<Void>.makeStream()
        var sources: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield() }
            source.resume()
            sources.append(source)
        }
        if let exitAfter {
            Task {
                try? await Task.sleep(for: .seconds(exitAfter))
                continuation.yield()
            }
        }
        var iterator = stops.makeAsyncIterator()
        _ = await iterator.next()
        sources.forEach { $0.cancel() }
    }
}
