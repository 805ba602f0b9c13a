import PaperboyContent
import PaperboyCore

/// A paper labelled by hand: what it is chiefly about, and every topic a reader would not be
/// surprised to find it under (the format of `Tests/Fixtures/topics/dev-labels.json`).
package struct TopicLabel: Sendable {
    package var index: Int?
    package var title: String
    package var primary: [String]
    package var acceptable: [String]

    package init(index: Int?, title: String, primary: [String], acceptable: [String]) {
        self.index = index
        self.title = title
        self.primary = primary
        self.acceptable = acceptable
    }
}

/// How the rules file labelled papers, measured as `paperboy topics eval` reports it.
///
/// Precision: assigned topics that are acceptable, over all assigned (`other` is no topic:
/// it counts against coverage, not precision). Coverage: papers whose topics include a
/// primary one. The share in `other` and the largest topic are taken over every paper of the
/// Content folder, since a topic page shows all of them.
package struct TopicEvaluation: Sendable {
    package struct Result: Sendable {
        package var label: TopicLabel
        package var slug: String
        package var assigned: [String]
    }

    package var results: [Result] = []
    /// Labels whose title no paper in Content has.
    package var notFound: [TopicLabel] = []
    /// Topics of every paper of the archive, by slug.
    package var allTopics: [String: [String]] = [:]

    /// Labels each paper of `archive` as a build does; `plainText` is a paper's abstract as text.
    package init(labels: [TopicLabel], archive: Archive, plainText: (LoadedPaper) -> String) {
        let classifier = TopicClassifier(taxonomy: archive.taxonomy)
        for (slug, paper) in archive.papers { allTopics[slug] = classifier.topics(for: paper, plainText: plainText(paper)) }
        var slugByTitle: [String: String] = [:]
        for (slug, paper) in archive.papers { slugByTitle[PaperIdentity.normalizedTitle(paper.title)] = slug }
        for label in labels {
            guard let slug = slugByTitle[PaperIdentity.normalizedTitle(label.title)] else {
                notFound.append(label)
                continue
            }
            results.append(Result(label: label, slug: slug, assigned: allTopics[slug] ?? []))
        }
    }

    package var assignedCount: Int { results.reduce(0) { $0 + $1.assigned.filter { $0 != Taxonomy.otherSlug }.count } }
    package var acceptableCount: Int {
        results.reduce(0) { total, result in total + result.assigned.filter { result.label.acceptable.contains($0) }.count }
    }
    package var coveredCount: Int { results.filter { result in result.assigned.contains { result.label.primary.contains($0) } }.count }
    package var labelledOtherCount: Int { results.filter { $0.assigned == [Taxonomy.otherSlug] }.count }
    package var otherCount: Int { allTopics.values.filter { $0.contains(Taxonomy.otherSlug) }.count }

    package var precision: Double { assignedCount == 0 ? 0 : Double(acceptableCount) / Double(assignedCount) }
    package var coverage: Double { results.isEmpty ? 0 : Double(coveredCount) / Double(results.count) }

    /// Papers per topic over the whole archive, largest first (ties by slug).
    package var topicCounts: [(slug: String, count: Int)] {
        var counts: [String: Int] = [:]
        for topics in allTopics.values { for topic in topics { counts[topic, default: 0] += 1 } }
        return counts.map { ($0.key, $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.slug < $1.slug }
    }

    /// Per topic: the labelled papers filed under it that should not be, and those whose
    /// primary topic it is that are not.
    package func mistakes(of topic: String) -> (wrong: [Result], missed: [Result]) {
        (
            results.filter { $0.assigned.contains(topic) && !$0.label.acceptable.contains(topic) },
            results.filter { $0.label.primary.contains(topic) && !$0.assigned.contains(topic) }
        )
    }
}
