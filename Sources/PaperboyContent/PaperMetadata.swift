import PaperboyCore

/// What a paper's sources (Hugging Face, arXiv) tell of it besides its title, authors and
/// abstract. Each key is filled by `fetch`, `ingest` or `enrich` only while the paper has none,
/// so a value the user wrote is never replaced.
package struct PaperMetadata: Sendable, Equatable {
    /// The arXiv publication date (version 1).
    package var published: CalendarDate?
    /// The project page.
    package var project: String?
    /// The stars of the first code repository, when a source counted them.
    package var codeStars: Int?
    /// Keywords a source gave (Hugging Face's `ai_keywords`).
    package var keywords: [String]
    /// arXiv categories, primary first (`cs.LG`).
    package var categories: [String]

    package init(
        published: CalendarDate? = nil, project: String? = nil, codeStars: Int? = nil, keywords: [String] = [],
        categories: [String] = []
    ) {
        self.published = published
        self.project = project
        self.codeStars = codeStars
        self.keywords = keywords
        self.categories = categories
    }

    /// This metadata with every key it lacks taken from `other`.
    package func filled(from other: PaperMetadata) -> PaperMetadata {
        var result = self
        if result.published == nil { result.published = other.published }
        if result.project == nil { result.project = other.project }
        if result.codeStars == nil { result.codeStars = other.codeStars }
        if result.keywords.isEmpty { result.keywords = other.keywords }
        if result.categories.isEmpty { result.categories = other.categories }
        return result
    }
}
