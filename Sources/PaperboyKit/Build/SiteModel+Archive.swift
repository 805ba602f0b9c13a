extension SiteModel {
    /// Resolves an archive: renders every abstract (in parallel), assigns topics, indexes appearances.
    ///
    /// `cached` gives what an earlier build derived from a paper whose file is unchanged
    /// (see ``ContentCache``); those papers are not rendered or classified again.
    public init(archive: Archive, markdown: MarkdownRenderer = MarkdownRenderer(), cached: ContentCache? = nil) {
        let classifier = TopicClassifier(taxonomy: archive.taxonomy)
        var appearances: [String: [PaperModel.Appearance]] = [:]
        for day in archive.days {
            for (index, slug) in day.papers.enumerated() {
                appearances[slug, default: []].append(.init(date: day.date, rank: index + 1))
            }
        }
        // Any order: everything below sorts with a total order of its own.
        let entries = Array(archive.papers)
        let allAppearances = appearances
        let results: [(model: PaperModel, fresh: Bool)] = entries.parallelMap { slug, paper in
            if let derived = cached?.derived(slug: slug) {
                return (PaperModel(
                    paper: paper, topics: derived.topics, abstractHTML: derived.abstractHTML, excerpt: derived.excerpt,
                    appearances: allAppearances[slug] ?? []), false)
            }
            let rendered = markdown.render(paper.abstract)
            return (PaperModel(
                paper: paper,
                topics: classifier.topics(for: paper, plainText: rendered.plainText),
                abstractHTML: rendered.html,
                excerpt: SiteModel.excerpt(of: rendered.plainText),
                appearances: allAppearances[slug] ?? []), true)
        }
        let resolved = results.map(\.model)
        let fresh = results.filter(\.fresh).map(\.model.slug)
        var papers: [String: PaperModel] = [:]
        papers.reserveCapacity(resolved.count)
        for model in resolved { papers[model.slug] = model }

        // Sorted as small keys, so that `firstRank` (a scan of the appearances) runs once per paper.
        let newestFirst = resolved.map { (firstSeen: $0.paper.firstSeen, rank: $0.firstRank, slug: $0.slug) }.sorted { a, b in
            if a.firstSeen != b.firstSeen { return a.firstSeen > b.firstSeen }
            if a.rank != b.rank { return a.rank < b.rank }
            return a.slug < b.slug
        }.map(\.slug)

        var byTopic: [String: [String]] = [:]
        for slug in newestFirst {
            for topic in papers[slug]!.topics { byTopic[topic, default: []].append(slug) }
        }
        var topics: [TopicModel] = []
        for topic in archive.taxonomy.topics {
            if let list = byTopic[topic.slug] { topics.append(TopicModel(slug: topic.slug, name: topic.name, papers: list)) }
        }
        if let other = byTopic[Taxonomy.otherSlug] {
            topics.append(TopicModel(slug: Taxonomy.otherSlug, name: Taxonomy.otherName, papers: other))
        }

        let days = archive.days.map { day in
            DayModel(date: day.date, source: day.source, papers: day.papers,
                     noteHTML: day.note.trimmingWhitespace().isEmpty ? "" : markdown.html(day.note))
        }
        self.init(site: archive.site, days: days, papers: papers, topics: topics, papersNewestFirst: newestFirst)
        freshlyDerived = fresh
    }

    /// The first sentence, or two when the first is short, cut at 300 characters.
    ///
    /// Works on the first bytes of the text only: an excerpt never needs more.
    static func excerpt(of text: String) -> String {
        // Line breaks become spaces, and runs of spaces one space.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1600)
        for var byte in text.utf8.prefix(1600) {
            if byte == 0x0A || byte == 0x0D || byte == 0x09 { byte = 0x20 }
            if byte == 0x20, bytes.last == 0x20 { continue }
            bytes.append(byte)
        }
        var sentenceEnds: [Int] = []
        var wordStart = 0
        var index = 0
        while index < bytes.count, sentenceEnds.count < 2 {
            let byte = bytes[index]
            if byte == 0x20 { wordStart = index + 1 }
            let isEnd = byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
            if isEnd, index + 1 == bytes.count || bytes[index + 1] == 0x20 {
                // `e.g.`, `i.e.`, `et al.`: a full stop after a short dotted token is not an end.
                let word = bytes[wordStart...index]
                let dotted = word.dropLast().contains(UInt8(ascii: "."))
                let isAbbreviation = word.count <= 4 && (dotted || word.elementsEqual("al.".utf8))
                if !isAbbreviation {
                    sentenceEnds.append(index + 1)
                    if sentenceEnds.count == 1, index >= 140 { break }
                }
            }
            index += 1
        }
        let end = sentenceEnds.last ?? bytes.count
        var excerpt = String(decoding: bytes[..<end], as: UTF8.self).trimmingWhitespace()
        if excerpt.count > 300 || (sentenceEnds.isEmpty && text.utf8.count > bytes.count) {
            excerpt = String(excerpt.prefix(299)).trimmingWhitespace() + "…"
        }
        return excerpt
    }
}
