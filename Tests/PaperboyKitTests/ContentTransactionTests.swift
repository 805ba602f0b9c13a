import Foundation
@testable import PaperboyContent
import Testing

/// `ContentTransaction.recover(content:)` on journals written by hand, so that each of its
/// paths runs every time (the SIGKILL trials reach them only by timing): a journal without its
/// commit record is discarded, one with it is finished, and a damaged one never writes outside
/// Content. Every expectation compares file bytes.
@Suite("Content transaction recovery")
struct ContentTransactionTests {
    /// A scratch folder holding `Content/` (the old state) and `outside/`, a sibling that
    /// recovery must never touch.
    struct Scratch {
        let root: String
        var content: String { root + "/Content" }
        var outside: String { root + "/outside" }
        var journal: String { content + "/" + ContentTransaction.folderName }

        /// Content before the transaction.
        static let oldContent: [String: String] = [
            "site.yml": "title: Old\n",
            "papers/a.md": "---\ntitle: A\n---\nold text of a\n",
            "days/2026-11-26.md": "---\ndate: 2026-11-26\n---\n- a\n",
        ]

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-transaction-\(UUID().uuidString)").path
            for (path, text) in Self.oldContent { try Self.write(text, to: content + "/" + path) }
            try Self.write("not Content\n", to: outside + "/keep.txt")
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }

        static func write(_ text: String, to path: String) throws {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }

        /// A journal as `ContentTransaction.commit()` leaves it: staged files named 000000,
        /// 000001..., and the manifest under `manifestName` (`manifest.pending` before the commit
        /// point, `manifest` after it) holding `manifest` verbatim.
        func journal(staged: [String], manifest: String, manifestName: String) throws {
            for (index, text) in staged.enumerated() { try Self.write(text, to: journal + "/" + String(format: "%06d", index)) }
            try Self.write(manifest, to: journal + "/" + manifestName)
        }

