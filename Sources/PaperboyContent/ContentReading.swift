import PaperboyCore

/// How ``ContentLoader`` reads Content's files. ``ParsingReader`` parses every file: the
/// reference path. ``CachedReader`` takes each file unchanged since the last command as the
/// content cache holds it, and parses the rest. The loader's checks see only what either gives.
package protocol ContentReading: Sendable {
    /// Each file of the papers' folder listing `names` (sorted by name), in the same order.
    mutating func readPapers(_ names: [String], in layout: ContentLayout) -> [ParsedPaper]
    /// A day file as last parsed, when it has not changed since; nil when it must be parsed.
    mutating func unchangedDay(_ name: String, identity: FileIdentity?) -> UnchangedDay?
    /// A day file parsed now and found right, for the next command.
    mutating func parsedDay(_ name: String, identity: FileIdentity?, day: Day, slugLines: [Int])
    /// What the next command may take files from, with room for what a build derives.
    func nextCache(_ papers: [ParsedPaper]) -> ContentCache
}

/// One file of the papers' folder as a ``ContentReading`` gives it.
package struct ParsedPaper: Sendable {
    package var name: String
    /// The parsed paper with the file's identity; nil when the file is not a usable paper.
    package var entry: ContentCache.PaperEntry? = nil
    /// Came from the cache unchanged.
    package var reused = false
    /// Parsed now from a file that has settled: worth caching.
    package var cacheable = false
    package var problem: Diagnostic? = nil

    /// The file `name` of the papers' folder, parsed; `cacheable` when it has settled.
    static func parse(_ name: String, in layout: ContentLayout, identity: FileIdentity?, cacheable: Bool) -> ParsedPaper {
        do throws(Diagnostic) {
            let paper = try ContentLoader.parsePaper(at: layout.papersFolder + "/" + name, name: name)
            return ParsedPaper(
                name: name,
                entry: ContentCache.PaperEntry(
                    identity: identity ?? .unknown, paper: LoadedPaper(paper), titleKey: PaperIdentity.normalizedTitle(paper.title)),
                cacheable: cacheable)
        } catch {
            return ParsedPaper(name: name, problem: error)
        }
    }

    /// A name that is no paper file's: hidden files are passed over, anything else is a problem.
    static func notAPaper(_ name: String, in layout: ContentLayout) -> ParsedPaper? {
        if name.hasSuffix(".md"), !name.hasPrefix(".") { return nil }
        let problem = Diagnostic(file: layout.papersFolder + "/" + name, "not a paper file: paper files are named <slug>.md")
        return ParsedPaper(name: name, problem: name.hasPrefix(".") ? nil : problem)
    }
}

/// A day file as the last command parsed it.
package struct UnchangedDay: Sendable {
    package var day: Day
    /// The line of each slug the day lists.
    package var slugLines: [Int]
    /// The position in the papers' listing of each listed paper, when the reader knows it
    /// (-1: look the slug up by name).
    package var positions: [Int]?
}

/// The reference path: every file parsed, nothing kept for the next command.
package struct ParsingReader: ContentReading {
    package init() {}

    package func readPapers(_ names: [String], in layout: ContentLayout) -> [ParsedPaper] {
        names.parallelMap { name in
            ParsedPaper.notAPaper(name, in: layout) ?? ParsedPaper.parse(name, in: layout, identity: nil, cacheable: false)
        }
    }

    package func unchangedDay(_ name: String, identity: FileIdentity?) -> UnchangedDay? { nil }
    package func parsedDay(_ name: String, identity: FileIdentity?, day: Day, slugLines: [Int]) {}
    package func nextCache(_ papers: [ParsedPaper]) -> ContentCache { ContentCache() }
}

/// The cached path: a file whose ``FileIdentity`` is the one cached comes from the content
/// cache as parsed then; the rest are parsed, and those that have settled (see
/// ``FileIdentity/isSettled(now:)``) are kept for the next command.
package struct CachedReader: ContentReading {
    /// The cache as the last command left it.
    let previous: ContentCache
    /// Whether the loader's caller builds: it looks the papers' derived values up by slug.
    let needsDerived: Bool
    /// When this load started: a file changed since may change again unseen, and is not cached.
    let started = FileIdentity.now()
    /// For each file of the listing, the position of its entry in `previous.stored` (-1: none),
    /// and for each of those, its position in the listing.
    private var storedIndex: [Int] = []
    private var positionOfStored: [Int] = []
    private var days: [String: ContentCache.DayEntry] = [:]
    private var reusedDays = 0
    private var daysModified = false

    package init(previous: ContentCache, needsDerived: Bool) {
        self.previous = previous
        self.needsDerived = needsDerived
    }

    package mutating func readPapers(_ names: [String], in layout: ContentLayout) -> [ParsedPaper] {
        // Both lists are sorted by name: one pass pairs each file with its cached entry.
        let stored = previous.stored
        storedIndex = Array(repeating: -1, count: names.count)
        positionOfStored = Array(repeating: -1, count: stored.count)
        var next = 0
        for (index, name) in names.enumerated() {
            while next < stored.count && stored[next].name < name { next += 1 }
            if next < stored.count && stored[next].name == name {
                storedIndex[index] = next
                positionOfStored[next] = index
                next += 1
            }
        }
        let papersFolder = FileIO.OpenFolder(layout.papersFolder)
        let started = self.started
        return Array(zip(names, storedIndex)).parallelMap { name, storedIndex in
            if let notAPaper = ParsedPaper.notAPaper(name, in: layout) { return notAPaper }
            let identity = papersFolder.flatMap { FileIO.identity(name, in: $0) }
            if let identity, storedIndex >= 0, stored[storedIndex].entry.identity == identity {
                return ParsedPaper(name: name, entry: stored[storedIndex].entry, reused: true)
            }
            return ParsedPaper.parse(name, in: layout, identity: identity, cacheable: identity?.isSettled(now: started) ?? false)
        }
    }

    package mutating func unchangedDay(_ name: String, identity: FileIdentity?) -> UnchangedDay? {
        guard let identity, let entry = previous.days[name], entry.identity == identity else { return nil }
        days[name] = entry
        reusedDays += 1
        // A cached day lists its papers by position in the cache: the pairing above turns that
        // into a position in the listing, with no lookup of a slug.
        let positions = entry.storedPositions.map { $0.map { $0 >= 0 ? positionOfStored[$0] : -1 } }
        return UnchangedDay(day: entry.day, slugLines: entry.slugLines, positions: positions)
    }

    package mutating func parsedDay(_ name: String, identity: FileIdentity?, day: Day, slugLines: [Int]) {
        guard let identity, identity.isSettled(now: started) else { return }
        days[name] = ContentCache.DayEntry(identity: identity, day: day, slugLines: slugLines)
        daysModified = true
    }

    package func nextCache(_ papers: [ParsedPaper]) -> ContentCache {
        var cache = ContentCache()
        cache.derivedKey = previous.derivedKey
        cache.isPartial = previous.isPartial
        cache.isModified = previous.isModified || daysModified
        cache.reused = reusedDays
        cache.days = days
        // In name order, as the cache is saved.
        var entries = ContentCache.SortedEntries()
        entries.reserveCapacity(papers.count)
        for parsed in papers {
            guard let entry = parsed.entry, parsed.reused || parsed.cacheable else { continue }
            entries.append(parsed.name, entry)
            if parsed.reused { cache.reused += 1 } else { cache.isModified = true }
        }
        if needsDerived { entries.indexNames() }
        cache.papers = entries
        return cache
    }
}
