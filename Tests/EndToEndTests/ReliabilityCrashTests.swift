import Foundation
@testable import PaperboyBuild
@testable import PaperboyContent
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `paperboy ingest` and `paperboy build` killed with SIGKILL at random moments, on a generated
/// corpus of a few thousand entries. Content is always the old or the new state once a command
/// has recovered it, no file is ever truncated, and the next build equals a clean build.
///
/// `PAPERBOY_KILL_TRIALS` sets the kills per command (default 20); `PAPERBOY_SEED` replays the
/// kill times of a run (each test prints its seed).
@Suite("Reliability: crashes mid-way", .serialized)
struct ReliabilityCrashTests {
    static let trials = ProcessInfo.processInfo.environment["PAPERBOY_KILL_TRIALS"].flatMap { Int($0) } ?? 20

    /// Sleeps `seconds` (a kill delay).
    static func sleep(_ seconds: Double) {
        if seconds > 0 { usleep(useconds_t(seconds * 1_000_000)) }
    }

    /// Ingests `feeds` into a fresh Content at `path`, checking it worked.
    static func ingest(_ feeds: [String], into content: String) throws {
        let result = try Reliability.run(["ingest"] + feeds + ["--content", content])
        guard result.status == 0 else { throw Reliability.Failure("ingest failed: \(result.stderr)") }
    }

    static func build(_ content: String, _ templates: String, _ output: String) throws -> CommandResult {
        try Reliability.run(["build", "--content", content, "--templates", templates, "--output", output, "-q"])
    }

    /// A clean build, the reference the builds after a kill are compared with: into a new
    /// folder, with the cache off (`PAPERBOY_CACHE_DIR=off`), so that no cache state the kills
    /// left can be in the reference too.
    static func cleanBuild(_ content: String, _ templates: String, _ output: String) throws -> CommandResult {
        Reliability.remove(output)
        return try CommandResult.run(
            Reliability.paperboy, ["build", "--content", content, "--templates", templates, "--output", output, "-q"],
            environment: TestEnvironment.environment(cache: "off"))
    }

    /// A private copy of the repository's Templates: other work may edit them while the suite runs.
    static func templates(in workspace: String) throws -> String {
        let templates = workspace + "/Templates"
        try Reliability.copy(Reliability.root.appendingPathComponent("Templates").path, to: templates)
        return templates
    }

    /// The `trial`-th of `trials` kill delays: random, one in each equal slice of `0...duration`,
    /// so that the kills cover the whole run (its last moments included) whatever the seed.
    static func delay(_ trial: Int, of trials: Int, duration: Double, _ random: inout SplitMix64) -> Double {
        (Double(trial) + Double.random(in: 0..<1, using: &random)) / Double(trials) * duration
    }

    /// The files an output manifest lists.
    static func manifestFiles(_ data: Data?) -> Set<String> {
        OutputManifest(bytes: Array(data ?? Data())).files
    }

