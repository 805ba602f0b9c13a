import Foundation
@testable import PaperboyContent
import Testing

/// A temporary folder for one end-to-end test: feeds are written into it, `paperboy` runs
/// in it (so messages name files as `feed.txt`, not by absolute path) and Content lives in
/// `Content/` below it. The folder is removed when the workspace goes away.
final class IngestWorkspace {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    /// Writes a file (creating folders), as UTF-8 text or raw bytes.
    func write(_ relative: String, _ text: String) throws { try write(relative, bytes: Array(text.utf8)) }

    func write(_ relative: String, bytes: [UInt8]) throws {
        let target = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: target)
    }

    func read(_ relative: String) -> String {
        (try? String(contentsOfFile: path(relative), encoding: .utf8)) ?? ""
    }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    /// Edits a file here: it must exist and hold text, and the edit must change it (an edit
    /// whose pattern no longer matches would leave the test checking nothing).
    func edit(_ relative: String, sourceLocation: SourceLocation = #_sourceLocation, _ change: (String) -> String) throws {
        let text = read(relative)
        try #require(!text.isEmpty, "\(relative): missing or empty, nothing to edit", sourceLocation: sourceLocation)
        let edited = change(text)
        try #require(edited != text, "\(relative): the edit changed nothing", sourceLocation: sourceLocation)
        try write(relative, edited)
    }

    /// Text read as the earlier state a later read is compared with: the file must exist and hold something.
    func readEarlier(_ relative: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let text = read(relative)
        try #require(
            !text.isEmpty, "\(relative): missing or empty, a comparison with it would prove nothing", sourceLocation: sourceLocation)
        return text
    }

    /// File names in a folder, sorted.
    func files(in relative: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path(relative))) ?? []).sorted()
    }

    /// Runs `paperboy` here.
    @discardableResult
    func paperboy(_ arguments: [String], stdin: Data? = nil) throws -> PaperboyProcess.Outcome {
        try PaperboyProcess.run(arguments, in: url, stdin: stdin)
    }

    /// Runs `paperboy ingest ... --content Content` here.
    @discardableResult
    func ingest(_ arguments: [String], stdin: Data? = nil) throws -> PaperboyProcess.Outcome {
        try paperboy(["ingest"] + arguments + ["--content", "Content"], stdin: stdin)
    }

    /// Every file and folder below `relative` (hidden ones too) with its bytes and modification time.
    func snapshot(_ relative: String = "Content") -> TreeSnapshot { TreeSnapshot(root: path(relative)) }

    /// The papers in Content, by slug.
    func papers() throws -> [String: Paper] {
        var papers: [String: Paper] = [:]
        for name in files(in: "Content/papers") {
            let paper = try Paper(fileText: read("Content/papers/" + name), file: name)
            papers[paper.slug] = paper
        }
        return papers
    }

    /// The day file for `date`.
    func day(_ date: String) throws -> Day {
        var lines: [Int] = []
        return try Day(fileText: read("Content/days/\(date).md"), file: date, slugLines: &lines)
    }

    /// A minimal site.yml and topics.yml, so `check` has everything it requires.
    func writeSiteFiles() throws {
        try write(
            "Content/site.yml",
            """
            title: "Trending Papers"
            description: "Test archive"
            base_url: "https://example.org/archive/"
            language: en
            author: "Tests"
            feed_items: 20
            """)
        try write(
            "Content/topics.yml",
            """
            topics:
              - slug: diffusion
                name: Diffusion
                phrases: [diffusion, denoising]
              - slug: language-models
                name: Language models
                phrases: [language model, LLM]
            """)
    }
}

/// Every entry below a folder: bytes for files, a marker for folders, and when each file
/// was last written, so "byte-identical" also means "not rewritten".
struct TreeSnapshot: Equatable, CustomStringConvertible {
    var exists: Bool
    var entries: [String: [UInt8]]
    var modified: [String: Date]

