import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `paperboy serve --port 0` on a ``SiteFixture``, for one test: started by `init` (which waits
/// for the URL it prints), stopped by ``stop()`` in a `defer`. It also stops by itself after
/// `lifetime` seconds (`--exit-after`), so a test that dies leaves nothing running.
final class ServeProcess {
    let process: SpawnedProcess
    /// The site's URL, as printed (`http://127.0.0.1:PORT/` or with the base URL's path).
    let url: URL
    let port: Int

    init(_ site: SiteFixture, _ extra: [String] = [], lifetime: Int = 900) throws {
        let arguments =
            [
                "serve", "--content", site.content, "--templates", site.templates, "--output", site.output, "--port", "0",
                "--exit-after", "\(lifetime)",
            ] + extra
        process = try SpawnedProcess(
            try PaperboyProcess.executable().path, arguments, environment: TestEnvironment.environment(cache: site.cache))
        let deadline = Date().addingTimeInterval(120)
        var found: URL?
        while found == nil, Date() < deadline, process.exitStatus() == nil {
            if let line = process.stdout.split(separator: "\n").first(where: { $0.hasPrefix("Serving ") }),
                let range = line.range(of: "http://"), let end = line[range.lowerBound...].firstIndex(of: " ")
            {
                found = URL(string: String(line[range.lowerBound..<end]))
            } else {
                usleep(20_000)
            }
        }
        guard let found, let port = found.port else {
            let failure = FixtureServer.StartFailure(
                description: "paperboy serve did not print its URL:\n\(process.stdout)\n\(process.stderr)")
            process.kill(SIGKILL)
            throw failure
        }
        url = found
        self.port = port
    }

    /// SIGINT, as Ctrl-C; SIGKILL if it has not ended within 5 s. The exit status.
    @discardableResult
    func stop() -> Int32? {
        process.kill(SIGINT)
        if let status = process.wait(seconds: 5) { return status }
        process.kill(SIGKILL)
        return process.wait(seconds: 5)
    }

    /// Waits up to `seconds` for `condition` to hold; whether it did.
    static func eventually(seconds: Double = 5, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if try condition() { return true }
            usleep(25_000)
        } while Date() < deadline
        return try condition()
    }
}

/// A bare HTTP/1.1 exchange over a socket: a request line exactly as written (a real client
/// would fold `..` away before sending it), the whole answer read until the server closes.
enum RawHTTP {
    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    static func get(port: Int, _ target: String, seconds: Double = 5) throws -> Answer {
        let text = try exchange(port: port, "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", seconds: seconds)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts[0].components(separatedBy: "\r\n")
        let status = head.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Answer(status: status, headers: headers, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    /// Sends `request`, returns what came back within `seconds` (or until the server closed).
    static func exchange(port: Int, _ request: String, seconds: Double) throws -> String {
        let connection = try Connection(port: port)
        connection.write(request)
        return connection.read(seconds: seconds)
    }

    /// One TCP connection to 127.0.0.1.
    final class Connection {
        let descriptor: Int32

        init(port: Int) throws {
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                close(descriptor)
                throw FixtureServer.StartFailure(description: "connect to port \(port): \(String(cString: strerror(errno)))")
            }
        }

        deinit { close(descriptor) }

        func write(_ text: String) {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }

        /// Reads until the server closes or `seconds` pass, whichever first.
        func read(seconds: Double, until stop: (String) -> Bool = { _ in false }) -> String {
            var data = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 65536)
            let deadline = Date().addingTimeInterval(seconds)
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            while Date() < deadline {
                let ready = poll(&poller, 1, 50)
                if ready < 0, errno != EINTR { break }
                guard ready > 0 else {
                    if stop(String(decoding: data, as: UTF8.self)) { break }
                    continue
                }
                let count = recv(descriptor, &buffer, buffer.count, 0)
                guard count > 0 else { break }
                data += buffer[0..<count]
                if stop(String(decoding: data, as: UTF8.self)) { break }
            }
            return String(decoding: data, as: UTF8.self)
        }
    }
}