    @Test("SIGKILL during ingest: Content is the old or the new state, never truncated; the next build equals a clean one")
    func killIngest() throws {
        let workspace = try Reliability.scratch("kill-ingest")
        defer { Reliability.remove(workspace) }
        let suiteStart = DispatchTime.now()
        let feeds = try Reliability.corpus(days: 20, perDay: 100, into: workspace + "/feeds")
        #expect(feeds.count == 20)
        let templates = try Self.templates(in: workspace)

        // The old state: five days ingested. The killed command ingests the fifteen others (1,500 entries).
        let old = workspace + "/old"
        try Reliability.emptyContent(at: old)
        try Self.ingest(Array(feeds.prefix(5)), into: old)
        let oldState = Reliability.snapshot(old)
        Reliability.expectWhole(oldState, "the old state")
        let rest = Array(feeds.dropFirst(5))

        // The new state and the duration of an uninterrupted run.
        let work = workspace + "/Content"
        try Reliability.copy(old, to: work)
        let start = DispatchTime.now()
        try Self.ingest(rest, into: work)
        var duration = Reliability.seconds(since: start)
        let newState = Reliability.snapshot(work)
        Reliability.expectWhole(newState, "the new state")
        #expect(newState.count > oldState.count + 500, "the run writes hundreds of files")

        // Clean builds of both states, to compare the builds after a kill with.
        var cleanBuilds: [String: [String: Data]] = [:]
        for (name, content) in [("old", old), ("new", work)] {
            let output = workspace + "/clean-" + name
            let result = try Self.cleanBuild(content, templates, output)
            #expect(result.status == 0, "\(result.stderr)")
            cleanBuilds[name] = Reliability.snapshot(output)
            Reliability.expectWhole(cleanBuilds[name]!, "the clean build of the \(name) state")
        }

        let seed = SplitMix64.seed("kill ingest")
        var random = SplitMix64(seed: seed)
        var outcomes: [String: Int] = [:]
        // Kills at random moments, then journal trials: kills the moment the journal holds staged
        // files (before the commit point: the uncommitted path) or the moment its committed
        // manifest appears (during the renames: the committed path). Recovery is what the suite
        // is about, so each path must be reached, not just possible.
        let journalTrials = max(4, Self.trials / 4)
        let journal = work + "/" + ContentTransaction.folderName
        let committedPath = "committed journal finished by recovery"
        let uncommittedPath = "uncommitted journal discarded by recovery"
        var killedRunning = 0
        var journalSeen = 0
        var state = newState
        for trial in 0..<(Self.trials + journalTrials) {
            if state != oldState { try Reliability.copy(old, to: work) }
            // Journal trials wait for the hundredth staged file (even ones) or the committed manifest (odd ones).
            let atJournal = trial >= Self.trials
            let atManifest = atJournal && (trial - Self.trials) % 2 == 1
            let delay = atJournal ? 0 : Self.delay(trial, of: Self.trials, duration: duration, &random)
            let process = try ReliabilityProcess(["ingest"] + rest + ["--content", work], scratch: workspace)
            if atJournal {
                let awaited = journal + (atManifest ? "/manifest" : "/000100")
                while process.process.isRunning {
                    if access(awaited, F_OK) == 0 {
                        journalSeen += 1
                        break
                    }
                    usleep(50)
                }
            }
            Self.sleep(delay)
            process.kill()
            let ended = process.wait()
            let label =
                (atJournal
                    ? "journal trial \(trial - Self.trials), killed when the \(atManifest ? "manifest" : "hundredth staged file") appeared"
                    : "trial \(trial), killed after \(delay) s") + " (PAPERBOY_SEED=\(seed))"
            if ended.killed {
                if !atJournal { killedRunning += 1 }
            } else {
                outcomes["finished before the kill", default: 0] += 1
                #expect(ended.status == 0, "\(label): \(ended.stderr)")
                // A run that finished is an uninterrupted run: on a machine whose load changes,
                // the shortest seen keeps the random kills inside the run.
                if !atJournal { duration = min(duration, Reliability.seconds(since: process.started)) }
            }

            // Right after the kill, before any recovery: every file outside the journal is whole.
            let raw = Reliability.snapshot(work)
            let journalFiles = raw.keys.filter { $0.hasPrefix(ContentTransaction.folderName + "/") }
                .map { String($0.dropFirst(ContentTransaction.folderName.count + 1)) }
            let stagedLeft = journalFiles.filter { !$0.hasPrefix("manifest") }.count
            // Which recovery the next command has to do: finish a committed journal (renames
            // left) or discard an uncommitted one (staged files, no commit record).
            let recovery = stagedLeft == 0 ? nil : journalFiles.contains("manifest") ? committedPath : uncommittedPath
            for (path, bytes) in raw where !path.hasPrefix(ContentTransaction.folderName + "/") {
                #expect(
                    bytes == oldState[path] || bytes == newState[path],
                    "\(label): \(path) is neither its old nor its new version (\(bytes.count) bytes)")
            }

            // Any command recovers first (under the Content lock); check then reads every file.
            let check = try Reliability.run(["check", "--content", work])
            #expect(check.status == 0, "\(label): check after recovery\n\(check.stderr.prefix(2000))")
            state = Reliability.snapshot(work)
            let name = state == oldState ? "old" : state == newState ? "new" : nil
            guard let name else {
                Issue.record(
                    "\(label): Content is neither the old nor the new state; vs old: \(Reliability.difference(oldState, state)); vs new: \(Reliability.difference(newState, state))"
                )
                continue
            }
            outcomes[name, default: 0] += 1
            if let recovery {
                // A committed journal ends as the new state, an uncommitted one as the old.
                let expected = recovery == committedPath ? "new" : "old"
                #expect(name == expected, "\(label): \(recovery) (\(stagedLeft) staged files left) gave the \(name) state")
                if name == expected { outcomes[recovery, default: 0] += 1 }
            }
            // Every fifth trial, and the last: the next build equals a clean build of that state.
            if trial % 5 == 4 || trial == Self.trials + journalTrials - 1 {
                let output = workspace + "/Public"
                Reliability.remove(output)
                let result = try Self.build(work, templates, output)
                #expect(result.status == 0, "\(result.stderr)")
                let built = Reliability.snapshot(output)
                let same = built == cleanBuilds[name]
                #expect(
                    same,
                    "\(label): build differs from a clean build of the \(name) state: \(Reliability.difference(cleanBuilds[name]!, built))")
                outcomes["builds compared", default: 0] += 1
            }
        }
        // The kills landed while the command ran (most random moments, not just some), and both
        // recovery paths were taken.
        #expect(killedRunning * 2 > Self.trials, "only \(killedRunning) of \(Self.trials) random kills landed while ingest was running")
        #expect(
            journalSeen == journalTrials, "the journal or its manifest appeared in only \(journalSeen) of \(journalTrials) journal trials")
        #expect(outcomes[committedPath, default: 0] >= 1, "no kill left a committed journal for recovery to finish: \(outcomes)")
        #expect(outcomes[uncommittedPath, default: 0] >= 1, "no kill left an uncommitted journal for recovery to discard: \(outcomes)")
        // Nothing is lost: from whatever state the last kill left, ingesting again gives the new state.
        let again = try Reliability.run(["ingest"] + rest + ["--content", work])
        #expect(again.status == 0, "\(again.stderr)")
        let final = Reliability.snapshot(work) == newState
        #expect(final)

        print(
            String(
                format:
                    "kill ingest: %d kills at random moments (%d landed while running) + %d when the journal or its manifest appeared; shortest uninterrupted run %.2f s; outcomes: %@; %.1f s in all",
                Self.trials, killedRunning, journalTrials, duration,
                outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "),
                Reliability.seconds(since: suiteStart)))
    }

    @Test("SIGKILL during build: never a half-written file; the next build equals a clean build")
    func killBuild() throws {
        let workspace = try Reliability.scratch("kill-build")
        defer { Reliability.remove(workspace) }
        let suiteStart = DispatchTime.now()
        let feeds = try Reliability.corpus(days: 20, perDay: 100, into: workspace + "/feeds")
        let templates = try Self.templates(in: workspace)

        // Content A (14 days) was built before; the killed build renders Content B (20 days, 2,000 entries).
        let contentA = workspace + "/ContentA"
        try Reliability.emptyContent(at: contentA)
        try Self.ingest(Array(feeds.prefix(14)), into: contentA)
        let contentB = workspace + "/ContentB"
        try Reliability.copy(contentA, to: contentB)
        try Self.ingest(Array(feeds.dropFirst(14)), into: contentB)
        let contentBefore = Reliability.snapshot(contentB)
        Reliability.expectWhole(contentBefore, "Content B")

        let siteA = workspace + "/siteA"
        #expect(try Self.cleanBuild(contentA, templates, siteA).status == 0)
        let refA = Reliability.snapshot(siteA)
        Reliability.expectWhole(refA, "the clean build of Content A")
        let clean = workspace + "/clean"
        let cleanStart = DispatchTime.now()
        #expect(try Self.cleanBuild(contentB, templates, clean).status == 0)
        let cleanDuration = Reliability.seconds(since: cleanStart)
        let refB = Reliability.snapshot(clean)
        Reliability.expectWhole(refB, "the clean build of Content B")
        #expect(refB.count > 1_000)
        #expect(refA != refB, "the killed build has something to change")

        // The run that is killed: B over the old site A. Its uninterrupted duration bounds the delays.
        let output = workspace + "/Public"
        try Reliability.copy(siteA, to: output)
        let start = DispatchTime.now()
        #expect(try Self.build(contentB, templates, output).status == 0)
        // The shorter of the two runs, so that the kills fall inside the run even on a busy machine.
        var duration = min(Reliability.seconds(since: start), cleanDuration)
        let incremental = Reliability.snapshot(output) == refB
        #expect(incremental, "an incremental build equals a clean build")

        let seed = SplitMix64.seed("kill build")
        var random = SplitMix64(seed: seed)
        var finished = 0
        var leftovers = 0
        var phases: [String: Double] = [:]
        var mark = DispatchTime.now()
        func lap(_ phase: String) {
            phases[phase, default: 0] += Reliability.seconds(since: mark)
            mark = DispatchTime.now()
        }
        for trial in 0..<Self.trials {
            // Two trials in three start from the old site, one in three from nothing (a first build).
            let fromScratch = trial % 3 == 2
            Reliability.remove(output)
            if !fromScratch { try Reliability.copy(siteA, to: output) }
            lap("copy")
            let delay = Self.delay(trial, of: Self.trials, duration: duration, &random)
            let process = try ReliabilityProcess(
                ["build", "--content", contentB, "--templates", templates, "--output", output, "-q"], scratch: workspace)
            Self.sleep(delay)
            process.kill()
            let ended = process.wait()
            if !ended.killed {
                finished += 1
                #expect(ended.status == 0, "trial \(trial) (PAPERBOY_SEED=\(seed)): \(ended.stderr)")
                // A trial that finished is an uninterrupted run of the killed command: on a
                // machine whose load changes, the shortest seen keeps the kills inside the run.
                duration = min(duration, Reliability.seconds(since: process.started))
            }
            lap("kill")

            // Right after the kill: every file is whole, the old one or the new one (or a leftover
            // temporary, which is never a target name and which the next build removes).
            for (path, bytes) in Reliability.snapshot(output) {
                let name = path.split(separator: "/").last.map(String.init) ?? path
                if name.hasPrefix(".") && name.hasSuffix("paperboy-tmp") {
                    leftovers += 1
                    continue
                }
                var whole = bytes == refB[path] || (!fromScratch && bytes == refA[path])
                if path == OutputWriter.manifestName, !whole {
                    // Written before any page: the files this build may write and the previous build's.
                    whole =
                        Self.manifestFiles(bytes) == Self.manifestFiles(refB[path]).union(fromScratch ? [] : Self.manifestFiles(refA[path]))
                }
                #expect(
                    whole,
                    "trial \(trial) (PAPERBOY_SEED=\(seed)), killed after \(delay) s: \(path) is neither the old nor the new file (\(bytes.count) bytes)"
                )
            }

            lap("check files")
            // The next build finishes it: exactly a clean build, nothing stale, nothing temporary.
            // (Not a measure of the run: it finishes what the killed build left, so it is
            // shorter, and kills bounded by it would all fall in the run's first moments.)
            let next = try Self.build(contentB, templates, output)
            lap("next build")
            #expect(
                next.status == 0, "trial \(trial) (PAPERBOY_SEED=\(seed)), killed after \(delay) s: the next build failed\n\(next.stderr)")
            let after = Reliability.snapshot(output)
            let same = after == refB
            #expect(same, "trial \(trial) (PAPERBOY_SEED=\(seed)), killed after \(delay) s: \(Reliability.difference(refB, after))")
            lap("compare")
        }
        // The kills landed while the build ran: most of them, not just some.
        #expect(
            (Self.trials - finished) * 2 > Self.trials,
            "only \(Self.trials - finished) of \(Self.trials) kills landed while the build was running")
        print(
            "kill build: time per phase: "
                + phases.sorted { $0.key < $1.key }.map { String(format: "%@ %.1f s", $0.key, $0.value) }.joined(separator: ", "))
        let contentSame = Reliability.snapshot(contentB) == contentBefore
        #expect(contentSame, "a build never writes to Content")
        print(
            String(
                format:
                    "kill build: %d kills (%d finished first), shortest uninterrupted run %.2f s, %d leftover temporaries cleaned; %.1f s in all",
                Self.trials, finished, duration, leftovers, Reliability.seconds(since: suiteStart)))
    }
}
