import PaperboyContent
import PaperboyCore

/// The digests a paper's pages are fingerprinted with (see ``PageRenderer/fingerprint(_:sitePath:)``):
/// taken when the model is made, and kept in the content cache with the derived values, so
/// they belong to the model, not to the renderer that reads them.
extension PaperModel {
    /// What a paper's card and list item show: see ``PageRenderer/paperItem(_:rank:day:root:cards:)`` and ``PageRenderer/paperCard(_:root:showDate:)``.
    static func cardDigest(slug: String, title: String, excerpt: StoredText, firstSeen: CalendarDate, topics: [String]) -> UInt64 {
        var digest = Digest()
        digest.add(slug)
        digest.add(title)
        digest.add(excerpt)
        digest.add(firstSeen)
        digest.add(topics)
        return digest.value
    }

    /// What a paper's own page shows from its file and the values derived from it: its card,
    /// abstract, authors, code, summary and arXiv id (see ``PageRenderer/paper(_:_:root:)``). Kept in the
    /// content cache with the derived values, so that a build does not read every abstract
    /// to fingerprint their pages.
    static func contentDigest(cardDigest: UInt64, abstractHTML: StoredText, paper: Paper) -> UInt64 {
        var digest = Digest()
        digest.add(cardDigest)
        digest.add(abstractHTML)
        // Each field getter decodes all display fields of a cached paper: decoded once here.
        let display = paper.display.fields
        digest.add(display.authors)
        digest.add(display.code)
        digest.add(display.summary)
        digest.add(paper.arxiv)
        return digest.value
    }
}
