import PaperboyCore

/// A paper as a load of Content hands it out: every field to read, none to write.
///
/// A load may leave the abstract out (``abstract`` is nil after a light load, which reads the
/// content cache without abstracts), so a loaded paper cannot be written back; ``whole`` is
/// the ``Paper`` to change when the load had all of it, and otherwise its file is read.
///
/// The fields sit in one shared, immutable storage: the loader, the cache, the model and the
/// pages pass every paper around, and a copy costs one retain rather than one per string.
package struct LoadedPaper: Sendable, Equatable {
    package var slug: String { storage.slug }
    package var title: String { storage.display.title }
    /// The title's bytes, perhaps still in a cache (see ``Display/storedTitle``).
    package var storedTitle: StoredText { storage.display.storedTitle }
    /// The first day the paper trended.
    package var firstSeen: CalendarDate { storage.firstSeen }
    /// arXiv id without version (`2502.12345`), when known.
    package var arxiv: String? { storage.arxiv }
    package var authors: [String] { storage.display.fields.authors }
    /// The title and authors alone, without decoding the other display fields of a cached paper.
    package var cardFields: CardFields { storage.display.cardFields }
    /// Code repositories (GitHub URLs found in the text, or added by hand).
    package var code: [String] { storage.display.fields.code }
    /// A one-sentence summary, when the feed had one besides the abstract.
    package var summary: String? { storage.display.fields.summary }
    /// Topics added by hand; always kept on top of the rules.
    package var topics: [String] { storage.topics }
    /// What the sources tell besides the fields above.
    package var metadata: PaperMetadata { storage.display.fields.metadata }
    /// Front matter keys Paperboy does not use, as written.
    package var extraFrontMatter: String { storage.display.fields.extraFrontMatter }
    /// The abstract, Markdown; nil when the load did not read it (see the type's note).
    package var abstract: StoredText? { storage.abstract }

    /// The paper to change and write, when the load read all of it.
    package var whole: Paper? {
        guard let abstract else { return nil }
        let fields = storage.display.fields
        return Paper(
            slug: slug, title: fields.title, firstSeen: firstSeen, arxiv: arxiv, authors: fields.authors, code: fields.code,
            summary: fields.summary, topics: topics, abstract: abstract.string, metadata: fields.metadata,
            extraFrontMatter: fields.extraFrontMatter)
    }

    /// A paper parsed from its file: all of it.
    package init(_ paper: Paper) {
        self.init(
            slug: paper.slug, firstSeen: paper.firstSeen, arxiv: paper.arxiv, topics: paper.topics,
            abstract: StoredText(paper.abstract),
            display: .decoded(
                DisplayFields(
                    title: paper.title, authors: paper.authors, code: paper.code, summary: paper.summary,
                    metadata: paper.metadata, extraFrontMatter: paper.extraFrontMatter)))
    }

    package init(slug: String, firstSeen: CalendarDate, arxiv: String?, topics: [String], abstract: StoredText?, display: Display) {
        storage = Storage(slug: slug, firstSeen: firstSeen, arxiv: arxiv, topics: topics, abstract: abstract, display: display)
    }

    /// The display fields as they are held: decoded, or still where a cache keeps them.
    package var display: Display { storage.display }

    package static func == (a: LoadedPaper, b: LoadedPaper) -> Bool {
        a.storage === b.storage
            || (a.slug == b.slug && a.firstSeen == b.firstSeen && a.arxiv == b.arxiv && a.topics == b.topics
                && a.abstract == b.abstract && a.display == b.display)
    }

    private let storage: Storage

    private final class Storage: Sendable {
        let slug: String
        let firstSeen: CalendarDate
        let arxiv: String?
        let topics: [String]
        let abstract: StoredText?
        let display: Display

        init(slug: String, firstSeen: CalendarDate, arxiv: String?, topics: [String], abstract: StoredText?, display: Display) {
            self.slug = slug
            self.firstSeen = firstSeen
            self.arxiv = arxiv
            self.topics = topics
            self.abstract = abstract
            self.display = display
        }
    }

    /// The fields only a paper's page and card show.
    package struct DisplayFields: Equatable, Sendable {
        package var title: String
        package var authors: [String]
        package var code: [String]
        package var summary: String?
        package var metadata: PaperMetadata
        package var extraFrontMatter: String

        package init(
            title: String, authors: [String], code: [String], summary: String?, metadata: PaperMetadata, extraFrontMatter: String
        ) {
            self.title = title
            self.authors = authors
            self.code = code
            self.summary = summary
            self.metadata = metadata
            self.extraFrontMatter = extraFrontMatter
        }
    }

    /// ``DisplayFields`` decoded, or left encoded where a cache holds them and decoded on each
    /// use (a build shows few of its papers; see PERFORMANCE.md).
    package enum Display: Sendable, Equatable {
        case decoded(DisplayFields)
        case stored(any StoredDisplayFields)

        package var fields: DisplayFields {
            switch self {
            case let .decoded(fields): return fields
            case let .stored(stored):
                // Lengths were checked when the cache was read; a block that does not decode reads as a title of U+FFFD.
                return stored.decodeFields()
                    ?? DisplayFields(
                        title: "\u{FFFD}", authors: [], code: [], summary: nil, metadata: PaperMetadata(), extraFrontMatter: "")
            }
        }

        /// The title alone: a paper card shows no other of these fields, and every list page
        /// shows a hundred cards.
        var title: String {
            switch self {
            case let .decoded(fields): return fields.title
            case let .stored(stored): return stored.decodeTitle() ?? "\u{FFFD}"
            }
        }

        /// The title as its bytes: what a page that links the paper digests of it, without
        /// decoding it.
        var storedTitle: StoredText {
            switch self {
            case let .decoded(fields): return StoredText(fields.title)
            case let .stored(stored): return stored.storedTitle() ?? "\u{FFFD}"
            }
        }

        /// The title and authors: all a paper card shows of these fields, decoded for each
        /// card rendered (not for each listing; see `PaperCard`).
        var cardFields: CardFields {
            switch self {
            case let .decoded(fields): return CardFields(title: fields.title, authors: fields.authors)
            case let .stored(stored): return stored.decodeCardFields() ?? CardFields(title: "\u{FFFD}", authors: [])
            }
        }

        package static func == (a: Display, b: Display) -> Bool { a.fields == b.fields }
    }

    /// The display fields a paper card shows.
    package struct CardFields: Sendable, Equatable {
        package var title: String
        package var authors: [String]

        package init(title: String, authors: [String]) {
            self.title = title
            self.authors = authors
        }
    }
}

/// A paper's display fields left encoded where a cache holds them (the mapped content cache
/// of PaperboyIncremental), decoded again on each use: Content sees no cache bytes.
package protocol StoredDisplayFields: Sendable {
    /// The fields, or nil when the encoding does not decode.
    func decodeFields() -> LoadedPaper.DisplayFields?
    /// The title alone (the first field), or nil when it does not decode.
    func decodeTitle() -> String?
    /// The title's bytes, left where they are (for a digest), or nil when they cannot be found.
    func storedTitle() -> StoredText?
    /// The title and authors (the first two fields), or nil when they do not decode.
    func decodeCardFields() -> LoadedPaper.CardFields?
}
