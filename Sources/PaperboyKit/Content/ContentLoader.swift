/// Reads a Content folder into an ``Archive`` and reports every problem it finds.
///
/// `check` shows all diagnostics; `build` and `ingest` refuse to go on when there are any.
public struct ContentLoader: Sendable {
    public let layout: ContentLayout

    public init(content: String) {
        self.layout = ContentLayout(root: content)
    }

    /// What loading found: the archive (nil when a required file is unusable) and every problem.
    public struct Result: Sendable {
        public var archive: Archive?
        public var diagnostics: [Diagnostic]
        /// Every day and paper that parsed, even without site.yml and topics.yml.
        public var days: [Day] = []
        public var papers: [String: Paper] = [:]
        /// The parsed files, for the next command (see ``ContentCache``).
        public var cache = ContentCache()
    }

    /// Locks the Content folder, finishes or discards an interrupted ingest, then loads it.
    ///
    /// The lock is returned so that a writer (ingest) holds it until it is done; readers
    /// (build, check) let it go as soon as they have the archive in memory.
    public func loadLocked(requireSiteFiles: Bool = true, wait: Bool) throws -> (Result, DirectoryLock) {
        let lock = try DirectoryLock(layout.root, purpose: "writing to this Content folder", wait: wait)
        try ContentTransaction.recover(content: layout.root)
        return (load(requireSiteFiles: requireSiteFiles), lock)
    }

    /// Loads and checks everything; never throws for the user's content, only reports.
    public func load(requireSiteFiles: Bool = true) -> Result {
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

        // Files unchanged since the last command come from the cache, unparsed.
        let started = FileIdentity.now()
        let previous = ContentCache.load(layout, derivedKey: ContentCache.derivedKey(topicsText: topicsText))
        var cache = ContentCache()
        cache.derivedKey = previous.derivedKey
        cache.isModified = previous.isModified

        // Papers: read and parse in parallel; the slug must match the file name.
        let paperNames = FileIO.list(layout.papersFolder)
        let layout = self.layout
        let parsedPapers: [(String, Paper?, ContentCache.PaperEntry?, Diagnostic?)] = paperNames.parallelMap { name in
            let path = layout.papersFolder + "/" + name
            guard name.hasSuffix(".md"), !name.hasPrefix(".") else {
                return (name, nil, nil, name.hasPrefix(".") ? nil : Diagnostic(file: path, "not a paper file: paper files are named <slug>.md"))
            }
            let identity = FileIO.identity(path)
            if let identity, let entry = previous.papers[name], entry.identity == identity {
                return (name, entry.paper, entry, nil)
            }
            do throws(Diagnostic) {
                let text = try Self.readText(path)
                let paper = try Paper(fileText: text, file: path)
                try Self.checkCharacters(of: paper, text: text, file: path)
                if paper.slug + ".md" != name {
                    return (name, nil, nil, Diagnostic(file: path, line: Self.line(ofKey: "slug", in: text), "slug \"\(paper.slug)\" does not match the file name \(name)"))
                }
                // Only a file that has settled is cached: see FileIdentity.isSettled(now:).
                let entry = identity.flatMap { $0.isSettled(now: started) ? ContentCache.PaperEntry(identity: $0, paper: paper) : nil }
                return (name, paper, entry, nil)
            } catch {
                return (name, nil, nil, error)
            }
        }
        var papers: [String: Paper] = [:]
        var owners: [PaperIdentity: String] = [:]
        var arxivOwners: [String: String] = [:]
        cache.papers.reserveCapacity(parsedPapers.count)
        for (name, paper, entry, problem) in parsedPapers {
            if let problem { diagnostics.append(problem) }
            guard let paper else { continue }
            if let entry {
                cache.papers[name] = entry
                if previous.papers[name]?.identity != entry.identity { cache.isModified = true } else { cache.reused += 1 }
            }
            let path = layout.papersFolder + "/" + name
            let titleKey = PaperIdentity(title: paper.title, arxiv: nil)
            if let other = owners[titleKey] {
                diagnostics.append(Diagnostic(file: path, line: Self.line(ofKey: "title", inFile: path), "same paper as \(layout.paperFile(other)) (same title); merge the two files"))
            } else {
                owners[titleKey] = paper.slug
            }
            if let arxiv = paper.arxiv {
                if let other = arxivOwners[arxiv] {
                    diagnostics.append(Diagnostic(file: path, line: Self.line(ofKey: "arxiv", inFile: path), "same arXiv id \(arxiv) as \(layout.paperFile(other)); merge the two files"))
                } else {
                    arxivOwners[arxiv] = paper.slug
                }
            }
            papers[paper.slug] = paper
        }

        // Days: the date must match the file name; every listed slug must exist.
        let paperFileNames = Set(paperNames)
        var days: [Day] = []
        for name in FileIO.list(layout.daysFolder) where !name.hasPrefix(".") {
            let path = layout.daysFolder + "/" + name
            guard name.hasSuffix(".md"), let fileDate = CalendarDate(name.dropLast(3)) else {
                diagnostics.append(Diagnostic(file: path, "not a day file: day files are named YYYY-MM-DD.md"))
                continue
            }
            do throws(Diagnostic) {
                var slugLines: [Int] = []
                let day: Day
                let identity = FileIO.identity(path)
                if let identity, let entry = previous.days[name], entry.identity == identity {
                    (day, slugLines) = (entry.day, entry.slugLines)
                    cache.days[name] = entry
                    cache.reused += 1
                } else {
                    let text = try Self.readText(path)
                    day = try Day(fileText: text, file: path, slugLines: &slugLines)
                    if let scalar = TextPolicy.forbiddenScalar(in: day.note, multiline: true) {
                        let line = (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.unicodeScalars.contains(scalar) } ?? 0) + 1
                        throw Diagnostic(file: path, line: line, "the note holds \(TextPolicy.describe(scalar)), a character pages and feeds cannot carry")
                    }
                    if day.date != fileDate {
                        diagnostics.append(Diagnostic(file: path, line: Self.line(ofKey: "date", in: text), "date \(day.date) does not match the file name \(name)"))
                    } else if let identity, identity.isSettled(now: started) {
                        cache.days[name] = ContentCache.DayEntry(identity: identity, day: day, slugLines: slugLines)
                        cache.isModified = true
                    }
                }
                var listed = Set<String>()
                for (slug, line) in zip(day.papers, slugLines) {
                    if !listed.insert(slug).inserted {
                        diagnostics.append(Diagnostic(file: path, line: line, "paper \(slug) is listed twice"))
                    }
                    if let paper = papers[slug] {
                        if paper.firstSeen > day.date {
                            diagnostics.append(Diagnostic(file: path, line: line, "paper \(slug) is listed on \(day.date) but its first_seen is \(paper.firstSeen)"))
                        }
                    } else if !paperFileNames.contains(slug + ".md") {
                        diagnostics.append(Diagnostic(file: path, line: line, "paper \(slug) does not exist (no \(ContentLayout.paperPath(slug)))"))
                    }
                }
                days.append(day)
            } catch {
                diagnostics.append(error)
            }
        }

