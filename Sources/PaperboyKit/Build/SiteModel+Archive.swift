extension SiteModel {
    /// Resolves an archive: renders every abstract (in parallel), assigns topics, indexes appearances.
    public init(archive: Archive, markdown: MarkdownRenderer = MarkdownRenderer()) {
        let classifier = TopicClassifier(taxonomy: archive.taxonomy)
        var appearances: [String: [PaperModel.Appearance]] = [:]
        for day in archive.days {
            for (index, slug) in day.papers.enumerated() {
                appearances[slug, default: []].append(.init(date: day.date, rank: index + 1))
            }
        }
        let slugs = archive.papers.keys.sorted()
        let allAppearances = appearances
        let resolved: [PaperModel] = slugs.parallelMap { slug in
            let paper = archive.papers[slug]!
            let rendered = markdown.render(paper.abstract)
            return PaperModel(
                paper: paper,
                topics: classifier.topics(for: paper, plainText: rendered.plainText),
                abstractHTML: rendered.html,
                excerpt: SiteModel.excerpt(of: rendered.plainText),
                appearances: allAppearances[slug] ?? [])
        }
        var papers: [String: PaperModel] = [:]
        papers.reserveCapacity(resolved.count)
        for model in resolved { papers[model.slug] = model }

        let newestFirst = resolved.sorted { a, b in
            if a.paper.firstSeen != b.paper.firstSeen { return a.paper.firstSeen > b.paper.firstSeen }
            if a.firstRank != b.firstRank { return a.firstRank < b.firstRank }
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
    }

    /// The first sentence, or two when the first is short, cut at 300 characters.
    static func excerpt(of text: String) -> String {
        let flat = text.split(whereSeparator: { $0 == "\n" }).joined(separator: " ").trimmingWhitespace()
        var sentences: [Substring] = []
        var start = flat.startIndex
        var index = flat.startIndex
        while index < flat.endIndex, sentences.count < 2 {
            let character = flat[index]
            let next = flat.index(after: index)
            if character == "." || character == "!" || character == "?", next == flat.endIndex || flat[next] == " " {
                let sentence = flat[start...index]
                // `e.g.`, `i.e.`, `et al.`: a full stop after a short token is not an end.
                let lastWord = sentence.split(separator: " ").last ?? ""
                if lastWord.count > 4 || !lastWord.dropLast().contains(".") && lastWord != "al." {
                    sentences.append(sentence)
                    if sentences.count == 1, sentence.count >= 140 { break }
                    start = next < flat.endIndex ? flat.index(after: next) : next
                }
            }
            index = next
        }
        var excerpt = sentences.isEmpty ? flat : sentences.joined(separator: " ")
        if excerpt.count > 300 {
            excerpt = String(excerpt.prefix(299)).trimmingWhitespace() + "…"
        }
        return excerpt
    }
}
