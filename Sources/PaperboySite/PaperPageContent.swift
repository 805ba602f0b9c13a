import PaperboyContent
import PaperboyCore

/// What a paper's own page shows of the paper: its file and the values derived from it.
/// Where it trended is the model's, not the file's (see `PaperPageInputs`).
///
/// The page's context reads the paper only as this value (through ``PaperPageSource``), and
/// its fingerprint takes the paper's ``PaperModel/contentDigest``: the ``digest`` of this
/// value, taken when the model is made and kept in the content cache, so that a build does
/// not read every abstract to fingerprint its page. Every field is digested below.
package struct PaperPageContent: Sendable {
    package let title: String
    /// The page's description.
    package let excerpt: StoredText
    package let abstractHTML: StoredText
    package let firstSeen: CalendarDate
    /// Topic slugs; their names are every page's (see `SitePageInputs`).
    package let topics: [String]
    package let authors: [String]
    /// Code repositories.
    package let code: [String]
    package let summary: String?
    package let arxiv: String?
    /// Publication date, project page, stars, keywords and categories, where known.
    package let metadata: PaperMetadata

    init(paper: LoadedPaper, abstractHTML: StoredText, excerpt: StoredText, topics: [String]) {
        // Each field getter decodes all display fields of a cached paper: decoded once here.
        let display = paper.display.fields
        self.title = display.title
        self.excerpt = excerpt
        self.abstractHTML = abstractHTML
        self.firstSeen = paper.firstSeen
        self.topics = topics
        self.authors = display.authors
        self.code = display.code
        self.summary = display.summary
        self.arxiv = paper.arxiv
        self.metadata = display.metadata
    }

    /// The digest of every field above.
    var digest: UInt64 {
        var digest = Digest()
        digest.add(title)
        digest.add(excerpt)
        digest.add(abstractHTML)
        digest.add(firstSeen)
        digest.add(topics)
        digest.add(authors)
        digest.add(code)
        digest.add(summary)
        digest.add(arxiv)
        digest.add(metadata.published)
        digest.add(metadata.project)
        digest.add(metadata.codeStars.map(String.init))
        digest.add(metadata.keywords)
        digest.add(metadata.categories)
        return digest.value
    }
}

/// A paper as its own page's context sees it: its ``content``, made when the page is
/// rendered, and the digest of that content for the page's fingerprint.
package struct PaperPageSource: Sendable {
    private let model: PaperModel

    init(_ model: PaperModel) { self.model = model }

    package var content: PaperPageContent {
        PaperPageContent(paper: model.paper, abstractHTML: model.storedAbstractHTML, excerpt: model.storedExcerpt, topics: model.topics)
    }
    /// ``PaperPageContent/digest`` of ``content``.
    package var contentDigest: UInt64 { model.contentDigest }
}

extension PaperModel {
    /// The paper as its own page sees it.
    package var pageSource: PaperPageSource { PaperPageSource(self) }
}
