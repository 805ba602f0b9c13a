import PaperboyCore

/// `paperboy check`: every problem in Content, with file and line.
public struct ContentChecker {
    public let content: String

    /// See ``ContentLoader/contentCache``.
    package var contentCache: (any ContentCacheStore)?

    public init(content: String) {
        self.content = content
    }

    package init(content: String, contentCache: (any ContentCacheStore)?) {
        self.content = content
        self.contentCache = contentCache
    }

    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        public var days: Int
        public var papers: Int
    }

    /// Recovers an interrupted ingest, then loads everything and returns every problem.
    public func run() throws -> Result {
        let loader = ContentLoader(content: content, contentCache: contentCache)
        let loaded = FileIO.kind(content) == .directory ? try loader.loadLocked(wait: false).0 : loader.load()
        return Result(diagnostics: loaded.diagnostics, days: loaded.days.count, papers: loaded.papers.count)
    }
}
