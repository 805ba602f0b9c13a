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

    public func run() throws -> Result {
        if FileIO.kind(content) == .directory {
            let lock = try DirectoryLock(content, purpose: "writing to this Content folder")
            try ContentTransaction.recover(content: content)
            withExtendedLifetime(lock) {}
        }
        let loaded = ContentLoader(content: content).load()
        return Result(diagnostics: loaded.diagnostics, days: loaded.days.count, papers: loaded.papers.count)
    }
}
