import Foundation
@testable import PaperboyBuild
@testable import PaperboyCore
import Testing

/// What a build killed at an unlucky moment leaves in the output folder, and how the next
/// build finds it: the kills of the reliability suite, each at one chosen moment.
@Suite("Output folder after a cut-short build")
struct OutputWriterTests {
    /// An output folder as a finished build left it: a manifest (not building) and its pages.
    static func finishedOutput() throws -> OutputWriter {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-output-\(UUID().uuidString)").path
        let writer = OutputWriter(root: root)
        for path in ["index.html", "days/2026-11-26/index.html"] {
            try writer.write(OutputFile(path: path, contents: Array(path.utf8)))
        }
        try writer.writeManifest(OutputManifest(files: ["index.html", "days/2026-11-26/index.html"]))
        return writer
    }

    /// Killed while the manifest or the marker was written: the temporary is the only trace.
    @Test(arguments: ["..paperboy-manifest.4242.paperboy-tmp", "..paperboy-building.paperboy-tmp.4242.paperboy-tmp"])
    func aTemporaryAtTheRootMarksABuildCutShort(leftover: String) throws {
        let writer = try Self.finishedOutput()
        defer { try? FileManager.default.removeItem(atPath: writer.root) }
        try Data("half".utf8).write(to: URL(fileURLWithPath: writer.root + "/" + leftover))

        // The next build plans more files than the last (begin writes a pending manifest)...
        let more = OutputManifest(files: ["index.html", "days/2026-11-26/index.html", "days/2026-11-27/index.html"])
        let start = try writer.begin(planned: more)
        #expect(start.previous.building)
        for path in more.order { try writer.write(OutputFile(path: path, contents: Array(path.utf8))) }
        _ = try writer.finish(written: more, after: start)
        #expect(!FileIO.list(writer.root).contains(leftover))
        #expect(writer.previousManifest()?.building == false)
    }

    @Test func aTemporaryIsFoundOnTheUsualRebuildToo() throws {
        let writer = try Self.finishedOutput()
        defer { try? FileManager.default.removeItem(atPath: writer.root) }
        let leftover = "days/.index.html.4242.paperboy-tmp"
        try Data("half".utf8).write(to: URL(fileURLWithPath: writer.root + "/" + "..paperboy-manifest.4242.paperboy-tmp"))
        try Data("half".utf8).write(to: URL(fileURLWithPath: writer.root + "/" + leftover))

        // ...or the same files as last time (begin writes only the marker).
        let same = try #require(writer.previousManifest())
        let start = try writer.begin(planned: same)
        #expect(start.previous.building)
        _ = try writer.finish(written: same, after: start)
        #expect(
            FileIO.walk(writer.root, includingLinks: true) == ["days/2026-11-26/index.html", "index.html", ".paperboy-manifest"].sorted())
    }

    @Test func aFinishedOutputIsNotSwept() throws {
        let writer = try Self.finishedOutput()
        defer { try? FileManager.default.removeItem(atPath: writer.root) }
        let same = try #require(writer.previousManifest())
        let start = try writer.begin(planned: same)
        #expect(!start.previous.building && start.listedAll)
        _ = try writer.finish(written: same, after: start)
        #expect(!FileIO.list(writer.root).contains(OutputWriter.buildingMarkerName))
    }
}
