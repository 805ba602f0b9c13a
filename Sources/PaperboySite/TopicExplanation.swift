import PaperboyContent
import PaperboyCore

/// The text of `paperboy topics explain`: every topic with evidence, best first, each piece
/// of evidence with where it was found and what it counted, and the verdict.
package struct TopicExplanation: Sendable {
    package var text: String

    package init(taxonomy: Taxonomy, evidence: TopicEvidence, title: String, ownTopics: [String], final: [String]) {
        var lines: [String] = []
        lines.append("title: \(title)")
        lines.append(
            "topics: \(final.joined(separator: ", "))"
                + (ownTopics.isEmpty ? "" : "  (own topics, kept first: \(ownTopics.joined(separator: ", ")))"))
        lines.append(
            "rules: title_weight \(taxonomy.titleWeight), keyword_weight \(taxonomy.keywordWeight), repeat_limit \(taxonomy.repeatLimit), "
                + "minimum_score \(taxonomy.minimumScore), relative_score \(taxonomy.relativeScore)%, maximum_topics \(taxonomy.maximumTopics)"
        )
        let shown = evidence.scores.indices.filter { evidence.scores[$0] != 0 || evidence.verdicts[$0] != .noEvidence }
            .sorted { evidence.scores[$0] != evidence.scores[$1] ? evidence.scores[$0] > evidence.scores[$1] : $0 < $1 }
        for topic in shown {
            lines.append("")
            lines.append("\(taxonomy.topics[topic].slug)  score \(evidence.scores[topic])  \(Self.verdict(evidence.verdicts[topic]))")
            for item in evidence.items where item.topic == topic {
                lines.append("    " + Self.describe(item, taxonomy: taxonomy))
            }
        }
        let silent = evidence.scores.indices.filter { !shown.contains($0) }.map { taxonomy.topics[$0].slug }
        if !silent.isEmpty {
            lines.append("")
            lines.append("no evidence: \(silent.joined(separator: ", "))")
        }
        text = lines.joined(separator: "\n") + "\n"
    }

    static func verdict(_ verdict: TopicEvidence.Verdict) -> String {
        switch verdict {
        case let .assigned(rank): return "ASSIGNED (#\(rank))"
        case .noEvidence: return "not assigned: no evidence"
        case let .vetoed(phrase, place): return "not assigned: vetoed by \"\(phrase)\" in the \(place.rawValue)"
        case let .belowMinimum(minimum): return "not assigned: below minimum_score \(minimum)"
        case let .belowRelative(needed, best): return "not assigned: below relative_score (needs \(needed), the best topic scores \(best))"
        case .crowdedOut: return "not assigned: maximum_topics better topics came first"
        }
    }

    static func describe(_ item: TopicEvidence.Item, taxonomy: Taxonomy) -> String {
        let matches = item.count == 1 ? "1 match" : "\(item.count) matches"
        switch item.place {
        case .title:
            return "title     \"\(item.text)\"  \(matches), weight \(item.weight) × title_weight \(taxonomy.titleWeight) = \(item.points)"
        case .abstract:
            let counted = item.count > taxonomy.repeatLimit ? " (\(taxonomy.repeatLimit) count)" : ""
            return "abstract  \"\(item.text)\"  \(matches)\(counted) × weight \(item.weight) = \(item.points)"
        case .keywords:
            return "keywords  \"\(item.text)\"  weight \(item.weight) × keyword_weight \(taxonomy.keywordWeight) = \(item.points)"
        case .category:
            return
                "category  \(item.text)  weight \(item.weight)\(item.points < item.weight ? ", a cross-list counts half" : ", primary") = \(item.points)"
        }
    }
}
