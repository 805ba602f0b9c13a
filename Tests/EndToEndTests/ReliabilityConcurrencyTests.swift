import Foundation
@testable import PaperboyContent
@testable import PaperboyCore
@testable import PaperboyIngest
import TestSupport
import Testing

/// Two `paperboy` processes at once on the same folder: the Content lock and the output lock
/// make one of them stop with a clear message; nothing is corrupted and nothing reported done is lost.
@Suite("Reliability: two at once", .serialized)
struct ReliabilityConcurrencyTests {
    static let rounds = ProcessInfo.processInfo.environment["PAPERBOY_RACE_ROUNDS"].flatMap { Int($0) } ?? 12

    @Test(
        "two ingests of different days: each succeeds (its day there) or is told another paperboy is writing (its day absent); Content always passes check"
    )
    func twoIngests() throws {
        let workspace = try Reliability.scratch("two-ingests")
        defer { Reliability.remove(workspace) }
        let feeds = try Reliability.corpus(days: 2 * Self.rounds, perDay: 100, into: workspace + "/feeds")
        let content = workspace + "/Content"
        try Reliability.emptyContent(at: content)
        let seed = SplitMix64.seed("two ingests")
        var random = SplitMix64(seed: seed)
        var outcomes: [String: Int] = [:]

        for round in 0..<Self.rounds {
            let pair = [feeds[2 * round], feeds[2 * round + 1]]
            let days = pair.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
            // Started together, or the second up to half a second after the first.
            let first = try ReliabilityProcess(["ingest", pair[0], "--content", content], scratch: workspace)
            usleep(useconds_t(Double.random(in: 0...(round % 2 == 0 ? 0.02 : 0.5), using: &random) * 1_000_000))
            let second = try ReliabilityProcess(["ingest", pair[1], "--content", content], scratch: workspace)
            let results = [first.wait(), second.wait()]

            for (index, result) in results.enumerated() {
                let dayFile = "\(content)/days/\(days[index]).md"
                if result.status == 0 {
                    #expect(
                        result.stdout.contains("\(days[index]): 100 entries"), "round \(round) (PAPERBOY_SEED=\(seed)): \(result.stdout)")
                    #expect(
                        FileIO.kind(dayFile) == .file,
                        "round \(round) (PAPERBOY_SEED=\(seed)): \(days[index]) was reported ingested but is not in Content")
                } else {
                    #expect(
                        result.status == 1 && result.stderr.contains("another paperboy is writing to this Content folder"),
                        "round \(round) (PAPERBOY_SEED=\(seed)): \(days[index]) failed otherwise: exit \(result.status)\n\(result.stderr)")
                    #expect(
                        FileIO.kind(dayFile) == nil, "round \(round) (PAPERBOY_SEED=\(seed)): \(days[index]) failed but its day is there")
                }
            }
            let statuses = results.map(\.status)
            outcomes[statuses == [0, 0] ? "both succeeded" : "one was told to wait", default: 0] += 1
            #expect(statuses.contains(0), "round \(round) (PAPERBOY_SEED=\(seed)): at least one of the two ingests goes through")

            let check = try Reliability.run(["check", "--content", content])
            #expect(check.status == 0, "round \(round) (PAPERBOY_SEED=\(seed)): \(check.stderr.prefix(2000))")
            // The refused one, retried, goes through.
            for (index, result) in results.enumerated() where result.status != 0 {
                let retry = try Reliability.run(["ingest", pair[index], "--content", content])
                #expect(retry.status == 0, "round \(round) (PAPERBOY_SEED=\(seed)): retry of \(days[index]): \(retry.stderr)")
            }
        }

        // Nothing lost: every day lists its feed's 100 entries, each paper file with the entry's title.
        let loaded = ContentLoader(content: content).load()
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        #expect(loaded.days.count == feeds.count)
        for (feed, day) in zip(feeds.sorted(), loaded.days.sorted { $0.date < $1.date }) {
            let parsed = try TrendingFeedParser().parse(try FileIO.readText(feed), file: feed)
            #expect(day.papers.map { loaded.papers[$0]?.title } == parsed.entries.map(\.title), "\(day.date)")
        }
        // The race was run: in at least one round the second ingest met the first's lock (the
        // Content lock refuses at once; DirectoryLock prints "another paperboy is ...").
        #expect(outcomes["one was told to wait", default: 0] >= 1, "no round had the two ingests overlap: \(outcomes)")
        print(
            "two ingests: \(Self.rounds) rounds; "
                + outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }

    @Test(
        "two builds into one output folder: the second is told another paperboy is building, or both succeed; the output equals a clean build"
    )
    func twoBuilds() throws {
        let workspace = try Reliability.scratch("two-builds")
        defer { Reliability.remove(workspace) }
        let content = workspace + "/Content"
        let templates = workspace + "/Templates"
        try Reliability.copy(Reliability.root.appendingPathComponent("Content").path, to: content)
        try Reliability.copy(Reliability.root.appendingPathComponent("Templates").path, to: templates)
        let clean = workspace + "/clean"
        // The reference is a clean build: a new folder, the cache off.
        let cleanBuild = try CommandResult.run(
            Reliability.paperboy, ["build", "--content", content, "--templates", templates, "--output", clean, "-q"],
            environment: TestEnvironment.environment(cache: "off"))
        #expect(cleanBuild.status == 0, "\(cleanBuild.stderr)")
        let reference = Reliability.snapshot(clean)
        Reliability.expectWhole(reference, "the clean build")
        let contentBefore = Reliability.snapshot(content)
        Reliability.expectWhole(contentBefore, "Content")

        let output = workspace + "/Public"
        let seed = SplitMix64.seed("two builds")
        var random = SplitMix64(seed: seed)
        var outcomes: [String: Int] = [:]
        for round in 0..<Self.rounds {
            // Half the rounds race for a folder that does not exist yet (the first build of a site).
            if round % 2 == 0 { Reliability.remove(output) }
            let arguments = ["build", "--content", content, "--templates", templates, "--output", output, "-q"]
            let first = try ReliabilityProcess(arguments, scratch: workspace)
            usleep(useconds_t(Double.random(in: 0...0.05, using: &random) * 1_000_000))
            let second = try ReliabilityProcess(arguments, scratch: workspace)
            let results = [first.wait(), second.wait()]
            for result in results where result.status != 0 {
                #expect(
                    result.status == 1 && result.stderr.contains("another paperboy is building into this folder"),
                    "round \(round) (PAPERBOY_SEED=\(seed)): exit \(result.status)\n\(result.stderr)")
            }
            let statuses = results.map(\.status)
            #expect(statuses.contains(0), "round \(round) (PAPERBOY_SEED=\(seed)): at least one build goes through")
            outcomes[statuses == [0, 0] ? "both succeeded" : "one was told another is building", default: 0] += 1
            let built = Reliability.snapshot(output)
            let same = built == reference
            #expect(
                same,
                "round \(round) (PAPERBOY_SEED=\(seed)): the output differs from a clean build: \(Reliability.difference(reference, built))"
            )
        }
        let contentSame = Reliability.snapshot(content) == contentBefore
        #expect(contentSame)
        // The race was run: in at least one round the second build met the first's output lock.
        #expect(outcomes["one was told another is building", default: 0] >= 1, "no round had the two builds overlap: \(outcomes)")
        print(
            "two builds: \(Self.rounds) rounds; "
                + outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }
}
