import PaperboyContent
import PaperboyCore

/// `paperboy enrich arxiv`: fills what papers lack (authors, publication date, categories, and
/// with `titles` the arXiv id itself) from the arXiv API, all or nothing.
///
/// The questions go through `lookup`, so the rules here do not know HTTP: the executable asks
/// the API, tests answer from fixtures.
public struct ArxivEnricher {
    public struct Options: Sendable {
        public var content: String
        /// Also look papers without an id up by their exact title.
        public var titles: Bool
        package var contentCache: (any ContentCacheStore)?

        public init(content: String, titles: Bool = false) {
            self.content = content
            self.titles = titles
        }
    }

    /// A question for the arXiv API.
    package enum Query: Sendable, Equatable {
        /// These ids (at most ``batchSize``).
        case ids([String])
        /// Papers whose title has these words (`ti:"..."`).
        case title(String)
    }

    /// What an enrich did, for the user.
    public struct Report: Sendable {
        public var summary: String
        public var warnings: [Diagnostic]
        public var writtenFiles: [String]
    }

    /// arXiv's largest sensible `id_list`.
    package static let batchSize = 100

    public let options: Options

    public init(options: Options) { self.options = options }

    package func run(lookup: (Query) async throws -> [ArxivRecord]) async throws -> Report {
        let layout = ContentLayout(root: options.content)
        let (loaded, lock) = try ContentLoader(content: layout.root, contentCache: options.contentCache).loadLocked(
            requireSiteFiles: false, wait: false)
        defer { withExtendedLifetime(lock) {} }
        if !loaded.diagnostics.isEmpty {
            throw DiagnosticList(
                loaded.diagnostics + [Diagnostic(file: layout.root, "fix these problems in Content first (paperboy check lists them)")])
        }
        let slugs = loaded.papers.keys.sorted()
        var warnings: [Diagnostic] = []
        var found: [String: ArxivRecord] = [:]

        // Papers with an id that lack something arXiv knows.
        let lacking = slugs.filter { slug in
            let paper = loaded.papers[slug]!
            return paper.arxiv != nil && (paper.authors.isEmpty || paper.metadata.published == nil || paper.metadata.categories.isEmpty)
        }
        let ids = lacking.map { loaded.papers[$0]!.arxiv! }
        for start in stride(from: 0, to: ids.count, by: Self.batchSize) {
            let batch = Array(ids[start..<min(start + Self.batchSize, ids.count)])
            let records = Dictionary(try await lookup(.ids(batch)).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for (offset, id) in batch.enumerated() {
                let slug = lacking[start + offset]
                if let record = records[id] {
                    found[slug] = record
                } else {
                    warnings.append(Diagnostic(file: layout.paperFile(slug), "arXiv has no paper \(id)"))
                }
            }
        }

        // Papers without an id, by exact title: a result counts only when the titles are equal.
        var claimed = Set(loaded.papers.values.compactMap(\.arxiv))
        if options.titles {
            for slug in slugs where loaded.papers[slug]!.arxiv == nil {
                let title = loaded.papers[slug]!.title
                let wanted = PaperIdentity.normalizedTitle(title)
                let matches = try await lookup(.title(title)).filter { PaperIdentity.normalizedTitle($0.title) == wanted }
                guard let record = matches.first else { continue }
                if claimed.contains(record.id) {
                    warnings.append(
                        Diagnostic(file: layout.paperFile(slug), "arXiv \(record.id) has this title but is another paper's id; left alone"))
                    continue
                }
                claimed.insert(record.id)
                found[slug] = record
            }
        }

        var transaction = ContentTransaction(content: layout.root)
        var written: [String] = []
        for slug in found.keys.sorted() {
            let record = found[slug]!
            var paper = try loaded.papers[slug]!.whole ?? ContentLoader.parsePaper(at: layout.paperFile(slug), name: slug + ".md")
            let before = paper
            // Only what the paper lacks: a value in the file, typed by hand or not, stays.
            if paper.arxiv == nil { paper.arxiv = record.id }
            if paper.authors.isEmpty { paper.authors = record.authors }
            paper.metadata = paper.metadata.filled(from: PaperMetadata(published: record.published, categories: record.categories))
            if paper != before {
                transaction.stage(paper.fileText, at: ContentLayout.paperPath(slug))
                written.append(ContentLayout.paperPath(slug))
            }
        }
        try transaction.commit()
        let asked = lacking.count + (options.titles ? slugs.filter { loaded.papers[$0]!.arxiv == nil }.count : 0)
        return Report(
            summary: "arXiv: \(asked) paper\(asked == 1 ? "" : "s") looked up, \(written.count) filled in", warnings: warnings,
            writtenFiles: written)
    }
}
