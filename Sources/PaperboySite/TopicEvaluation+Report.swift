import PaperboyContent
import PaperboyCore

/// The text of `paperboy topics eval`. Its first lines are `name: value` pairs a script (and
/// the end-to-end test) can read; the mistakes per topic follow.
package struct TopicEvaluationReport: Sendable {
    package var text: String

    package init(evaluation: TopicEvaluation, taxonomy: Taxonomy, content: String) {
        let all = evaluation.allTopics.count
        let labelled = evaluation.results.count
        var lines: [String] = []
        lines.append("labelled papers: \(labelled) found in \(content), \(evaluation.notFound.count) not found")
        lines.append(
            "precision: \(Self.fixed(evaluation.precision)) (\(evaluation.acceptableCount) of \(evaluation.assignedCount) assigned topics acceptable)"
        )
        lines.append("coverage: \(Self.fixed(evaluation.coverage)) (\(evaluation.coveredCount) of \(labelled) papers have a primary topic)")
        lines.append(
            "other: \(Self.percent(evaluation.otherCount, of: all)) of all \(all) papers (\(evaluation.otherCount)); "
                + "\(Self.percent(evaluation.labelledOtherCount, of: labelled)) of labelled papers (\(evaluation.labelledOtherCount))")
        if let largest = evaluation.topicCounts.first(where: { $0.slug != Taxonomy.otherSlug }) {
            lines.append("largest topic: \(largest.slug) \(Self.percent(largest.count, of: all)) of all papers (\(largest.count))")
        }
        for label in evaluation.notFound {
            lines.append("not found: \(label.index.map { "[\($0)] " } ?? "")\(label.title)")
        }
        lines.append("")
        lines.append("per topic: papers in all Content; labelled papers wrongly assigned (-) and missed (+), with their labels")
        let counts = Dictionary(evaluation.topicCounts.map { ($0.slug, $0.count) }, uniquingKeysWith: { a, _ in a })
        for topic in taxonomy.topics.map(\.slug) + [Taxonomy.otherSlug] {
            let (wrong, missed) = evaluation.mistakes(of: topic)
            lines.append("\(topic): \(counts[topic] ?? 0) papers, \(wrong.count) wrong, \(missed.count) missed")
            for result in wrong { lines.append("  - " + Self.describe(result)) }
            for result in missed { lines.append("  + " + Self.describe(result)) }
        }
        text = lines.joined(separator: "\n") + "\n"
    }

    static func describe(_ result: TopicEvaluation.Result) -> String {
        let label = result.label
        return "\(label.index.map { "[\($0)] " } ?? "")\(result.slug): has \(result.assigned.joined(separator: ", ")); "
            + "primary \(label.primary.joined(separator: ", ")); acceptable \(label.acceptable.sorted().joined(separator: ", "))"
    }

    /// Three decimals, without Foundation's formatting.
    static func fixed(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    static func percent(_ count: Int, of total: Int) -> String {
        guard total > 0 else { return "0.0%" }
        let tenths = Int((Double(count) * 1000 / Double(total)).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
