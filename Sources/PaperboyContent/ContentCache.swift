import PaperboyCore

/// Every paper and day file of a Content folder as last parsed, and what a build derives
/// from each paper (rendered abstract, excerpt, topics); kept in the ``CacheFolder``.
///
/// An entry is used only while its file's ``FileIdentity`` is unchanged (any write, rename or
/// copy changes it), and only entries whose file had settled when it was read are stored, so
/// a file written in the same clock tick as it was read is never trusted. The whole cache is
/// ignored when it was written by another Paperboy binary, and the derived part when
/// topics.yml changed. A missing, unreadable or damaged cache is simply rebuilt: it is never
/// the only copy of anything.
package struct ContentCache: Sendable {
    /// What a build derives from a paper file (and topics.yml).
    package struct Derived: Sendable, Equatable {
        package var abstractHTML: StoredText
        package var excerpt: StoredText
        package var topics: [String]
        /// What the paper's card and its page show from its file (see ``PaperModel/cardDigest``
        /// and ``PaperModel/contentDigest``).
        package var cardDigest: UInt64
        package var contentDigest: UInt64

        package init(abstractHTML: StoredText, excerpt: StoredText, topics: [String], cardDigest: UInt64, contentDigest: UInt64) {
            self.abstractHTML = abstractHTML
            self.excerpt = excerpt
            self.topics = topics
            self.cardDigest = cardDigest
            self.contentDigest = contentDigest
        }
    }

    /// Paper entries sorted by file name. The loader appends them in the order of the sorted
    /// folder listing and saving writes them in that order: no dictionary of every name is
    /// built, nor sorted.
    package struct SortedEntries: Sendable {
        package private(set) var names: [String] = []
        package private(set) var entries: [PaperEntry] = []
        /// The entries by name, once ``indexNames()`` made it (the model looks up every paper's
        /// derived values: a bisection of every name each was visible). A paper's name is its
        /// slug's file name, `<slug>.md` (the loader refuses any other).
        private var nameIndex: PositionTable?

        package var count: Int { names.count }

        mutating func reserveCapacity(_ count: Int) {
            names.reserveCapacity(count)
            entries.reserveCapacity(count)
        }

        /// Makes ``entry(slug:)`` a table lookup.
        mutating func indexNames() {
            nameIndex = nameTable()
        }

        /// The entry of the paper with this slug.
        func entry(slug: String) -> PaperEntry? {
            guard let nameIndex else { return self[slug + ".md"] }
            return position(ofSlug: slug, in: nameIndex).map { entries[$0] }
        }

        /// Adds an entry whose name sorts after every name held.
        mutating func append(_ name: String, _ entry: PaperEntry) {
            nameIndex = nil
            guard let last = names.last, last >= name else {
                names.append(name)
                entries.append(entry)
                return
            }
            self[name] = entry
        }

        /// A table of the names, for ``position(ofSlug:in:)``: the index when there is one.
        package func nameTable() -> PositionTable {
            nameIndex ?? PositionTable(names: names)
        }

        /// The position of the entry of `<slug>.md`, found in `table` (from ``nameTable()``).
        package func position(ofSlug slug: String, in table: PositionTable) -> Int? {
            table.position(of: slug + ".md", in: names)
        }

        /// Where `name` is, or would go.
        private func position(of name: String) -> Int {
            var low = 0, high = names.count
            while low < high {
                let middle = (low + high) / 2
                if names[middle] < name { low = middle + 1 } else { high = middle }
            }
            return low
        }

        subscript(name: String) -> PaperEntry? {
            get {
                let position = position(of: name)
                return position < names.count && names[position] == name ? entries[position] : nil
            }
            set {
                nameIndex = nil
                let position = position(of: name)
                let present = position < names.count && names[position] == name
                switch (present, newValue) {
                case let (true, entry?): entries[position] = entry
                case (true, nil):
                    names.remove(at: position)
                    entries.remove(at: position)
                case let (false, entry?):
                    names.insert(name, at: position)
                    entries.insert(entry, at: position)
                case (false, nil): break
                }
            }
        }
    }

    /// A class so that passing an entry around (cache, loader, archive) costs one retain, not
    /// one per string; `derived` is set only by ``store(_:slug:)``, on one thread, after reads.
    package final class PaperEntry: @unchecked Sendable {
        package let identity: FileIdentity
        package let paper: LoadedPaper
        /// ``PaperIdentity/normalizedTitle(_:)`` of the title (Unicode normalization is not free).
        package let titleKey: String
        package var derived: Derived?

        /// ``Digest/of(_:)`` of `titleKey` and of the arXiv id, for the loader's ``SlugIndex``es:
        /// kept with the entry, so that loading touches neither text.
        package let titleHash: UInt64
        package let arxivHash: UInt64?

        package init(
            identity: FileIdentity, paper: LoadedPaper, titleKey: String, derived: Derived? = nil,
            hashes: (title: UInt64, arxiv: UInt64?)? = nil
        ) {
            self.identity = identity
            self.paper = paper
            self.titleKey = titleKey
            let hashes = hashes ?? (Digest.of(titleKey), paper.arxiv.map(Digest.of))
            self.titleHash = hashes.title
            self.arxivHash = hashes.arxiv
            self.derived = derived
        }
    }

    package struct DayEntry: Sendable {
        package var identity: FileIdentity
        package var day: Day
        package var slugLines: [Int]
        /// For each listed slug, the position in ``stored`` of its paper's entry (-1: none):
        /// a loader that read both from the file checks the listings by position, without
        /// looking up every slug. Set only by ``decode(_:derivedKey:withHeavyPart:)``.
        package var storedPositions: [Int]? = nil

        package init(identity: FileIdentity, day: Day, slugLines: [Int], storedPositions: [Int]? = nil) {
            self.identity = identity
            self.day = day
            self.slugLines = slugLines
            self.storedPositions = storedPositions
        }
    }

    /// By file name (`<slug>.md`, `YYYY-MM-DD.md`): the cache a command builds up and saves.
    package var papers = SortedEntries()
    package var days: [String: DayEntry] = [:]
    /// The papers of a cache read from its file, sorted by file name as they are saved: the
    /// loader walks them beside the sorted folder listing, with no index of every name
    /// (see ``entry(_:)`` for one).
    package var stored: [(name: String, entry: PaperEntry)] = []
    /// The digest of the topics.yml the derived values were computed with.
    package var derivedKey: UInt64 = 0
    /// Loaded without the heavy part (a command that does not build needs neither abstracts
    /// nor derived values): its papers come without their abstracts. Never saved, so that it
    /// cannot drop what a build stored.
    package var isPartial = false
    /// How many files of this load came from the cache, unparsed.
    package internal(set) var reused = 0
    /// Whether this differs from what is on disk (so saving it is worth the write).
    package var isModified = false

    package static let magic = "paperboy content cache 10"
    /// Papers are stored in this many chunks, so that both cores decode them.
    package static let chunkCount = 16

    package init() {}

    /// The digest of topics.yml's text, which topics are derived with.
    static func derivedKey(topicsText: String?) -> UInt64 {
        var digest = Digest()
        digest.add(topicsText)
        return digest.value
    }

    /// The derived values of a paper whose file is unchanged since they were computed.
    package func derived(slug: String) -> Derived? {
        (papers.entry(slug: slug) ?? entry(slug + ".md"))?.derived
    }

    /// The entry of a paper file, built up or read from the file (a binary search of ``stored``).
    func entry(_ name: String) -> PaperEntry? {
        if let entry = papers[name] { return entry }
        var low = 0, high = stored.count
        while low < high {
            let middle = (low + high) / 2
            if stored[middle].name < name { low = middle + 1 } else { high = middle }
        }
        return low < stored.count && stored[low].name == name ? stored[low].entry : nil
    }

    /// Records derived values computed by a build, for papers the cache holds.
    package mutating func store(_ derived: Derived, slug: String) {
        guard let entry = papers[slug + ".md"] else { return }
        entry.derived = derived
        isModified = true
    }
}

/// Where a ``ContentLoader`` finds the files the last command parsed: PaperboyIncremental's
/// `ContentCacheFile`, which maps the cache file and leaves text in it. Content never sees
/// those bytes but through ``StoredText`` and ``StoredDisplayFields``.
package protocol ContentCacheStore: Sendable {
    /// The cache of a Content folder: an empty one when there is none or it cannot be used,
    /// nil when caching is off (then the loader parses every file, the reference path).
    /// Without `withHeavyPart`, papers come without their abstracts (see ``ContentCache/isPartial``).
    func load(_ layout: ContentLayout, derivedKey: UInt64, withHeavyPart: Bool) -> ContentCache?
}
