import PaperboyCore

/// Reads a Content folder into an ``Archive`` and reports every problem it finds.
///
/// `check` shows all diagnostics; `build` and `ingest` refuse to go on when there are any.
package struct ContentLoader: Sendable {
    package let layout: ContentLayout
    /// Whether the caller builds, and so wants the cached rendered abstracts and topics too.
    package let needsDerived: Bool

    /// Where the files parsed by the last command are kept (PaperboyIncremental's
    /// `ContentCacheFile`); without one, every file is parsed.
    package var contentCache: (any ContentCacheStore)?

    package init(content: String, needsDerived: Bool = false) {
        self.layout = ContentLayout(root: content)
        self.needsDerived = needsDerived
    }

    package init(content: String, needsDerived: Bool = false, contentCache: (any ContentCacheStore)?) {
        self.init(content: content, needsDerived: needsDerived)
        self.contentCache = contentCache
    }

    /// What loading found: the archive (nil when a required file is unusable) and every problem.
    package struct Result: Sendable {
        package var archive: Archive?
        package var diagnostics: [Diagnostic]
        /// Every day and paper that parsed, even without site.yml and topics.yml.
        package var days: [Day] = []
        package var papers: [String: LoadedPaper] = [:]
        /// The parsed files, for the next command (see ``ContentCache``).
        package var cache = ContentCache()
        /// Each paper's slug by normalized title and by arXiv id (the identity indexes ingest needs).
        package var slugByTitle = SlugIndex()
        package var slugByArxiv = SlugIndex()
        /// What loading left over, for the command to free at exit (see ``ProcessLifetime``).
        package var leftovers = ProcessLifetime.Leftovers()
    }

    /// Locks the Content folder, finishes or discards an interrupted ingest, then loads it.
    ///
    /// The lock is returned so that a writer (ingest) holds it until it is done; readers
    /// (build, check) let it go as soon as they have the archive in memory.
    package func loadLocked(requireSiteFiles: Bool = true, wait: Bool) throws -> (Result, DirectoryLock) {
        let lock = try DirectoryLock(layout.root, purpose: "writing to this Content folder", wait: wait)
        try ContentTransaction.recover(content: layout.root)
        return (load(requireSiteFiles: requireSiteFiles), lock)
    }

    /// Loads and checks everything; never throws for the user's content, only reports.
    package func load(requireSiteFiles: Bool = true) -> Result {
        var diagnostics: [Diagnostic] = []
        guard FileIO.kind(layout.root) == .directory else {
            return Result(archive: nil, diagnostics: [Diagnostic(file: layout.root, "no Content folder here (use --content DIR)")])
        }
        var site: SiteConfig?
        var taxonomy: Taxonomy?
        if requireSiteFiles || FileIO.kind(layout.siteFile) != nil {
            do throws(Diagnostic) {
                site = try SiteConfig(yaml: try Self.readText(layout.siteFile), file: layout.siteFile)
            } catch { diagnostics.append(error) }
        }
        var topicsText: String?
        if requireSiteFiles || FileIO.kind(layout.topicsFile) != nil {
            do throws(Diagnostic) {
                topicsText = try Self.readText(layout.topicsFile)
                taxonomy = try Taxonomy(yaml: topicsText!, file: layout.topicsFile)
            } catch { diagnostics.append(error) }
        }

        // Listing the papers' folder takes the kernel as long as decoding the cache: both at once.
        let listing = Background { [folder = layout.papersFolder] in FileIO.list(folder) }
        // Without a cache (or with caching off) every file is parsed.
        let previous = contentCache?.load(layout, derivedKey: ContentCache.derivedKey(topicsText: topicsText), withHeavyPart: needsDerived)
        var reader: any ContentReading = previous.map { CachedReader(previous: $0, needsDerived: needsDerived) } ?? ParsingReader()

        // Papers, in parallel: each parsed (the slug must match the file name) or as last parsed.
        let paperNames = listing.take()
        let layout = self.layout
        let parsedPapers = reader.readPapers(paperNames, in: layout)
        // The archive's papers are indexed on the other core while this one checks identities
        // and days (only those can be a problem), then lists the cache to save.
        let indexing = Background { () -> [String: LoadedPaper] in
            var papers: [String: LoadedPaper] = [:]
            papers.reserveCapacity(parsedPapers.count)
            for parsed in parsedPapers {
                if let entry = parsed.entry { papers[entry.paper.slug] = entry.paper }
            }
            return papers
        }
        let (owners, titleRepeats) = SlugIndex.build(hashes: parsedPapers.map { $0.entry?.titleHash }) {
            parsedPapers[$0].entry.map { ($0.titleKey, $0.paper.slug) }
        }
        let (arxivOwners, arxivRepeats) = SlugIndex.build(hashes: parsedPapers.map { $0.entry?.arxivHash }) { position in
            parsedPapers[position].entry.flatMap { entry in entry.paper.arxiv.map { ($0, entry.paper.slug) } }
        }
        // In file order: a file's own problem, then a repeated title, then a repeated arXiv id.
        var nextTitle = titleRepeats[...], nextArxiv = arxivRepeats[...]
        for position in parsedPapers.indices {
            if let problem = parsedPapers[position].problem { diagnostics.append(problem) }
            var path: String { layout.papersFolder + "/" + parsedPapers[position].name }
            if let repeated = nextTitle.first, repeated.position == position {
                nextTitle.removeFirst()
                diagnostics.append(
                    Diagnostic(
                        file: path, line: Self.line(ofKey: "title", inFile: path),
                        "same paper as \(layout.paperFile(repeated.owner)) (same title); merge the two files"))
            }
            if let repeated = nextArxiv.first, repeated.position == position, let arxiv = parsedPapers[position].entry?.paper.arxiv {
                nextArxiv.removeFirst()
                diagnostics.append(
                    Diagnostic(
                        file: path, line: Self.line(ofKey: "arxiv", inFile: path),
                        "same arXiv id \(arxiv) as \(layout.paperFile(repeated.owner)); merge the two files"))
            }
        }

        // Days: the date must match the file name; every listed slug must exist.
        // Only a slug with no paper needs it: made then, not for every load.
        var paperFileNames: Set<String>?
        var days: [Day] = []
        // Each paper's first_seen by position; a day parsed now looks its slugs up in a table
        // made for it (usually one day: the one ingest just wrote).
        let firstSeen = parsedPapers.map { $0.entry?.paper.firstSeen }
        var nameTable: PositionTable?
        func position(of slug: String) -> Int? {
            if nameTable == nil { nameTable = PositionTable(names: paperNames) }
            return nameTable!.position(of: slug + ".md", in: paperNames)
        }
        // The first day that lists each paper (by position), for the first_seen check below.
        var firstListed = [CalendarDate?](repeating: nil, count: parsedPapers.count)
        var dayPositions: [Int] = []
        for name in FileIO.list(layout.daysFolder) where !name.hasPrefix(".") {
            let path = layout.daysFolder + "/" + name
            guard name.hasSuffix(".md"), let fileDate = CalendarDate(name.dropLast(3)) else {
                diagnostics.append(Diagnostic(file: path, "not a day file: day files are named YYYY-MM-DD.md"))
                continue
            }
            do throws(Diagnostic) {
                var slugLines: [Int] = []
                let day: Day
                var knownPositions: [Int]?
                let identity = FileIO.identity(path)
                if let unchanged = reader.unchangedDay(name, identity: identity) {
                    (day, slugLines, knownPositions) = (unchanged.day, unchanged.slugLines, unchanged.positions)
                } else {
                    let text = try Self.readText(path)
                    day = try Day(fileText: text, file: path, slugLines: &slugLines)
                    if let scalar = TextPolicy.forbiddenScalar(in: day.note, multiline: true) {
                        throw Diagnostic(
                            file: path, line: Self.line(containing: scalar, in: text),
                            "the note holds \(TextPolicy.describe(scalar)), a character pages and feeds cannot carry")
                    }
                    if day.date != fileDate {
                        diagnostics.append(
                            Diagnostic(
                                file: path, line: Self.line(ofKey: "date", in: text),
                                "date \(day.date) does not match the file name \(name)"))
                    } else {
                        reader.parsedDay(name, identity: identity, day: day, slugLines: slugLines)
                    }
                }
                // Each listing's paper by position (-1: none); usually every slug names a paper,
                // once, and then the sorted positions show it.
                dayPositions.removeAll(keepingCapacity: true)
                for (index, slug) in day.papers.enumerated() {
                    let known = knownPositions.map { $0[index] } ?? -1
                    dayPositions.append(known >= 0 ? known : position(of: slug) ?? -1)
                }
                let sorted = dayPositions.sorted()
                let plain = sorted.first.map { $0 >= 0 } ?? true && zip(sorted, sorted.dropFirst()).allSatisfy { $0 < $1 }
                var listed = Set<String>()
                for (index, (slug, line)) in zip(day.papers, slugLines).enumerated() {
                    if !plain && !listed.insert(slug).inserted {
                        diagnostics.append(Diagnostic(file: path, line: line, "paper \(slug) is listed twice"))
                    }
                    let position = dayPositions[index]
                    guard position >= 0, let paperFirstSeen = firstSeen[position] else {
                        let names = paperFileNames ?? Set(paperNames)
                        paperFileNames = names
                        if !names.contains(slug + ".md") {
                            diagnostics.append(
                                Diagnostic(file: path, line: line, "paper \(slug) does not exist (no \(ContentLayout.paperPath(slug)))"))
                        }
                        continue
                    }
                    if paperFirstSeen > day.date {
                        diagnostics.append(
                            Diagnostic(
                                file: path, line: line, "paper \(slug) is listed on \(day.date) but its first_seen is \(paperFirstSeen)"))
                    }
                    Self.keepEarliest(&firstListed[position], day.date)
                }
                days.append(day)
            } catch {
                diagnostics.append(error)
            }
        }
        let cache = reader.nextCache(parsedPapers)
        let papers = indexing.take()

        // first_seen is the first day that lists the paper: an earlier one points at no day.
        // Every paper is looked at; only the few with a problem are sorted, for a stable report.
        var problems: [(slug: String, diagnostic: Diagnostic)] = []
        for position in parsedPapers.indices {
            guard let first = firstListed[position], let paper = parsedPapers[position].entry?.paper, paper.firstSeen < first else {
                continue
            }
            let slug = paper.slug
            problems.append(
                (
                    slug,
                    Diagnostic(
                        file: layout.paperFile(slug), line: Self.line(ofKey: "first_seen", inFile: layout.paperFile(slug)),
                        "first_seen is \(paper.firstSeen) but the paper is first listed on \(first) (\(ContentLayout.dayPath(first)))")
                ))
        }
        diagnostics += problems.sorted { $0.slug < $1.slug }.map(\.diagnostic)

        // Hand-added topics must name a topic of the rules (or `other`), each once.
        if let taxonomy {
            problems = []
            let known = Set(taxonomy.topics.map(\.slug) + [Taxonomy.otherSlug])
            for (slug, paper) in papers where !paper.topics.isEmpty {
                if Set(paper.topics).count != paper.topics.count {
                    problems.append(
                        (
                            slug,
                            Diagnostic(
                                file: layout.paperFile(slug), line: Self.line(ofKey: "topics", inFile: layout.paperFile(slug)),
                                "a topic is listed twice in `topics`")
                        ))
                }
                for topic in paper.topics where !known.contains(topic) {
                    problems.append(
                        (
                            slug,
                            Diagnostic(
                                file: layout.paperFile(slug), line: Self.line(ofKey: "topics", inFile: layout.paperFile(slug)),
                                "topic \"\(topic)\" is not defined in topics.yml")
                        ))
                }
            }
            // Stable sort: one paper's problems keep their order.
            diagnostics += problems.enumerated().sorted { ($0.element.slug, $0.offset) < ($1.element.slug, $1.offset) }.map(
                \.element.diagnostic)
        }

        let archive = site.flatMap { site in taxonomy.map { Archive(site: site, taxonomy: $0, days: days, papers: papers) } }
        var result = Result(
            archive: archive, diagnostics: diagnostics, days: days, papers: papers, cache: cache, slugByTitle: owners,
            slugByArxiv: arxivOwners)
        result.leftovers.add((reader, parsedPapers))
        return result
    }

    private static func keepEarliest(_ earliest: inout CalendarDate?, _ date: CalendarDate) {
        if earliest.map({ date < $0 }) ?? true { earliest = date }
    }

    static func readText(_ path: String) throws(Diagnostic) -> String {
        let bytes: [UInt8]
        do { bytes = try FileIO.read(path) } catch {
            throw Diagnostic(
                file: path, error.description.hasPrefix(path) ? String(error.description.dropFirst(path.count + 2)) : error.description)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            // Name the line of the first bad byte, as for feeds.
            var line: Int?
            do throws(Diagnostic) { _ = try FeedDecoding.decode(bytes, file: path) } catch { line = error.line }
            throw Diagnostic(file: path, line: line, "not valid UTF-8")
        }
        return text
    }

    /// One paper file read and checked: valid UTF-8, its front matter, characters pages and
    /// feeds can carry, a slug that matches the file name `name`.
    package static func parsePaper(at path: String, name: String) throws(Diagnostic) -> Paper {
        let text = try readText(path)
        let paper = try Paper(fileText: text, file: path)
        try checkCharacters(of: paper, text: text, file: path)
        if paper.slug + ".md" != name {
            throw Diagnostic(file: path, line: line(ofKey: "slug", in: text), "slug \"\(paper.slug)\" does not match the file name \(name)")
        }
        return paper
    }

    /// Every text of a paper must be one pages and feeds can carry (see ``TextPolicy``).
    static func checkCharacters(of paper: Paper, text: String, file: String) throws(Diagnostic) {
        let fields: [(key: String, values: [String])] = [
            ("title", [paper.title]), ("authors", paper.authors), ("code", paper.code),
            ("summary", paper.summary.map { [$0] } ?? []), ("arxiv", paper.arxiv.map { [$0] } ?? []),
        ]
        for field in fields {
            for value in field.values {
                if let scalar = TextPolicy.forbiddenScalar(in: value, multiline: false) {
                    throw Diagnostic(
                        file: file, line: line(ofKey: field.key, in: text),
                        "`\(field.key)` holds \(TextPolicy.describe(scalar)), a character pages and feeds cannot carry")
                }
            }
        }
        if let scalar = TextPolicy.forbiddenScalar(in: paper.abstract, multiline: true) {
            throw Diagnostic(
                file: file, line: line(containing: scalar, in: text),
                "the abstract holds \(TextPolicy.describe(scalar)), a character pages and feeds cannot carry")
        }
    }

    /// ``line(ofKey:in:)`` of a file read again: cached files are not kept as text.
    static func line(ofKey key: String, inFile path: String) -> Int {
        line(ofKey: key, in: (try? FileIO.readText(path)) ?? "")
    }

    /// The line of the first `key:` at the start of a line, for messages about a field.
    static func line(ofKey key: String, in text: String) -> Int {
        line(in: text) { $0.hasPrefix(key + ":") }
    }

    /// The first line holding `scalar`, for messages about a character.
    static func line(containing scalar: Unicode.Scalar, in text: String) -> Int {
        line(in: text) { $0.unicodeScalars.contains(scalar) }
    }

    /// The number of the first line that matches, or 1. LF and CRLF both end a line (in Swift
    /// `"\r\n"` is one Character, so splitting on `"\n"` alone misses it).
    static func line(in text: String, where matches: (Substring) -> Bool) -> Int {
        var number = 1
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if matches(line) { return number }
            number += 1
        }
        return 1
    }
}
