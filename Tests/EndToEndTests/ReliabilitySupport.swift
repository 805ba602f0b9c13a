import Foundation
@testable import PaperboyCore
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Helpers for the reliability suites: scratch folders on tmpfs, snapshots of whole trees,
/// `paperboy` runs that can be killed, generated corpora, and the inertness checker.
enum Reliability {
    static let root = SiteFixture.repositoryRoot
    static var paperboy: String { CommandResult.paperboy }

    /// A new empty folder, on `/dev/shm` when there is one (kill trials write thousands of
    /// files; tmpfs keeps them fast and takes nothing from the disk), else in the temp folder.
    static func scratch(_ name: String) throws -> String {
        let base =
            FileIO.kind("/dev/shm") == .directory && access("/dev/shm", W_OK) == 0
            ? "/dev/shm" : FileManager.default.temporaryDirectory.path
        let path = "\(base)/paperboy-\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Copies a folder (`cp -a`, which keeps this fast for thousands of files).
    static func copy(_ source: String, to target: String) throws {
        remove(target)
        let result = try CommandResult.run("/bin/cp", ["-a", source, target])
        guard result.status == 0 else { throw Failure("cp -a \(source) \(target): \(result.stderr)") }
    }

    /// A site.yml and topics.yml only (the bundled ones), optionally with another `feed_items`.
    static func emptyContent(at path: String, feedItems: Int? = nil) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        var site = try String(contentsOfFile: root.appendingPathComponent("Content/site.yml").path, encoding: .utf8)
        if let feedItems { site = site.replacingOccurrences(of: "feed_items: 50", with: "feed_items: \(feedItems)") }
        try site.write(toFile: path + "/site.yml", atomically: false, encoding: .utf8)
        try FileManager.default.copyItem(atPath: root.appendingPathComponent("Content/topics.yml").path, toPath: path + "/topics.yml")
    }

    /// Every regular file below `root` (hidden ones too) with its bytes (as `Data`: its
    /// comparisons are memcmp, which keeps comparing whole built sites fast in a debug build).
    static func snapshot(_ root: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String: Data] {
        var files: [String: Data] = [:]
        for path in FileIO.walk(root) { files[path] = contents(root + "/" + path, sourceLocation: sourceLocation) }
        return files
    }

