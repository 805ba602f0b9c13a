import PaperboyCore

/// `paperboy check`: every problem in Content, with file and line.
public struct ContentChecker {
    public let content: String

    public init(content: String) {
        self.content = content
    }

    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        public var days: Int
        public var papers: Int
    }

    /// Recovers an interrupted ingest, then loads everything and returns every problem.
    public func run() throws -> Result {
        let loader = ContentLoader(content: content)
        let loaded = FileIO.kind(content) == .directory ? try loader.loadLocked(wait: false).0 : loader.load()
        return Result(diagnostics: loaded.diagnostics, days: loaded.days.count, papers: loaded.papers.count)
    }
}