    init(root: String) {
        var isDirectory: ObjCBool = false
        exists = FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory)
        entries = [:]
        modified = [:]
        guard exists, let enumerator = FileManager.default.enumerator(atPath: root) else { return }
        while let relative = enumerator.nextObject() as? String {
            let full = root + "/" + relative
            var folder: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &folder), folder.boolValue {
                entries[relative + "/"] = []
            } else {
                entries[relative] = Array(FileManager.default.contents(atPath: full) ?? Data())
                modified[relative] = (try? FileManager.default.attributesOfItem(atPath: full)[.modificationDate]) as? Date
            }
        }
    }

    var description: String { exists ? "\(entries.count) entries" : "no folder" }

    /// Whether the folder is there with files, none of them empty: an earlier state that a
    /// "nothing changed" comparison can mean something against.
    var holdsFiles: Bool {
        let files = entries.filter { !$0.key.hasSuffix("/") }
        return exists && !files.isEmpty && !files.values.contains { $0.isEmpty }
    }

    /// What differs from `other`, for messages.
    func differences(from other: TreeSnapshot) -> [String] {
        var result: [String] = []
        if exists != other.exists { result.append("folder \(other.exists ? "exists" : "missing") -> \(exists ? "exists" : "missing")") }
        for key in Set(entries.keys).union(other.entries.keys).sorted() {
            switch (other.entries[key], entries[key]) {
            case (nil, _?): result.append("new: \(key)")
            case (_?, nil): result.append("gone: \(key)")
            case let (a?, b?) where a != b: result.append("changed: \(key)")
            default: if other.modified[key] != modified[key] { result.append("rewritten: \(key)") }
            }
        }
        return result
    }
}

/// The real sample and feeds made from it.
enum SampleFeed {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures")

    static let chrome = "Get trending papers in your email inbox once a day!\nGet trending papers in your email inbox!\n"

    static func bytes() throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent("trending-2026-11-26.txt")))
    }

    static func fixture(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(relative)))
    }

    /// The sample's (title, text) pairs in rank order, read independently of the parser.
    static func entries() throws -> [(title: String, text: String)] {
        var lines = String(decoding: try bytes(), as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.count == 2 + 281 * 2)
        lines.removeFirst(2)
        lines[0] = String(lines[0].dropFirst("Subscribe".count))
        return stride(from: 0, to: lines.count, by: 2).map { (lines[$0], lines[$0 + 1]) }
    }

    /// A trending feed of `entries`, with or without the page chrome.
    static func text(_ entries: some Sequence<(title: String, text: String)>, chrome: Bool = true) -> String {
        var result = chrome ? Self.chrome + "Subscribe" : ""
        for (title, text) in entries { result += title + "\n" + text + "\n" }
        return result
    }
}

extension PaperboyProcess.Outcome {
    /// The lines of standard error that report problems: `FILE:LINE: message`, or
    /// `paperboy: error: message` for the rest (shown without that prefix).
    var problems: [String] {
        errorLines.filter { !$0.contains(": warning: ") }.map {
            $0.hasPrefix("paperboy: error: ") ? String($0.dropFirst("paperboy: error: ".count)) : $0
        }
    }
    /// Warnings (`FILE:LINE: warning: message`), shown as `FILE:LINE: message`.
    var warnings: [String] {
        errorLines.filter { $0.contains(": warning: ") }.map { line in
            let range = line.range(of: ": warning: ")!
            return line.replacingCharacters(in: range, with: ": ")
        }
    }
}

/// Checks a refusal: the exit status, one problem that starts with `prefix` (exactly
/// `FILE:LINE: ` or `FILE: `) and contains `message`, and Content exactly as `before`.
func expectRefusal(
    _ outcome: PaperboyProcess.Outcome, status: Int32 = 1, prefix: String, message: String,
    content before: TreeSnapshot, after: TreeSnapshot, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(outcome.status == status, "\(outcome)", sourceLocation: sourceLocation)
    let matching = outcome.problems.filter { $0.hasPrefix(prefix) }
    #expect(!matching.isEmpty, "no problem starts with \(prefix.debugDescription)\n\(outcome)", sourceLocation: sourceLocation)
    #expect(
        matching.contains { $0.contains(message) }, "no \(prefix) problem says \(message.debugDescription)\n\(outcome)",
        sourceLocation: sourceLocation)
    #expect(outcome.stdout.isEmpty, "\(outcome)", sourceLocation: sourceLocation)
    let differences = after.differences(from: before)
    #expect(differences.isEmpty, "Content changed: \(differences.prefix(10))", sourceLocation: sourceLocation)
}
