/// Files papers under topics by the rules of ``Taxonomy``.
///
/// Texts and phrases are cut into lower-case words (runs of letters and digits), so a
/// phrase matches on word boundaries and `mixture-of-experts` also matches
/// `mixture of experts`. Matching walks each text's words once, whatever the number of rules.
public struct TopicClassifier: Sendable {
    struct Rule: Sendable {
        let topic: Int
        let words: [Substring]
    }

    let taxonomy: Taxonomy
    /// Rules by their first word.
    let rulesByFirstWord: [Substring: [Rule]]

    public init(taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
        var rules: [Substring: [Rule]] = [:]
        for (index, topic) in taxonomy.topics.enumerated() {
            for phrase in topic.phrases {
                let words = TopicClassifier.words(of: phrase)
                guard let first = words.first else { continue }
                rules[first, default: []].append(Rule(topic: index, words: words))
            }
        }
        self.rulesByFirstWord = rules
    }

    /// The rule topics of a paper, best first, at most `maximumTopics`; empty when none scores enough.
    public func ruleTopics(title: String, text: String) -> [String] {
        var scores = [Int](repeating: 0, count: taxonomy.topics.count)
        count(TopicClassifier.words(of: title), weight: taxonomy.titleWeight, into: &scores)
        count(TopicClassifier.words(of: text), weight: 1, into: &scores)
        let ranked = scores.indices
            .filter { scores[$0] >= (taxonomy.topics[$0].minimumScore ?? taxonomy.minimumScore) }
            .sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        return ranked.prefix(taxonomy.maximumTopics).map { taxonomy.topics[$0].slug }
    }

    /// The final topics: the paper's own first, then the rules', at most three in all
    /// (own topics are never dropped); `other` when there are none.
    public func topics(for paper: Paper, plainText: String) -> [String] {
        var result = paper.topics
        for topic in ruleTopics(title: paper.title, text: plainText) where !result.contains(topic) {
            if result.count >= taxonomy.maximumTopics { break }
            result.append(topic)
        }
        return result.isEmpty ? [Taxonomy.otherSlug] : result
    }

    /// Each phrase counts once per occurrence, capped per text so one repeated word cannot dominate.
    func count(_ words: [Substring], weight: Int, into scores: inout [Int]) {
        var hits = [Int](repeating: 0, count: scores.count)
        for index in words.indices {
            guard let rules = rulesByFirstWord[words[index]] else { continue }
            for rule in rules where index + rule.words.count <= words.count {
                var matches = true
                for offset in 1..<rule.words.count where words[index + offset] != rule.words[offset] {
                    matches = false
                    break
                }
                if matches { hits[rule.topic] += 1 }
            }
        }
        for topic in hits.indices where hits[topic] > 0 {
            scores[topic] += min(hits[topic], 3) * weight
        }
    }

    /// Lower-case runs of letters and digits.
    static func words(of text: String) -> [Substring] {
        let lowered = Substring(text.lowercased())
        var words: [Substring] = []
        var start: Substring.Index?
        var index = lowered.startIndex
        while index < lowered.endIndex {
            let character = lowered[index]
            if character.isLetter || character.isNumber {
                if start == nil { start = index }
            } else if let wordStart = start {
                words.append(lowered[wordStart..<index])
                start = nil
            }
            index = lowered.index(after: index)
        }
        if let wordStart = start { words.append(lowered[wordStart...]) }
        return words
    }
}
