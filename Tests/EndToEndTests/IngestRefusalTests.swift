import Foundation
@testable import PaperboyCore
import Testing

/// Bad input: exit status 1, `FILE:LINE: reason`, and Content byte-identical to before.
@Suite("paperboy ingest refusals")
struct IngestRefusalTests {
    /// A workspace whose Content already holds a day, so "nothing written" is tested against real files.
    func populated() throws -> IngestWorkspace {
        let workspace = try IngestWorkspace()
        try workspace.write("seed.txt", "Seed Paper\nSeed text.\nOther Seed\nOther text.\n")
        let outcome = try workspace.ingest(["seed.txt", "--date", "2026-11-20"])
        #expect(outcome.status == 0, "\(outcome)")
        return workspace
    }

    /// Refused feeds: the file's bytes, the exact `FILE:LINE: ` prefix and part of the message.
    static let badFeeds: [(name: String, bytes: [UInt8], prefix: String, message: String)] = [
        (
            "utf8.txt", Array("Paper A\nText A.\nPaper B\nBad ".utf8) + [0xFF, 0xFE] + Array(" bytes.\n".utf8), "utf8.txt:4: ",
            "invalid UTF-8"
        ),
        ("latin1.txt", Array("Caf".utf8) + [0xE9] + Array("\nText.\n".utf8), "latin1.txt:1: ", "invalid UTF-8"),
        ("truncated.txt", Array("Paper A\nText A.\nPaper B\nText ".utf8) + [0xE2, 0x82], "truncated.txt:4: ", "invalid UTF-8"),
        ("nul.txt", Array("Paper A\nText A.\nPaper\0B\nText B.\n".utf8), "nul.txt:3: ", "NUL byte"),
        ("empty.txt", [], "empty.txt:1: ", "the feed is empty"),
        ("blank.txt", Array(" \n\t\n\r\n   \n".utf8), "blank.txt:1: ", "the feed is empty"),
        ("bom.txt", [0xEF, 0xBB, 0xBF, 0x0A], "bom.txt:1: ", "the feed is empty"),
        (
            "chrome.txt",
            Array("Get trending papers in your email inbox once a day!\nGet trending papers in your email inbox!\nSubscribe\n".utf8),
            "chrome.txt:3: ", "only page chrome"
        ),
        (
            "chrome2.txt", Array("Get trending papers in your email inbox once a day!\r\nGet trending papers in your email inbox!".utf8),
            "chrome2.txt:2: ", "only page chrome"
        ),
        ("notext.txt", Array("Paper A\nText A.\nPaper B\n".utf8), "notext.txt:4: ", "expected an abstract after the title on line 3"),
        (
            "notext2.txt",
            Array(
                "Get trending papers in your email inbox once a day!\nGet trending papers in your email inbox!\nSubscribeOnly Title\n\n\n"
                    .utf8),
            "notext2.txt:4: ", "expected an abstract after the title on line 3"
        ),
        (
            "shifted.txt",
            Array(
                ("Paper A\nPaper B\n" + String(repeating: "An abstract sentence that goes on. ", count: 15) + "\nPaper C\nText C.\n").utf8),
            "shifted.txt:3: ", "expected a title"
        ),
        ("json.txt", Array("[{\"title\": \"x\"}]\n".utf8), "json.txt:1: ", "this is JSON, but the file name does not say which list"),
        ("atom.txt", Array("<?xml version=\"1.0\"?><feed/>\n".utf8), "atom.txt:1: ", "looks like XML"),
    ]

    @Test(arguments: badFeeds.indices)
    func aBadFeedChangesNothing(index: Int) throws {
        let bad = Self.badFeeds[index]
        let workspace = try populated()
        try workspace.write(bad.name, bytes: bad.bytes)
        let before = workspace.snapshot()
        let outcome = try workspace.ingest([bad.name, "--date", "2026-11-26"])
        expectRefusal(outcome, prefix: bad.prefix, message: bad.message, content: before, after: workspace.snapshot())
    }

    @Test(arguments: badFeeds.indices)
    func aBadFeedCreatesNoContentFolder(index: Int) throws {
        let bad = Self.badFeeds[index]
        let workspace = try IngestWorkspace()
        try workspace.write(bad.name, bytes: bad.bytes)
        let before = workspace.snapshot()
        #expect(!before.exists)
        let outcome = try workspace.ingest([bad.name, "--date", "2026-11-26"])
        expectRefusal(outcome, prefix: bad.prefix, message: bad.message, content: before, after: workspace.snapshot())
        #expect(!workspace.exists("Content"))
    }

    @Test func aMissingFile() throws {
        let workspace = try populated()
        let before = workspace.snapshot()
        expectRefusal(
            try workspace.ingest(["missing-2026-11-26.txt"]), prefix: "missing-2026-11-26.txt: ", message: "no such file",
            content: before, after: workspace.snapshot())
    }

    @Test func aDirectory() throws {
        let workspace = try populated()
        try workspace.write("feeds/trending-2026-11-26.txt", "Paper\nText.\n")
        let before = workspace.snapshot()
        expectRefusal(
            try workspace.ingest(["feeds"]), prefix: "feeds: ", message: "is a directory",
            content: before, after: workspace.snapshot())
    }

