import PaperboyContent
import PaperboyCore
import PaperboyMarkdown

/// The archive in memory while feeds are applied to it, day by day.
package struct IngestState {
    /// The papers as loaded: to be read, never written (see ``LoadedPaper``).
    let loaded: [String: LoadedPaper]
    /// The papers this ingest made or changed, whole: the paper files it writes.
    var changed: [String: Paper] = [:]
    /// Papers read whole from their files (see ``wholePaper(_:)``), so each is read once.
    private var read: [String: Paper] = [:]
    var days: [CalendarDate: Day]
    /// Identity indexes: normalized title and arXiv id to slug.
    var slugByTitle: SlugIndex
    var slugByArxiv: SlugIndex
    /// Papers whose hand-edited abstract was kept over a longer feed text (warned once).
    var keptAbstracts = Set<String>()
    var touchedDays = Set<CalendarDate>()

    /// Where the Content folder is, for paper files and messages that name them.
    let layout: ContentLayout

    /// The loaded archive, with the identity indexes the loader built to find duplicates.
    init(_ loaded: ContentLoader.Result, layout: ContentLayout) {
        self.loaded = loaded.papers
        self.days = Dictionary(loaded.days.map { ($0.date, $0) }, uniquingKeysWith: { first, _ in first })
        self.slugByTitle = loaded.slugByTitle
        self.slugByArxiv = loaded.slugByArxiv
        self.layout = layout
    }

    struct Outcome {
        var summary: String
        var warnings: [Diagnostic]
    }

    /// Adds one day's feed: new papers get files, returning ones are listed again.
    mutating func apply(_ feed: Ingester.DatedFeed, replace: Bool) throws -> Outcome {
        var warnings: [Diagnostic] = []
        var slugs: [String] = []
        var firstLine: [String: Int] = [:]
        var newCount = 0
        var updates: [String: Paper] = [:]
        var upvotes: [String: Int] = [:]
        for entry in feed.feed.entries {
            let identity = PaperIdentity(title: entry.title, arxiv: entry.arxiv)
            let existing = existingSlug(identity)
            let text = PlainTextMarkdown.escape(entry.text)
            var code = entry.code
            for url in PlainTextMarkdown.githubURLs(in: entry.text) where !code.contains(url) { code.append(url) }
            if let slug = existing {
                if let line = firstLine[slug] {
                    warnings.append(
                        Diagnostic(
                            file: feed.source.name, line: entry.line,
                            "\"\(entry.title.prefix(80))\" is listed again (first on line \(line)); keeping its first rank"))
                    continue
                }
                var paper = try updates[slug] ?? wholePaper(slug)
                let before = paper
                if paper.firstSeen > feed.date { paper.firstSeen = feed.date }
                // A longer text (an abstract where a one-line summary was) wins, but only over
                // text that ingest wrote: an abstract edited by hand is the user's and stays.
                if text.count > paper.abstract.trimmingWhitespace().count {
                    let plain = MarkdownRenderer().render(paper.abstract).plainText.trimmingWhitespace()
                    if PlainTextMarkdown.escape(plain) + "\n" == paper.abstract || paper.abstract.isEmpty {
                        if paper.summary == nil, !plain.isEmpty, plain.count < 400 { paper.summary = plain }
                        paper.abstract = text + "\n"
                    } else if !keptAbstracts.contains(slug) {
                        keptAbstracts.insert(slug)
                        warnings.append(
                            Diagnostic(
                                file: layout.paperFile(slug),
                                "kept the abstract edited by hand; the feed (\(feed.source.name):\(entry.line + 1)) has a longer text"))
                    }
                }
                // What the source knows fills what the paper lacks; a value in the file stays.
                for url in code where !paper.code.contains(url) { paper.code.append(url) }
                // Stars are the first repository's: taken only when it is the source's.
                if paper.metadata.codeStars == nil, let stars = entry.metadata.codeStars, paper.code.first == entry.code.first {
                    paper.metadata.codeStars = stars
                }
                if paper.arxiv == nil, let arxiv = identity.arxiv {
                    paper.arxiv = arxiv
                    slugByArxiv[arxiv] = slug
                }
                if paper.authors.isEmpty { paper.authors = entry.authors }
                if paper.summary == nil { paper.summary = entry.summary }
                paper.metadata = paper.metadata.filled(
                    from: PaperMetadata(
                        published: entry.metadata.published, project: entry.metadata.project, keywords: entry.metadata.keywords))
                if paper != before { updates[slug] = paper }
                slugs.append(slug)
                firstLine[slug] = entry.line
                if let count = entry.upvotes { upvotes[slug] = count }
            } else {
                let slug = allocateSlug(for: entry.title)
                let paper = Paper(
                    slug: slug, title: entry.title, firstSeen: feed.date, arxiv: identity.arxiv, authors: entry.authors,
                    code: code, summary: entry.summary, abstract: text + "\n", metadata: entry.metadata)
                updates[slug] = paper
                changed[slug] = paper
                slugByTitle[identity.normalizedTitle] = slug
                if let arxiv = identity.arxiv { slugByArxiv[arxiv] = slug }
                newCount += 1
                slugs.append(slug)
                firstLine[slug] = entry.line
                if let count = entry.upvotes { upvotes[slug] = count }
            }
        }

        let baseName = feed.source.fileName
        if let day = days[feed.date] {
            if day.papers == slugs {
                // The same list again: nothing to write, not even for the papers; the day keeps
                // the upvotes it was first ingested with.
                return Outcome(
                    summary: "\(feed.date): already ingested, \(slugs.count) entries unchanged (\(baseName))", warnings: warnings)
            }
            guard replace else {
                throw Diagnostic(
                    file: feed.source.name,
                    "\(feed.date) already has a different feed (from \(day.source.isEmpty ? "an earlier ingest" : day.source)); use --replace to replace that day's list"
                )
            }
        }
        for (slug, paper) in updates { changed[slug] = paper }
        var day = days[feed.date] ?? Day(date: feed.date, source: baseName, papers: [])
        let dropped = Set(day.papers).subtracting(slugs)
        day.papers = slugs
        day.upvotes = upvotes
        day.source = baseName
        days[feed.date] = day
        touchedDays.insert(feed.date)
        // Papers a replaced list no longer holds: first_seen follows their remaining days.
        for slug in dropped.sorted() {
            guard exists(slug) else { continue }
            var paper = try wholePaper(slug)
            if let first = days.values.filter({ $0.papers.contains(slug) }).map(\.date).min() {
                if paper.firstSeen != first {
                    paper.firstSeen = first
                    changed[slug] = paper
                }
            } else {
                warnings.append(
                    Diagnostic(
                        file: layout.paperFile(slug),
                        "no day lists this paper any more; its file and page stay (no command deletes a paper)"))
            }
        }
        let returning = slugs.count - newCount
        let duplicates = feed.feed.entries.count - slugs.count
        let duplicateNote = duplicates > 0 ? ", \(duplicates) repeated entr\(duplicates == 1 ? "y" : "ies") skipped" : ""
        return Outcome(
            summary:
                "\(feed.date): \(feed.feed.entries.count) entr\(feed.feed.entries.count == 1 ? "y" : "ies"), \(newCount) new paper\(newCount == 1 ? "" : "s"), \(returning) returning\(duplicateNote) (\(baseName))",
            warnings: warnings)
    }

    /// The paper an entry is, if the archive has it: by arXiv id, else by normalized title,
    /// unless the paper of that title has another id (then it is another paper).
    func existingSlug(_ identity: PaperIdentity) -> String? {
        if let arxiv = identity.arxiv, let slug = slugByArxiv[arxiv] { return slug }
        guard let slug = slugByTitle[identity.normalizedTitle] else { return nil }
        if let arxiv = identity.arxiv, let known = changed[slug]?.arxiv ?? loaded[slug]?.arxiv, known != arxiv { return nil }
        return slug
    }

    /// Whether a paper of this slug is in Content or was made by this ingest.
    func exists(_ slug: String) -> Bool { changed[slug] != nil || loaded[slug] != nil }

    /// An existing paper, whole, to change: as this ingest changed it, as loaded when the load
    /// read all of it, or else read from its file (a load may leave abstracts out).
    mutating func wholePaper(_ slug: String) throws -> Paper {
        if let paper = changed[slug] ?? read[slug] ?? loaded[slug]?.whole { return paper }
        let paper = try ContentLoader.parsePaper(at: layout.paperFile(slug), name: slug + ".md")
        read[slug] = paper
        return paper
    }

    /// The title's slug, or with a stable suffix when another paper owns it.
    func allocateSlug(for title: String) -> String {
        let base = Slug.make(from: title)
        if !exists(base) { return base }
        var attempt = 0
        while true {
            let candidate = Slug.disambiguated(base, title: title, attempt: attempt)
            if !exists(candidate) { return candidate }
            attempt += 1
        }
    }
}
