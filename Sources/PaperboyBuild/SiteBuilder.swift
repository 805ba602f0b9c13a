import Foundation
import PaperboyContent
import PaperboyCore
import PaperboyFeeds
import PaperboyIncremental
import PaperboyRender
import PaperboySite

/// `paperboy build`: Content and Templates in, a static site out.
///
/// The build is a list of named steps (``steps``, defined in `BuildStep+Steps.swift`); each
/// logs what it did and how long it took, and an error says which step failed. Content and
/// templates are fully checked before the output folder is touched, so a refused build
/// leaves the previous site in place.
public struct SiteBuilder {
    public struct Options: Sendable {
        public var content: String
        public var templates: String
        public var output: String
        /// Overrides site.yml's `base_url` (deploy previews, sub-path tests).
        public var baseURL: String?
        /// Told each step as it starts and each page as it is done; nil says nothing.
        public var progress: ProgressReporter?

        public init(content: String = "Content", templates: String = "Templates", output: String = "Public", baseURL: String? = nil) {
            self.content = content
            self.templates = templates
            self.output = output
            self.baseURL = baseURL
        }
    }

    /// What a build did.
    public struct Report: Sendable {
        public var pages: Int
        public var feeds: Int
        public var assets: Int
        public var written: Int
        public var unchanged: Int
        /// Pages rendered; the others were already in place with the same fingerprint.
        public var rendered: Int
        public var removed: Int
        public var seconds: Double
        /// Paper count per topic slug, in taxonomy order.
        public var topicCounts: [(slug: String, count: Int)]
        /// What the build left alone and why (a manifest line it ignored, a file kept behind a link).
        public var warnings: [Diagnostic]
    }

    static let outputLockPurpose = "building into this folder"

    /// A failure inside one step, named.
    public struct StepError: Error, CustomStringConvertible {
        public var step: String
        public var underlying: Error
        public var description: String { "build step \"\(step)\" failed:\n\(underlying)" }
    }

    public let options: Options
    let log: @Sendable (String) -> Void

    public init(options: Options, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.options = options
        self.log = log
    }

    /// The steps of a build, in order (see ``BuildStep``).
    static let steps: [BuildStep] = [
        .loadContent, .loadTemplates, .resolveModel, .findRelated, .planSearchIndex, .renderFeeds, .prepareOutput, .writePages,
        .writeOtherFiles, .writeSearchIndex, .removeStale, .saveContentCache,
    ]

    /// Runs every step on the caller's executor (the command line runs it on the main thread);
    /// throws a ``StepError`` naming the step that failed.
    public nonisolated(nonsending) func run() async throws -> Report {
        let start = DispatchTime.now()
        var build = BuildState(options: options)
        do {
            for (number, step) in Self.steps.enumerated() {
                let stepStart = DispatchTime.now()
                options.progress?.starting("[\(number + 1)/\(Self.steps.count)] \(step.name)")
                let detail: String
                do {
                    detail = try await step.body(&build)
                } catch {
                    throw StepError(step: step.name, underlying: error)
                }
                log("[\(number + 1)/\(Self.steps.count)] \(step.name): \(detail) (\(Self.elapsed(since: stepStart)))")
            }
        } catch {
            await build.finishOverlaps()
            throw error
        }
        // Everything the build made, freed at exit rather than object by object.
        ProcessLifetime.keepUntilExit(build)
        await build.searchCacheSaving?.value
        let written = build.pagesWritten + build.otherWritten + build.searchWritten
        return Report(
            pages: build.pages.count, feeds: build.feedCount, assets: build.otherFiles.count - build.feedCount, written: written,
            unchanged: build.planned.count - written, rendered: build.pagesRendered, removed: build.removed,
            seconds: Self.seconds(since: start), topicCounts: build.model.topics.map { ($0.slug, $0.papers.count) },
            warnings: build.warnings)
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    static func elapsed(since start: DispatchTime) -> String {
        String(format: "%.2f s", seconds(since: start))
    }
}