    @Test func severalFeedsOneBadWritesNothing() throws {
        let workspace = try populated()
        let entries = try SampleFeed.entries()
        try workspace.write("feeds/trending-2026-11-25.txt", SampleFeed.text(entries[0..<50]))
        try workspace.write(
            "feeds/trending-2026-11-26.txt", bytes: Array("Good Title\nGood text.\nBroken".utf8) + [0xC3, 0x28] + Array("\nText.\n".utf8))
        try workspace.write("feeds/trending-2026-11-27.txt", SampleFeed.text(entries[50..<100]))
        let before = workspace.snapshot()
        let outcome = try workspace.ingest([
            "feeds/trending-2026-11-25.txt", "feeds/trending-2026-11-26.txt", "feeds/trending-2026-11-27.txt",
        ])
        expectRefusal(
            outcome, prefix: "feeds/trending-2026-11-26.txt:3: ", message: "invalid UTF-8", content: before, after: workspace.snapshot())
        #expect(outcome.problems.count == 1, "\(outcome)")
    }

    @Test func everyBadFeedIsReportedAtOnce() throws {
        let workspace = try populated()
        try workspace.write("a-2026-11-25.txt", "Title only\n")
        try workspace.write("b-2026-11-26.txt", "")
        try workspace.write("c-2026-11-27.txt", "Fine\nText.\n")
        let before = workspace.snapshot()
        // Files that cannot be read are all reported first, before any feed is parsed.
        let outcome = try workspace.ingest(["a-2026-11-25.txt", "d-2026-11-28.txt", "b-2026-11-26.txt", "e"])
        expectRefusal(outcome, prefix: "d-2026-11-28.txt: ", message: "no such file", content: before, after: workspace.snapshot())
        #expect(outcome.problems == ["d-2026-11-28.txt: no such file", "e: no such file"])
        // Then every feed that does not parse.
        let second = try workspace.ingest(["a-2026-11-25.txt", "b-2026-11-26.txt", "c-2026-11-27.txt"])
        #expect(
            second.problems == [
                "a-2026-11-25.txt:2: expected an abstract after the title on line 1",
                "b-2026-11-26.txt:1: the feed is empty",
            ])
        #expect(workspace.snapshot().differences(from: before) == [])
    }

    @Test func aLaterFeedThatConflictsUndoesTheEarlierOnesToo() throws {
        let workspace = try populated()
        try workspace.write("feeds/x-2026-11-19.txt", "Brand New Paper\nText.\n")
        try workspace.write("feeds/x-2026-11-20.txt", "A Different List\nText.\n")  // 2026-11-20 already has the seed feed
        let before = workspace.snapshot()
        let outcome = try workspace.ingest(["feeds/x-2026-11-19.txt", "feeds/x-2026-11-20.txt"])
        expectRefusal(
            outcome, prefix: "feeds/x-2026-11-20.txt: ", message: "already has a different feed", content: before,
            after: workspace.snapshot())
    }

    @Test func twoFeedsForOneDate() throws {
        let workspace = try populated()
        try workspace.write("a/trending-2026-11-26.txt", "A\nText.\n")
        try workspace.write("b/trending-2026-11-26.txt", "B\nText.\n")
        let before = workspace.snapshot()
        let outcome = try workspace.ingest(["a/trending-2026-11-26.txt", "b/trending-2026-11-26.txt"])
        expectRefusal(
            outcome, prefix: "b/trending-2026-11-26.txt: ", message: "is for 2026-11-26, like a/trending-2026-11-26.txt",
            content: before, after: workspace.snapshot())
    }

    @Test func aFeedWithoutADate() throws {
        let workspace = try populated()
        try workspace.write("trending.txt", "A\nText.\n")
        let before = workspace.snapshot()
        expectRefusal(
            try workspace.ingest(["trending.txt"]), prefix: "trending.txt: ", message: "no date: give --date YYYY-MM-DD",
            content: before, after: workspace.snapshot())
        expectRefusal(
            try workspace.ingest(["-"], stdin: Data("A\nText.\n".utf8)), prefix: "<stdin>: ", message: "no date",
            content: before, after: workspace.snapshot())
        // A name with an impossible date has no date either.
        try workspace.write("trending-2026-02-30.txt", "A\nText.\n")
        expectRefusal(
            try workspace.ingest(["trending-2026-02-30.txt"]), prefix: "trending-2026-02-30.txt: ", message: "no date",
            content: before, after: workspace.snapshot())
    }

    @Test func badStandardInput() throws {
        let workspace = try populated()
        let before = workspace.snapshot()
        let outcome = try workspace.ingest(["-", "--date", "2026-11-26"], stdin: Data([0x41, 0x0A, 0x42, 0x00, 0x0A]))
        expectRefusal(outcome, prefix: "<stdin>:2: ", message: "NUL byte", content: before, after: workspace.snapshot())
    }

    @Test func aLockedContentFolderIsLeftAlone() throws {
        let workspace = try populated()
        try workspace.write("feed.txt", "Paper\nText.\n")
        let before = workspace.snapshot()
        // Another paperboy holds the lock on the folder.
        let lock = try DirectoryLock(workspace.path("Content"), purpose: "testing")
        let outcome = try workspace.ingest(["feed.txt", "--date", "2026-11-26"])
        withExtendedLifetime(lock) {}
        expectRefusal(
            outcome, prefix: "Content: ", message: "another paperboy is writing to this Content folder",
            content: before, after: workspace.snapshot())
    }

    @Test func brokenContentIsNotIngestedInto() throws {
        let workspace = try populated()
        try workspace.write("Content/papers/broken.md", "---\ntitle: \"Broken\nslug: broken\nfirst_seen: 2026-11-20\n---\n")
        try workspace.write("feed.txt", "Paper\nText.\n")
        let before = workspace.snapshot()
        let outcome = try workspace.ingest(["feed.txt", "--date", "2026-11-26"])
        expectRefusal(outcome, prefix: "Content/papers/broken.md:2: ", message: "not closed", content: before, after: workspace.snapshot())
        #expect(outcome.problems.last?.contains("paperboy check") == true, "\(outcome)")
    }
}
