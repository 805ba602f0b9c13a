import PaperboyContent
import PaperboyCore
import PaperboyMarkdown

/// The archive in memory while feeds are applied to it, day by day.
package struct IngestState {
    var papers: [String: Paper]
    var days: [CalendarDate: Day]
    /// Identity indexes: normalized title and arXiv id to slug.
    var slugByTitle: SlugIndex
    var slugByArxiv: SlugIndex
    var touchedPapers = Set<String>()
    /// Whether every paper in `papers` has its abstract (see
    /// ``ContentLoader/Result/abstractsLoaded``); when not, ``editablePaper(_:)`` parses a
    /// paper's file before it is changed, and `wholePapers` lists those parsed or new.
    let abstractsLoaded: Bool
    var wholePapers = Set<String>()
    /// Papers whose hand-edited abstract was kept over a longer feed text (warned once).
    var keptAbstracts = Set<String>()
    var touchedDays = Set<CalendarDate>()

    /// Where the Content folder is, for paper files and messages that name them.
    let layout: ContentLayout

    /// The loaded archive, with the identity indexes the loader built to find duplicates.
    init(_ loaded: ContentLoader.Result, layout: ContentLayout) {
        self.papers = loaded.papers
        self.days = Dictionary(loaded.days.map { ($0.date, $0) }, uniquingKeysWith: { first, _ in first })
        self.slugByTitle = loaded.slugByTitle
        self.slugByArxiv = loaded.slugByArxiv
        self.abstractsLoaded = loaded.abstractsLoaded
        self.layout = layout
    }

    /// Whether `papers[slug]` holds the whole paper, abstract included.
    func isWhole(_ slug: String) -> Bool { abstractsLoaded || wholePapers.contains(slug) }

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
        for entry in feed.feed.entries {
            let identity = PaperIdentity(title: entry.title, arxiv: entry.arxiv)
            let existing = identity.arxiv.flatMap { slugByArxiv[$0] } ?? slugByTitle[identity.normalizedTitle]
            let text = PlainTextMarkdown.escape(entry.text)
            let code = PlainTextMarkdown.githubURLs(in: entry.text)
            if let slug = existing {
                if let line = firstLine[slug] {
                    warnings.append(
                        Diagnostic(
                            file: feed.source.name, line: entry.line,
                            "\"\(entry.title.prefix(80))\" is listed again (first on line \(line)); keeping its first rank"))
                    continue
                }
                var paper = try updates[slug] ?? editablePaper(slug)
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
                for url in code where !paper.code.contains(url) { paper.code.append(url) }
                if paper.arxiv == nil, let arxiv = identity.arxiv { paper.arxiv = arxiv }
                if paper.authors.isEmpty { paper.authors = entry.authors }
                if paper != before { updates[slug] = paper }
                slugs.append(slug)
                firstLine[slug] = entry.line
            } else {
                let slug = allocateSlug(for: entry.title)
                let paper = Paper(
                    slug: slug, title: entry.title, firstSeen: feed.date, arxiv: identity.arxiv, authors: entry.authors,
                    code: code, abstract: text + "\n")
                updates[slug] = paper
                wholePapers.insert(slug)
                slugByTitle[identity.normalizedTitle] = slug
                if let arxiv = identity.arxiv { slugByArxiv[arxiv] = slug }
                papers[slug] = paper
                newCount += 1
                slugs.append(slug)
                firstLine[slug] = entry.line
            }
        }

        let baseName = feed.source.fileName
        if let day = days[feed.date] {
            if day.papers == slugs {
                // The same list again: nothing to write, not even for the papers.
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
        for (slug, paper) in updates {
            papers[slug] = paper
            touchedPapers.insert(slug)
        }
        var day = days[feed.date] ?? Day(date: feed.date, source: baseName, papers: [])
        let dropped = Set(day.papers).subtracting(slugs)
        day.papers = slugs
        day.source = baseName
        days[feed.date] = day
        touchedDays.insert(feed.date)
        // Papers a replaced list no longer holds: first_seen follows their remaining days.
        for slug in dropped.sorted() {
            guard papers[slug] != nil else { continue }
            var paper = try editablePaper(slug)
            if let first = days.values.filter({ $0.papers.contains(slug) }).map(\.date).min() {
                if paper.firstSeen != first {
                    paper.firstSeen = first
                    papers[slug] = paper
                    touchedPapers.insert(slug)
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

    /// The title's slug, or with a stable suffix when another paper owns it.
    /// An existing paper, whole: one loaded without its abstract is parsed from its file first,
    /// so that a change never writes a paper that lost its abstract.
    mutating func editablePaper(_ slug: String) throws -> Paper {
        guard !isWhole(slug) else { return papers[slug]! }
        let paper = try ContentLoader.parsePaper(at: layout.paperFile(slug), name: slug + ".md")
        papers[slug] = paper
        wholePapers.insert(slug)
        return paper
    }

    mutating func allocateSlug(for title: String) -> String {
        let base = Slug.make(from: title)
        if papers[base] == nil { return base }
        var attempt = 0
        while true {
            let candidate = Slug.disambiguated(base, title: title, attempt: attempt)
            if papers[candidate] == nil { return candidate }
            attempt += 1
        }
    }
}