        // first_seen is the first day that lists the paper: an earlier one points at no day.
        var firstListed: [String: CalendarDate] = [:]
        for day in days {
            for slug in day.papers where firstListed[slug].map({ day.date < $0 }) ?? true { firstListed[slug] = day.date }
        }
        for slug in papers.keys.sorted() {
            if let first = firstListed[slug], papers[slug]!.firstSeen < first {
                diagnostics.append(Diagnostic(
                    file: layout.paperFile(slug), line: Self.line(ofKey: "first_seen", inFile: layout.paperFile(slug)),
                    "first_seen is \(papers[slug]!.firstSeen) but the paper is first listed on \(first) (\(ContentLayout.dayPath(first)))"))
            }
        }

        // Hand-added topics must name a topic of the rules (or `other`), each once.
        if let taxonomy {
            let known = Set(taxonomy.topics.map(\.slug) + [Taxonomy.otherSlug])
            for slug in papers.keys.sorted() {
                let paper = papers[slug]!
                if Set(paper.topics).count != paper.topics.count {
                    diagnostics.append(Diagnostic(file: layout.paperFile(slug), line: Self.line(ofKey: "topics", inFile: layout.paperFile(slug)), "a topic is listed twice in `topics`"))
                }
                for topic in paper.topics where !known.contains(topic) {
                    diagnostics.append(Diagnostic(file: layout.paperFile(slug), line: Self.line(ofKey: "topics", inFile: layout.paperFile(slug)), "topic \"\(topic)\" is not defined in topics.yml"))
                }
            }
        }

        let archive = site.flatMap { site in taxonomy.map { Archive(site: site, taxonomy: $0, days: days, papers: papers) } }
        return Result(archive: archive, diagnostics: diagnostics, days: days, papers: papers, cache: cache)
    }

    static func readText(_ path: String) throws(Diagnostic) -> String {
        let bytes: [UInt8]
        do { bytes = try FileIO.read(path) } catch { throw Diagnostic(file: path, error.description.hasPrefix(path) ? String(error.description.dropFirst(path.count + 2)) : error.description) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            // Name the line of the first bad byte, as for feeds.
            var line: Int?
            do throws(Diagnostic) { _ = try FeedDecoding.decode(bytes, file: path) } catch { line = error.line }
            throw Diagnostic(file: path, line: line, "not valid UTF-8")
        }
        return text
    }

    /// Every text of a paper must be one pages and feeds can carry (see ``TextPolicy``).
    static func checkCharacters(of paper: Paper, text: String, file: String) throws(Diagnostic) {
        let fields: [(key: String, values: [String], multiline: Bool)] = [
            ("title", [paper.title], false), ("authors", paper.authors, false), ("code", paper.code, false),
            ("summary", paper.summary.map { [$0] } ?? [], false), ("arxiv", paper.arxiv.map { [$0] } ?? [], false),
        ]
        for field in fields {
            for value in field.values {
                if let scalar = TextPolicy.forbiddenScalar(in: value, multiline: field.multiline) {
                    throw Diagnostic(file: file, line: line(ofKey: field.key, in: text), "`\(field.key)` holds \(TextPolicy.describe(scalar)), a character pages and feeds cannot carry")
                }
            }
        }
        if let scalar = TextPolicy.forbiddenScalar(in: paper.abstract, multiline: true) {
            var lineNumber = 1
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.unicodeScalars.contains(scalar) { break }
                lineNumber += 1
            }
            throw Diagnostic(file: file, line: lineNumber, "the abstract holds \(TextPolicy.describe(scalar)), a character pages and feeds cannot carry")
        }
    }

    /// ``line(ofKey:in:)`` of a file read again: cached files are not kept as text.
    static func line(ofKey key: String, inFile path: String) -> Int {
        line(ofKey: key, in: (try? FileIO.readText(path)) ?? "")
    }

    /// The line of the first `key:` at the start of a line, for messages about a field.
    static func line(ofKey key: String, in text: String) -> Int {
        var number = 1
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if line.hasPrefix(key + ":") { return number }
            number += 1
        }
        return 1
    }
}
