/// One distinct paper: `Content/papers/<slug>.md`.
///
/// A value whose fields live in one shared box, copied on write: the loader, the cache, the
/// model and ingest pass 72,000 papers around, and a copy of ten strings and arrays costs ten
/// atomic retains (and releases), where a box costs one.
public struct Paper: Sendable, Equatable {
    /// The permalink name, written once at first ingest and never recomputed.
    public var slug: String {
        get { box.fields.slug }
        set { makeUnique(); box.fields.slug = newValue }
    }
    public var title: String {
        get { box.fields.title }
        set { makeUnique(); box.fields.title = newValue }
    }
    /// The first day the paper trended.
    public var firstSeen: CalendarDate {
        get { box.fields.firstSeen }
        set { makeUnique(); box.fields.firstSeen = newValue }
    }
    /// arXiv id without version (`2502.12345`), when known.
    public var arxiv: String? {
        get { box.fields.arxiv }
        set { makeUnique(); box.fields.arxiv = newValue }
    }
    public var authors: [String] {
        get { box.fields.authors }
        set { makeUnique(); box.fields.authors = newValue }
    }
    /// Code repositories (GitHub URLs found in the text, or added by hand).
    public var code: [String] {
        get { box.fields.code }
        set { makeUnique(); box.fields.code = newValue }
    }
    /// A one-sentence summary, when the feed had one besides the abstract.
    public var summary: String? {
        get { box.fields.summary }
        set { makeUnique(); box.fields.summary = newValue }
    }
    /// Topics added by hand; always kept on top of the rules.
    public var topics: [String] {
        get { box.fields.topics }
        set { makeUnique(); box.fields.topics = newValue }
    }
    /// The abstract, Markdown.
    public var abstract: String {
        get { box.fields.abstract }
        set { makeUnique(); box.fields.abstract = newValue }
    }
    /// Front matter keys Paperboy does not use (`venue:`, `notes:`), kept verbatim on rewrite.
    public var extraFrontMatter: String {
        get { box.fields.extraFrontMatter }
        set { makeUnique(); box.fields.extraFrontMatter = newValue }
    }

    public init(
        slug: String, title: String, firstSeen: CalendarDate, arxiv: String? = nil, authors: [String] = [],
        code: [String] = [], summary: String? = nil, topics: [String] = [], abstract: String
    ) {
        box = Box(Fields(
            slug: slug, title: title, firstSeen: firstSeen, arxiv: arxiv, authors: authors, code: code, summary: summary,
            topics: topics, abstract: abstract, extraFrontMatter: ""))
    }

    public static func == (a: Paper, b: Paper) -> Bool { a.box === b.box || a.box.fields == b.box.fields }

    private var box: Box

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
    }

    /// Written only after ``makeUnique()``, so never while another paper or thread shares it.
    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private struct Fields: Equatable {
        var slug: String
        var title: String
        var firstSeen: CalendarDate
        var arxiv: String?
        var authors: [String]
        var code: [String]
        var summary: String?
        var topics: [String]
        var abstract: String
        var extraFrontMatter: String
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
