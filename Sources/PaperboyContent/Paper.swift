import PaperboyCore

/// One distinct paper: `Content/papers/<slug>.md`.
///
/// A value whose fields live in one shared box, copied on write: the loader, the cache, the
/// model and ingest pass every paper around, and a copy of ten strings and arrays costs ten
/// atomic retains (and releases), where a box costs one.
///
/// A paper read from the content cache leaves the fields only its page and card show (title,
/// authors, code, summary, other front matter) in the mapped cache file, and reads them from
/// there on each use (see ``Display``): a build renders few of its papers, and
/// decoding those fields for all of them was a sixth of an incremental build.
package struct Paper: Sendable, Equatable {
    /// The permalink name, written once at first ingest and never recomputed.
    package var slug: String {
        get { box.fields.slug }
        set { makeUnique(); box.fields.slug = newValue }
    }
    package var title: String {
        get { box.fields.display.title }
        set { makeUnique(); box.fields.display.fields.title = newValue }
    }
    /// The first day the paper trended.
    package var firstSeen: CalendarDate {
        get { box.fields.firstSeen }
        set { makeUnique(); box.fields.firstSeen = newValue }
    }
    /// arXiv id without version (`2502.12345`), when known.
    package var arxiv: String? {
        get { box.fields.arxiv }
        set { makeUnique(); box.fields.arxiv = newValue }
    }
    package var authors: [String] {
        get { box.fields.display.fields.authors }
        set { makeUnique(); box.fields.display.fields.authors = newValue }
    }
    /// Code repositories (GitHub URLs found in the text, or added by hand).
    package var code: [String] {
        get { box.fields.display.fields.code }
        set { makeUnique(); box.fields.display.fields.code = newValue }
    }
    /// A one-sentence summary, when the feed had one besides the abstract.
    package var summary: String? {
        get { box.fields.display.fields.summary }
        set { makeUnique(); box.fields.display.fields.summary = newValue }
    }
    /// Topics added by hand; always kept on top of the rules.
    package var topics: [String] {
        get { box.fields.topics }
        set { makeUnique(); box.fields.topics = newValue }
    }
    /// The abstract, Markdown.
    package var abstract: String {
        get { box.fields.abstract }
        set { makeUnique(); box.fields.abstract = newValue }
    }
    /// Front matter keys Paperboy does not use (`venue:`, `notes:`), kept verbatim on rewrite.
    package var extraFrontMatter: String {
        get { box.fields.display.fields.extraFrontMatter }
        set { makeUnique(); box.fields.display.fields.extraFrontMatter = newValue }
    }

    package init(
        slug: String, title: String, firstSeen: CalendarDate, arxiv: String? = nil, authors: [String] = [],
        code: [String] = [], summary: String? = nil, topics: [String] = [], abstract: String
    ) {
        self.init(
            slug: slug, firstSeen: firstSeen, arxiv: arxiv, topics: topics, abstract: abstract,
            display: .decoded(DisplayFields(title: title, authors: authors, code: code, summary: summary, extraFrontMatter: "")))
    }

    package init(slug: String, firstSeen: CalendarDate, arxiv: String?, topics: [String], abstract: String, display: Display) {
        box = Box(Fields(slug: slug, firstSeen: firstSeen, arxiv: arxiv, topics: topics, abstract: abstract, display: display))
    }

    /// The display fields as they are held: decoded, or still in a cache file.
    package var display: Display { box.fields.display }

    package static func == (a: Paper, b: Paper) -> Bool { a.box === b.box || a.box.fields == b.box.fields }

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
        var firstSeen: CalendarDate
        var arxiv: String?
        var topics: [String]
        var abstract: String
        var display: Display
    }

    /// The fields only a paper's page and card show.
    package struct DisplayFields: Equatable {
        package var title: String
        package var authors: [String]
        package var code: [String]
        package var summary: String?
        package var extraFrontMatter: String

        package init(title: String, authors: [String], code: [String], summary: String?, extraFrontMatter: String) {
            self.title = title
            self.authors = authors
            self.code = code
            self.summary = summary
            self.extraFrontMatter = extraFrontMatter
        }
    }

    /// ``DisplayFields`` decoded, or their encoding in a mapped cache file, read again on each
    /// use and never changed there (so papers on both cores may read them at once). A change
    /// to a field first decodes them all.
    package enum Display: Sendable, Equatable {
        case decoded(DisplayFields)
        case stored(any StoredDisplayFields)

        package var fields: DisplayFields {
            get {
                switch self {
                case let .decoded(fields): return fields
                case let .stored(stored):
                    // Lengths were checked when the cache was read; a block that does not decode reads as a title of U+FFFD.
                    return stored.decodeFields()
                        ?? DisplayFields(title: "\u{FFFD}", authors: [], code: [], summary: nil, extraFrontMatter: "")
                }
            }
            set { self = .decoded(newValue) }
        }

        /// The title alone (``Paper/title``): a paper card shows no other of these fields, and
        /// every list page shows a hundred cards.
        var title: String {
            switch self {
            case let .decoded(fields): return fields.title
            case let .stored(stored):
                return stored.decodeTitle() ?? "\u{FFFD}"
            }
        }

        package static func == (a: Display, b: Display) -> Bool { a.fields == b.fields }
    }
}

/// A paper's display fields left encoded where a cache holds them (the mapped content cache
/// of PaperboyIncremental), decoded again on each use: the model sees no cache bytes.
package protocol StoredDisplayFields: Sendable {
    /// The fields, or nil when the encoding does not decode.
    func decodeFields() -> Paper.DisplayFields?
    /// The title alone (the first field), or nil when it does not decode.
    func decodeTitle() -> String?
}

/// One day's trending list: `Content/days/YYYY-MM-DD.md`.
package struct Day: Sendable, Equatable {
    package var date: CalendarDate
    /// Where the list came from (the feed's file name).
    package var source: String
    /// Paper slugs in rank order, rank 1 first.
    package var papers: [String]
    /// An optional note, Markdown.
    package var note: String

    package init(date: CalendarDate, source: String, papers: [String], note: String = "") {
        self.date = date
        self.source = source
        self.papers = papers
        self.note = note
    }
}
