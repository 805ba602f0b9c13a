/// One distinct paper: `Content/papers/<slug>.md`.
public struct Paper: Sendable, Equatable {
    /// The permalink name, written once at first ingest and never recomputed.
    public var slug: String
    public var title: String
    /// The first day the paper trended.
    public var firstSeen: CalendarDate
    /// arXiv id without version (`2502.12345`), when known.
    public var arxiv: String?
    public var authors: [String]
    /// Code repositories (GitHub URLs found in the text, or added by hand).
    public var code: [String]
    /// A one-sentence summary, when the feed had one besides the abstract.
    public var summary: String?
    /// Topics added by hand; always kept on top of the rules.
    public var topics: [String]
    /// The abstract, Markdown.
    public var abstract: String
    /// Front matter keys Paperboy does not use (`venue:`, `notes:`), kept verbatim on rewrite.
    public var extraFrontMatter: String = ""

    public init(
        slug: String, title: String, firstSeen: CalendarDate, arxiv: String? = nil, authors: [String] = [],
        code: [String] = [], summary: String? = nil, topics: [String] = [], abstract: String
    ) {
        self.slug = slug
        self.title = title
        self.firstSeen = firstSeen
        self.arxiv = arxiv
        self.authors = authors
        self.code = code
        self.summary = summary
        self.topics = topics
        self.abstract = abstract
    }
}

/// One day's trending list: `Content/days/YYYY-MM-DD.md`.
public struct Day: Sendable, Equatable {
    public var date: CalendarDate
    /// Where the list came from (the feed's file name).
    public var source: String
    /// Paper slugs in rank order, rank 1 first.
    public var papers: [String]
    /// An optional note, Markdown.
    public var note: String

    public init(date: CalendarDate, source: String, papers: [String], note: String = "") {
        self.date = date
        self.source = source
        self.papers = papers
        self.note = note
    }
}
