import Foundation
import TestSupport
import Testing

/// A temporary site for end-to-end build tests: a copy of the bundled Content and
/// Templates in a fresh folder, and helpers to run `paperboy` and the validators on it.
struct SiteFixture {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let folder: URL
    var content: String { folder.appendingPathComponent("Content").path }
    var templates: String { folder.appendingPathComponent("Templates").path }
    var output: String { folder.appendingPathComponent("Public").path }

    /// Copies the repository's Content and Templates (or only site.yml and topics.yml with `emptyContent`).
    init(emptyContent: Bool = false) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-site-\(UUID().uuidString)")
        let manager = FileManager.default
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let root = Self.repositoryRoot
        try manager.copyItem(at: root.appendingPathComponent("Templates"), to: folder.appendingPathComponent("Templates"))
        if emptyContent {
            try manager.createDirectory(atPath: content, withIntermediateDirectories: true)
            for name in ["site.yml", "topics.yml"] {
                try manager.copyItem(atPath: root.appendingPathComponent("Content/\(name)").path, toPath: content + "/" + name)
            }
        } else {
            try manager.copyItem(at: root.appendingPathComponent("Content"), to: folder.appendingPathComponent("Content"))
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs `paperboy build` on this fixture.
    @discardableResult
    /// `cache` is the cache folder (`off` for none); the tests' shared one when nil.
    func build(_ extra: [String] = [], output: String? = nil, cache: String? = nil) throws -> CommandResult {
        try CommandResult.run(
            CommandResult.paperboy,
            ["build", "--content", content, "--templates", templates, "--output", output ?? self.output] + extra,
            environment: TestEnvironment.environment(cache: cache))
    }

    /// Every file below `root` with its bytes.
    static func snapshot(_ root: String) -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return files }
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = FileManager.default.contents(atPath: root + "/" + path)
            }
        }
        return files
    }

    static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// Whether a command is on PATH (validators are skipped, loudly, where a tool is missing outside CI).
    static func hasTool(_ name: String) -> Bool {
        (try? CommandResult.run("/usr/bin/env", ["which", name]).status) == 0
    }

    static func pythonHas(_ module: String) -> Bool {
        (try? CommandResult.run("/usr/bin/env", ["python3", "-c", "import \(module)"]).status) == 0
    }
}

/// The outcome of running a process.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String

    /// The `paperboy` built next to this test bundle (found by ``PaperboyProcess``).
    static var paperboy: String {
        (try? PaperboyProcess.executable().path) ?? SiteFixture.repositoryRoot.appendingPathComponent(".build/debug/paperboy").path
    }

    static func run(
        _ executable: String, _ arguments: [String], input: Data? = nil, cwd: String? = nil, environment: [String: String]? = nil
    ) throws -> CommandResult {
        let outcome = try ProcessRunner.run(
            executable, arguments, input: input, cwd: cwd, environment: environment ?? TestEnvironment.environment())
        return CommandResult(status: outcome.status, stdout: outcome.stdout, stderr: outcome.stderr)
    }
}