    /// A file's bytes. A read that fails is tried again: with every suite running at once, the
    /// test process itself can fail to read for a moment, and its failure must not pass for a
    /// damaged file. One that keeps failing is an issue of its own, with the error.
    static func contents(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) -> Data {
        var error = ""
        for attempt in 0..<3 {
            if attempt > 0 { usleep(100_000) }
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                if attempt > 0 { print("snapshot: \(path) read at attempt \(attempt + 1), after: \(error)") }
                return data
            } catch let failure {
                error = "\(failure)"
            }
        }
        Issue.record("\(path): cannot be read (\(error))", sourceLocation: sourceLocation)
        return Data()
    }

    /// A snapshot that later bytes are compared with must hold something: files, none empty
    /// (an empty or missing reference would make every comparison with it vacuous).
    static func expectWhole(_ snapshot: [String: Data], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!snapshot.isEmpty, "\(what): no files", sourceLocation: sourceLocation)
        let empty = snapshot.filter { $0.value.isEmpty }.keys.sorted()
        #expect(empty.isEmpty, "\(what): empty files \(empty.prefix(5))", sourceLocation: sourceLocation)
    }

    /// A short description of how two snapshots differ, for failure messages.
    static func difference(_ a: [String: Data], _ b: [String: Data]) -> String {
        let onlyA = Set(a.keys).subtracting(b.keys).sorted()
        let onlyB = Set(b.keys).subtracting(a.keys).sorted()
        let changed = Set(a.keys).intersection(b.keys).filter { a[$0] != b[$0] }.sorted()
        // Sizes and where the bytes part tell a truncated file from a rewritten one.
        let described = changed.prefix(5).map { path in
            let (first, second) = (a[path]!, b[path]!)
            let offset = zip(first, second).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(first.count, second.count)
            return "\(path) (\(first.count) and \(second.count) bytes, first difference at \(offset))"
        }
        return
            "only in first: \(onlyA.prefix(5)) (\(onlyA.count)); only in second: \(onlyB.prefix(5)) (\(onlyB.count)); changed: \(described) (\(changed.count))"
    }

    /// Runs `paperboy` to the end.
    @discardableResult
    static func run(_ arguments: [String], cwd: String? = nil, input: Data? = nil) throws -> CommandResult {
        try CommandResult.run(paperboy, arguments, input: input, cwd: cwd)
    }

    /// Generates `days` trending feeds of `perDay` entries with Benchmarks/generate_corpus.py.
    static func corpus(days: Int, perDay: Int, into folder: String) throws -> [String] {
        let script = root.appendingPathComponent("Benchmarks/generate_corpus.py").path
        let result = try CommandResult.run(
            "/usr/bin/env", ["python3", script, "--days", "\(days)", "--per-day", "\(perDay)", "--out", folder])
        guard result.status == 0 else { throw Failure("generate_corpus.py: \(result.stderr)") }
        return FileIO.list(folder).filter { $0.hasSuffix(".txt") }.map { folder + "/" + $0 }
    }

    /// Runs scripts/check_inert.py on a built site; `titles` are (slug, title) pairs that must round-trip.
    static func checkInert(_ output: String, titles: [(slug: String, title: String)]) throws -> CommandResult {
        let expected = output + ".expected.json"
        let json = try JSONSerialization.data(withJSONObject: ["titles": titles.map { ["slug": $0.slug, "title": $0.title] }])
        try json.write(to: URL(fileURLWithPath: expected))
        defer { remove(expected) }
        let script = root.appendingPathComponent("scripts/check_inert.py").path
        return try CommandResult.run("/usr/bin/env", ["python3", script, output, expected])
    }

    /// Whether a diagnostic line has the `FILE:LINE: message` or `FILE: message` form.
    static func isDiagnostic(_ line: Substring) -> Bool {
        guard let colon = line.range(of: ": ") else { return false }
        return !line[..<colon.lowerBound].isEmpty && !line[colon.upperBound...].isEmpty
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Seconds since `start`.
    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}

/// A `paperboy` process running in the background, which a test may SIGKILL.
final class ReliabilityProcess: @unchecked Sendable {
    let process = Process()
    let stdoutPath: String
    let stderrPath: String
    let started = DispatchTime.now()

    init(_ arguments: [String], cwd: String? = nil, scratch: String) throws {
        let id = UUID().uuidString.prefix(8)
        stdoutPath = "\(scratch)/.out-\(id)"
        stderrPath = "\(scratch)/.err-\(id)"
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: Reliability.paperboy)
        process.arguments = arguments
        process.environment = TestEnvironment.environment()
        if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        try process.run()
    }

    /// SIGKILL, as a crash or a power cut would stop it (no handler runs, no cleanup).
    func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    /// Waits for the end; `killed` when a signal ended it.
    func wait() -> (status: Int32, killed: Bool, stdout: String, stderr: String) {
        process.waitUntilExit()
        let out = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        Reliability.remove(stdoutPath)
        Reliability.remove(stderrPath)
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal, out, err)
    }
}

extension SplitMix64 {
    /// The seed of the kill times and race delays: `PAPERBOY_SEED` when set (a number replays a
    /// run, `random` asks for a new one), else a fixed one; printed.
    static func seed(_ label: String) -> UInt64 {
        let seed = seed(from: "PAPERBOY_SEED", fixed: 20_261_126)
        print("\(label): seed \(seed) (replay with PAPERBOY_SEED=\(seed))")
        return seed
    }
}
