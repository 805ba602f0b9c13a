import PaperboyCore

/// One distinct paper, whole: `Content/papers/<slug>.md`.
///
/// What a paper file holds, and the only form of a paper that can be changed and written
/// (``fileText``). A load hands out ``LoadedPaper``s, which can be read but not written: a
/// load may leave the abstract out, and a paper written without it would lose it.
package struct Paper: Sendable, Equatable {
    /// The permalink name, written once at first ingest and never recomputed.
    package var slug: String
    package var title: String
    /// The first day the paper trended.
    package var firstSeen: CalendarDate
    /// arXiv id without version (`2502.12345`), when known.
    package var arxiv: String?
    package var authors: [String]
    /// Code repositories (GitHub URLs found in the text, or added by hand).
    package var code: [String]
    /// A one-sentence summary, when the feed had one besides the abstract.
    package var summary: String?
    /// Topics added by hand; always kept on top of the rules.
    package var topics: [String]
    /// The abstract, Markdown.
    package var abstract: String
    /// What the sources tell besides the fields above (publication date, links, keywords).
    package var metadata: PaperMetadata
    /// Front matter keys Paperboy does not use (`venue:`, `notes:`), kept verbatim on rewrite.
    package var extraFrontMatter: String

    package init(
        slug: String, title: String, firstSeen: CalendarDate, arxiv: String? = nil, authors: [String] = [],
        code: [String] = [], summary: String? = nil, topics: [String] = [], abstract: String, metadata: PaperMetadata = PaperMetadata(),
        extraFrontMatter: String = ""
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
        self.metadata = metadata
        self.extraFrontMatter = extraFrontMatter
    }
}
