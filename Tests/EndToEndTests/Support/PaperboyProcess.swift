import Foundation
import TestSupport

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
    static func run(_ arguments: [String], in directory: URL, stdin: Data? = nil) throws -> Outcome {
        let outcome = try ProcessRunner.run(
            try executable().path, arguments, input: stdin, cwd: directory.path, environment: TestEnvironment.environment())
        return Outcome(status: outcome.status, stdout: outcome.stdout, stderr: outcome.stderr)
    }
}
