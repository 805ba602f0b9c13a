import PaperboyContent
import PaperboyCore

/// Files papers under topics by the rules of ``Taxonomy``.
///
/// Texts and phrases are cut into lower-case words (runs of letters and digits), so a
/// phrase matches on word boundaries and `mixture-of-experts` also matches
/// `mixture of experts`. Matching walks each text's words once, whatever the number of rules.
/// Assignment and `paperboy topics explain` both read the ``TopicEvidence`` that
/// ``evidence(title:text:metadata:)`` returns, so an explanation is what was assigned.
package struct TopicClassifier: Sendable {
    struct Rule: Sendable {
        let topic: Int
        /// The phrase's index in its topic's `phrases`, or in its `veto` list.
        let phrase: Int
        let isVeto: Bool
        let titleOnly: Bool
        /// Word hashes after the first.
        let rest: [UInt64]
    }

    /// A match of rule `rule` (an index of ``rules``) starting at word `start`.
    struct Match: Sendable {
        let rule: Int32
        let start: Int32
    }

    let taxonomy: Taxonomy
    /// Every phrase and veto of every topic.
    let rules: [Rule]
    /// Indices of ``rules`` by the hash of their first word.
    let rulesByFirstWord: [UInt64: [Int32]]
    /// A bit per first word's hash (its low 16 bits): most words of an abstract start no
    /// rule, and are passed over without a dictionary lookup.
    let firstWordBits: [UInt64]
    /// The most words in a phrase: how far back a covering match can start.
    let longestPhrase: Int

    package init(taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
        var rules: [Rule] = []
        var byFirstWord: [UInt64: [Int32]] = [:]
        var longest = 1
        // `mixture-of-experts` and `mixture of experts` are the same words: one match, counted once.
        var seen = Set<[UInt64]>()
        func add(_ text: String, topic: Int, phrase: Int, isVeto: Bool, titleOnly: Bool) {
            let words = TopicClassifier.wordHashes(of: text)
            guard let first = words.first, seen.insert([UInt64(topic), isVeto ? 1 : 0, titleOnly ? 1 : 0] + words).inserted else { return }
            longest = max(longest, words.count)
            byFirstWord[first, default: []].append(Int32(rules.count))
            rules.append(Rule(topic: topic, phrase: phrase, isVeto: isVeto, titleOnly: titleOnly, rest: Array(words.dropFirst())))
        }
        for (index, topic) in taxonomy.topics.enumerated() {
            for (number, phrase) in topic.phrases.enumerated() {
                add(phrase.text, topic: index, phrase: number, isVeto: false, titleOnly: phrase.titleOnly)
            }
            for (number, phrase) in topic.veto.enumerated() { add(phrase, topic: index, phrase: number, isVeto: true, titleOnly: false) }
        }
        self.rules = rules
        self.rulesByFirstWord = byFirstWord
        self.longestPhrase = longest
        var bits = [UInt64](repeating: 0, count: 1024)
        for hash in byFirstWord.keys { bits[Int(hash & 0xFFFF) >> 6] |= 1 << (hash & 63) }
        self.firstWordBits = bits
    }

    /// The rule topics of a paper, best first, at most `maximumTopics`; empty when none scores enough.
    package func ruleTopics(title: String, text: String, metadata: PaperMetadata = PaperMetadata()) -> [String] {
        evidence(title: title, text: text, metadata: metadata).assigned.map { taxonomy.topics[$0].slug }
    }

    /// The final topics: the paper's own first, then the rules', at most three in all
    /// (own topics are never dropped); `other` when there are none.
    package func topics(for paper: LoadedPaper, plainText: String) -> [String] {
        var result = paper.topics
        for topic in ruleTopics(title: paper.title, text: plainText, metadata: paper.metadata) where !result.contains(topic) {
            if result.count >= taxonomy.maximumTopics { break }
            result.append(topic)
        }
        return result.isEmpty ? [Taxonomy.otherSlug] : result
    }

    /// The matches of every rule in `words`, in the order they start, less those a longer
    /// phrase of the same topic covers (`dataset distillation` hides its `distillation`).
    func matches(_ words: [UInt64], inTitle: Bool) -> [Match] {
        var found: [Match] = []
        rules.withUnsafeBufferPointer { rules in
            for index in words.indices {
                let word = words[index]
                guard firstWordBits[Int(word & 0xFFFF) >> 6] & (1 << (word & 63)) != 0, let starting = rulesByFirstWord[word] else {
                    continue
                }
                for number in starting {
                    let rule = rules[Int(number)]
                    guard index + rule.rest.count < words.count, inTitle || !rule.titleOnly else { continue }
                    var matches = true
                    for offset in rule.rest.indices where words[index + 1 + offset] != rule.rest[offset] {
                        matches = false
                        break
                    }
                    if matches { found.append(Match(rule: number, start: Int32(index))) }
                }
            }
        }
        guard found.count > 1 else { return found }
        // A covering match starts at most `longestPhrase` words before: the window is bounded,
        // so this stays linear in the text.
        return rules.withUnsafeBufferPointer { rules in
            func covers(_ other: Match, _ match: Match) -> Bool {
                let (outer, inner) = (rules[Int(other.rule)], rules[Int(match.rule)])
                return outer.topic == inner.topic && !outer.isVeto && !inner.isVeto && outer.rest.count > inner.rest.count
                    && Int(other.start) + outer.rest.count >= Int(match.start) + inner.rest.count
            }
            var kept: [Match] = []
            kept.reserveCapacity(found.count)
            for (position, match) in found.enumerated() {
                var covered = false
                var back = position - 1
                while !covered, back >= 0, Int(found[back].start) > Int(match.start) - longestPhrase {
                    covered = covers(found[back], match)
                    back -= 1
                }
                var ahead = position + 1
                while !covered, ahead < found.count, found[ahead].start == match.start {
                    covered = covers(found[ahead], match)
                    ahead += 1
                }
                if !covered { kept.append(match) }
            }
            return kept
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