        /// Every regular file below `folder` (hidden ones too), relative to it, with its bytes.
        static func files(_ folder: String) -> [String: Data] {
            var files: [String: Data] = [:]
            guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return files }
            while let path = enumerator.nextObject() as? String {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files[path] = FileManager.default.contents(atPath: folder + "/" + path) ?? Data()
                }
            }
            return files
        }

        /// The whole scratch folder (Content and its sibling), to catch writes outside Content.
        var everything: [String: Data] { Self.files(root) }

        static func bytes(_ files: [String: String]) -> [String: Data] { files.mapValues { Data($0.utf8) } }
    }

    static let newA = "---\ntitle: A\n---\nnew text of a\n"
    static let newB = "---\ntitle: B\n---\ntext of b\n"
    static let newDay = "---\ndate: 2026-11-27\n---\n- a\n- b\n"

    /// Content after the three-file transaction below.
    static var newContent: [String: String] {
        var files = Scratch.oldContent
        files["papers/a.md"] = newA
        files["papers/b.md"] = newB
        files["days/2026-11-27.md"] = newDay
        return files
    }

    static let staged = [newA, newB, newDay]
    static let manifest = "000000\tpapers/a.md\n000001\tpapers/b.md\n000002\tdays/2026-11-27.md\n"

    @Test("no journal: recover changes nothing")
    func noJournal() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let before = scratch.everything
        #expect(before.count == Scratch.oldContent.count + 1)
        try ContentTransaction.recover(content: scratch.content)
        #expect(scratch.everything == before)
    }

    @Test("staged files and manifest.pending without the commit record: discarded, Content as before")
    func uncommittedJournalIsDiscarded() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.journal(staged: Self.staged, manifest: Self.manifest, manifestName: "manifest.pending")
        let outsideBefore = Scratch.files(scratch.outside)
        #expect(Scratch.files(scratch.journal).count == 4, "the journal was written")

        try ContentTransaction.recover(content: scratch.content)
        #expect(Scratch.files(scratch.content) == Scratch.bytes(Scratch.oldContent))
        #expect(!FileManager.default.fileExists(atPath: scratch.journal), "the journal folder is removed")
        #expect(Scratch.files(scratch.outside) == outsideBefore)
    }

    @Test("killed while staging (no manifest at all, the last staged file cut short): discarded, Content as before")
    func journalWithoutManifestIsDiscarded() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try Scratch.write(Self.newA, to: scratch.journal + "/000000")
        try Scratch.write(String(Self.newB.prefix(7)), to: scratch.journal + "/000001")

        try ContentTransaction.recover(content: scratch.content)
        #expect(Scratch.files(scratch.content) == Scratch.bytes(Scratch.oldContent))
        #expect(!FileManager.default.fileExists(atPath: scratch.journal))
    }

    @Test("the commit record (manifest) present: every rename is applied, Content as after, journal gone")
    func committedJournalIsFinished() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.journal(staged: Self.staged, manifest: Self.manifest, manifestName: "manifest")
        let outsideBefore = Scratch.files(scratch.outside)

        try ContentTransaction.recover(content: scratch.content)
        #expect(Scratch.files(scratch.content) == Scratch.bytes(Self.newContent))
        #expect(!FileManager.default.fileExists(atPath: scratch.journal), "the journal folder is removed")
        #expect(Scratch.files(scratch.outside) == outsideBefore)

        // A second recovery (the next command) has nothing left to do.
        try ContentTransaction.recover(content: scratch.content)
        #expect(Scratch.files(scratch.content) == Scratch.bytes(Self.newContent))
    }

    @Test("committed and half applied (killed during the renames): the moved file stays new, the rest is applied")
    func halfAppliedJournalIsFinished() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.journal(staged: Self.staged, manifest: Self.manifest, manifestName: "manifest")
        // 000000 was renamed over papers/a.md before the kill: its line names a missing staged file.
        try FileManager.default.removeItem(atPath: scratch.content + "/papers/a.md")
        try FileManager.default.moveItem(atPath: scratch.journal + "/000000", toPath: scratch.content + "/papers/a.md")

        try ContentTransaction.recover(content: scratch.content)
        #expect(Scratch.files(scratch.content) == Scratch.bytes(Self.newContent))
        #expect(!FileManager.default.fileExists(atPath: scratch.journal))
    }

    /// A damaged commit record: one bad line among good ones.
    struct Damage: CustomTestStringConvertible, Sendable {
        var name: String
        /// The manifest's text; `outside` stands for the scratch folder's `outside/` path.
        var manifest: @Sendable (_ outside: String) -> String
        /// Content after recovery when the damaged line is ignored and the others applied.
        var expected: [String: String]
        var testDescription: String { name }
    }

    static let damages: [Damage] = [
        Damage(
            name: "a line without a tab",
            manifest: { _ in "000000\tpapers/a.md\n000001 papers/b.md\n000002\tdays/2026-11-27.md\n" },
            expected: newContent.filter { $0.key != "papers/b.md" }),
        Damage(
            name: "a line naming a staged file that is missing",
            manifest: { _ in "000000\tpapers/a.md\n000001\tpapers/b.md\n000002\tdays/2026-11-27.md\n000003\tpapers/c.md\n" },
            expected: newContent),
        Damage(
            name: "a target climbing out of Content with ..",
            manifest: { _ in "000000\tpapers/a.md\n000001\t../outside/keep.txt\n000002\tdays/2026-11-27.md\n" },
            expected: newContent.filter { $0.key != "papers/b.md" }),
        Damage(
            name: "a target with .. in the middle",
            manifest: { _ in "000000\tpapers/a.md\n000001\tpapers/../../outside/b.md\n000002\tdays/2026-11-27.md\n" },
            expected: newContent.filter { $0.key != "papers/b.md" }),
        Damage(
            name: "an absolute target",
            manifest: { outside in "000000\tpapers/a.md\n000001\t\(outside)/b.md\n000002\tdays/2026-11-27.md\n" },
            expected: newContent.filter { $0.key != "papers/b.md" }),
        Damage(
            name: "a truncated manifest (its last line cut inside the target)",
            manifest: { _ in "000000\tpapers/a.md\n000001\tpapers/b.md\n000002\tdays/2026-1" },
            expected: newContent.filter { $0.key != "days/2026-11-27.md" }),
    ]

    @Test(
        "a damaged commit record: the bad line is ignored (or the journal refused), nothing is written outside Content", arguments: damages)
    func damagedJournal(_ damage: Damage) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.journal(staged: Self.staged, manifest: damage.manifest(scratch.outside), manifestName: "manifest")
        let outsideBefore = Scratch.files(scratch.outside)
        #expect(outsideBefore == ["keep.txt": Data("not Content\n".utf8)])
        let journalBefore = Scratch.files(scratch.journal)
        #expect(journalBefore.count == 4, "the journal was written")

        var refusal: (any Error)?
        do { try ContentTransaction.recover(content: scratch.content) } catch { refusal = error }

        // Never a write outside Content, whatever recovery makes of the line.
        #expect(Scratch.files(scratch.outside) == outsideBefore, "\(damage.name): recovery wrote outside Content")
        let after = Scratch.files(scratch.content)
        if let refusal {
            // Refused: the damaged journal is reported and kept for a person to look at; Content
            // outside the journal is as before (nothing half-applied).
            #expect("\(refusal)".contains(ContentTransaction.folderName), "\(damage.name): the refusal names the journal: \(refusal)")
            let outsideJournal = after.filter { !$0.key.hasPrefix(ContentTransaction.folderName + "/") }
            #expect(outsideJournal == Scratch.bytes(Scratch.oldContent), "\(damage.name): refused, but Content changed")
        } else {
            // Ignored: the good lines are applied, the bad line's file is written nowhere, the journal is gone.
            #expect(after == Scratch.bytes(damage.expected), "\(damage.name): \(after.keys.sorted()) vs \(damage.expected.keys.sorted())")
            #expect(!FileManager.default.fileExists(atPath: scratch.journal), "\(damage.name): the journal folder is removed")
        }
    }
}
