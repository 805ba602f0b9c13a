import PaperboyContent
import PaperboyCore

/// Everything that scored a paper: each topic's score, the evidence that made it, and the
/// topics assigned. Assignment reads it, and so does `paperboy topics explain`.
package struct TopicEvidence: Sendable {
    package enum Place: String, Sendable {
        case title, abstract, keywords, category
    }

    /// One phrase (or category) of one topic, where it was found and what it counted.
    package struct Item: Sendable {
        package var topic: Int
        /// The phrase as written in topics.yml, or the category.
        package var text: String
        package var place: Place
        /// Matches found (for a category, 1).
        package var count: Int
        /// The weight written in topics.yml.
        package var weight: Int
        /// What it adds to the topic's score.
        package var points: Int
    }

    /// Why a topic is, or is not, one of the paper's.
    package enum Verdict: Sendable, Equatable {
        case assigned(rank: Int)
        case noEvidence
        case vetoed(phrase: String, place: Place)
        case belowMinimum(Int)
        /// Below the share of the best topic's score that `relative_score` asks for.
        case belowRelative(needed: Int, best: Int)
        /// Scored enough, but `maximum_topics` better topics came first.
        case crowdedOut
    }

    package var scores: [Int]
    /// Evidence per topic, in the order found (title, abstract, keywords, categories).
    package var items: [Item]
    /// Topic indices, best first.
    package var assigned: [Int]
    package var verdicts: [Verdict]
}

extension TopicClassifier {
    /// Scores a paper: every phrase's matches in the title (counted once, times `title_weight`)
    /// and the abstract (up to `repeat_limit` times), its matches in the source's keywords
    /// (once, times `keyword_weight`), and its arXiv categories; then assigns the topics.
    package func evidence(title: String, text: String, metadata: PaperMetadata = PaperMetadata()) -> TopicEvidence {
        let topics = taxonomy.topics
        var scores = [Int](repeating: 0, count: topics.count)
        var items: [TopicEvidence.Item] = []
        var vetoes: [Int: (String, TopicEvidence.Place)] = [:]

        // Matches per rule, in the order first found, so the evidence reads as the text does.
        var counts = [Int32](repeating: 0, count: rules.count)
        func collect(_ matches: [Match], place: TopicEvidence.Place, times: Int, limit: Int) {
            var order: [Int32] = []
            for match in matches {
                if counts[Int(match.rule)] == 0 { order.append(match.rule) }
                counts[Int(match.rule)] += 1
            }
            for number in order {
                let rule = rules[Int(number)]
                let count = Int(counts[Int(number)])
                counts[Int(number)] = 0
                if rule.isVeto {
                    if vetoes[rule.topic] == nil { vetoes[rule.topic] = (topics[rule.topic].veto[rule.phrase], place) }
                    continue
                }
                let phrase = topics[rule.topic].phrases[rule.phrase]
                let points = phrase.weight * times * min(count, limit)
                scores[rule.topic] += points
                items.append(.init(topic: rule.topic, text: phrase.text, place: place, count: count, weight: phrase.weight, points: points))
            }
        }
        collect(matches(TopicClassifier.wordHashes(of: title), inTitle: true), place: .title, times: taxonomy.titleWeight, limit: 1)
        collect(matches(TopicClassifier.wordHashes(of: text), inTitle: false), place: .abstract, times: 1, limit: taxonomy.repeatLimit)
        if taxonomy.keywordWeight > 0, !metadata.keywords.isEmpty {
            // Each keyword apart, so that no phrase spans two of them; vetoes read only the paper's own words.
            let found = metadata.keywords.flatMap { matches(TopicClassifier.wordHashes(of: $0), inTitle: false) }.filter {
                !rules[Int($0.rule)].isVeto
            }
            collect(found, place: .keywords, times: taxonomy.keywordWeight, limit: 1)
        }
        if let primary = metadata.categories.first {
            for (index, topic) in topics.enumerated() {
                for category in topic.categories {
                    let points =
                        category.code == primary ? category.weight : metadata.categories.contains(category.code) ? category.weight / 2 : 0
                    guard points > 0 else { continue }
                    scores[index] += points
                    items.append(
                        .init(topic: index, text: category.code, place: .category, count: 1, weight: category.weight, points: points))
                }
            }
        }

        let best = scores.indices.filter { vetoes[$0] == nil }.map { scores[$0] }.max() ?? 0
        var verdicts = [TopicEvidence.Verdict](repeating: .noEvidence, count: topics.count)
        var eligible: [Int] = []
        for index in topics.indices {
            let needed = (best * taxonomy.relativeScore(of: index) + 99) / 100
            if let (phrase, place) = vetoes[index] {
                verdicts[index] = .vetoed(phrase: phrase, place: place)
            } else if scores[index] <= 0 {
                verdicts[index] = .noEvidence
            } else if scores[index] < taxonomy.minimumScore(of: index) {
                verdicts[index] = .belowMinimum(taxonomy.minimumScore(of: index))
            } else if scores[index] < needed {
                verdicts[index] = .belowRelative(needed: needed, best: best)
            } else {
                eligible.append(index)
            }
        }
        eligible.sort { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        let assigned = Array(eligible.prefix(taxonomy.maximumTopics))
        for (rank, index) in eligible.enumerated() { verdicts[index] = rank < assigned.count ? .assigned(rank: rank + 1) : .crowdedOut }
        return TopicEvidence(scores: scores, items: items, assigned: assigned, verdicts: verdicts)
    }
}
