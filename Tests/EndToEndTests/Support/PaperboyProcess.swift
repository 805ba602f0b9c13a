import Foundation

/// Runs the `paperboy` executable that SwiftPM builds next to the test bundle
/// (`.build-tests/debug/paperboy` beside `PaperboyPackageTests.xctest`).
enum PaperboyProcess {
    /// What a run of `paperboy` did.
    struct Outcome: Sendable, CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String

        /// The lines of standard error.
        var errorLines: [String] { stderr.split(separator: "\n").map(String.init) }

        var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    }

    struct NotFound: Error, CustomStringConvertible {
        var searched: [String]
        var description: String { "no paperboy executable next to the tests; looked in \(searched.joined(separator: ", "))" }
    }

    /// The built `paperboy`.
    static func executable() throws -> URL {
        var folders: [URL] = []
        if let main = Bundle.main.executableURL { folders.append(main.deletingLastPathComponent()) }
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())  // macOS: the .xctest bundle's folder
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for folder in folders {
            let candidate = folder.appendingPathComponent("paperboy")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw NotFound(searched: folders.map(\.path))
    }

    /// Runs `paperboy arguments...` in `directory`, with `stdin` as standard input (empty when nil).
    ///
    /// Output goes through files, so a chatty run can never block on a full pipe.
    static func run(_ arguments: [String], in directory: URL, stdin: Data? = nil) throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = scratch.appendingPathComponent("stdin")
        let output = scratch.appendingPathComponent("stdout")
        let error = scratch.appendingPathComponent("stderr")
        try (stdin ?? Data()).write(to: input)
        try Data().write(to: output)
        try Data().write(to: error)

        let process = Process()

        process.environment = TestEnvironment.environment()
        process.executableURL = try executable()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: error)
        try process.run()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: output), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: error), as: UTF8.self))
    }
}
