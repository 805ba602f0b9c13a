import PaperboyContent
import PaperboyCore

/// Files papers under topics by the rules of ``Taxonomy``.
///
/// Texts and phrases are cut into lower-case words (runs of letters and digits), so a
/// phrase matches on word boundaries and `mixture-of-experts` also matches
/// `mixture of experts`. Matching walks each text's words once, whatever the number of rules.
package struct TopicClassifier: Sendable {
    struct Rule: Sendable {
        let topic: Int
        /// Word hashes after the first.
        let rest: [UInt64]
    }

    let taxonomy: Taxonomy
    /// Rules by the hash of their first word.
    let rulesByFirstWord: [UInt64: [Rule]]
    /// A bit per first word's hash (its low 16 bits): most words of an abstract start no
    /// rule, and are passed over without a dictionary lookup.
    let firstWordBits: [UInt64]

    package init(taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
        var rules: [UInt64: [Rule]] = [:]
        for (index, topic) in taxonomy.topics.enumerated() {
            for phrase in topic.phrases {
                let words = TopicClassifier.wordHashes(of: phrase)
                guard let first = words.first else { continue }
                rules[first, default: []].append(Rule(topic: index, rest: Array(words.dropFirst())))
            }
        }
        self.rulesByFirstWord = rules
        var bits = [UInt64](repeating: 0, count: 1024)
        for hash in rules.keys { bits[Int(hash & 0xFFFF) >> 6] |= 1 << (hash & 63) }
        self.firstWordBits = bits
    }

    /// The rule topics of a paper, best first, at most `maximumTopics`; empty when none scores enough.
    package func ruleTopics(title: String, text: String) -> [String] {
        var scores = [Int](repeating: 0, count: taxonomy.topics.count)
        count(TopicClassifier.wordHashes(of: title), weight: taxonomy.titleWeight, into: &scores)
        count(TopicClassifier.wordHashes(of: text), weight: 1, into: &scores)
        let ranked = scores.indices
            .filter { scores[$0] >= (taxonomy.topics[$0].minimumScore ?? taxonomy.minimumScore) }
            .sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        return ranked.prefix(taxonomy.maximumTopics).map { taxonomy.topics[$0].slug }
    }

    /// The final topics: the paper's own first, then the rules', at most three in all
    /// (own topics are never dropped); `other` when there are none.
    package func topics(for paper: LoadedPaper, plainText: String) -> [String] {
        var result = paper.topics
        for topic in ruleTopics(title: paper.title, text: plainText) where !result.contains(topic) {
            if result.count >= taxonomy.maximumTopics { break }
            result.append(topic)
        }
        return result.isEmpty ? [Taxonomy.otherSlug] : result
    }

    /// Each phrase counts once per occurrence, capped per text so one repeated word cannot dominate.
    func count(_ words: [UInt64], weight: Int, into scores: inout [Int]) {
        var hits = [Int](repeating: 0, count: scores.count)
        for index in words.indices {
            let word = words[index]
            guard firstWordBits[Int(word & 0xFFFF) >> 6] & (1 << (word & 63)) != 0, let rules = rulesByFirstWord[word] else { continue }
            for rule in rules where index + rule.rest.count < words.count {
                var matches = true
                for offset in rule.rest.indices where words[index + 1 + offset] != rule.rest[offset] {
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

    /// Words are runs of letters and digits (Unicode's), lower-cased, so `“Diffusion”`,
    /// `diffusion—based` and `Diffusion\u{A0}models` all hold the word `diffusion`. Each word is
    /// reduced to a 64-bit FNV-1a hash so matching compares integers instead of allocating strings.
    static func wordHashes(of text: String) -> [UInt64] {
        if let hashes = text.utf8.withContiguousStorageIfAvailable(wordHashes(of:)) { return hashes }
        return Array(text.utf8).withUnsafeBufferPointer(wordHashes(of:))
    }

    /// ``wordHashes(of:)-(String)`` over valid UTF-8: ASCII a byte at a time, a longer character
    /// decoded. One loop with its state in locals (nested functions that change captured
    /// variables cost an exclusivity check per byte).
    private static func wordHashes(of bytes: UnsafeBufferPointer<UInt8>) -> [UInt64] {
        var hashes: [UInt64] = []
        hashes.reserveCapacity(bytes.count / 6)
        var hash = FNV1a()
        var inWord = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                let letter: UInt8? =
                    byte >= 0x41 && byte <= 0x5A
                    ? byte + 32
                    : (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) ? byte : nil
                if let letter {
                    if !inWord {
                        hash = FNV1a()
                        inWord = true
                    }
                    hash.add(letter)
                } else if inWord {
                    hashes.append(hash.value)
                    inWord = false
                }
                continue
            }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for offset in 1..<length where index + offset < bytes.count { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
            index += length
            if let scalar = Unicode.Scalar(value),
                scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                    || scalar.properties.generalCategory == .nonspacingMark
            {
                if !inWord {
                    hash = FNV1a()
                    inWord = true
                }
                for byte in scalar.properties.lowercaseMapping.utf8 { hash.add(byte) }
            } else if inWord {
                hashes.append(hash.value)
                inWord = false
            }
        }
        if inWord { hashes.append(hash.value) }
        return hashes
    }
}
