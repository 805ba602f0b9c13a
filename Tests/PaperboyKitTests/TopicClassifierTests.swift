@testable import PaperboyContent
@testable import PaperboyCore
@testable import PaperboyIngest
@testable import PaperboySite
import Testing

@Suite("Topics")
struct TopicClassifierTests {
    let taxonomy = Taxonomy(topics: [
        .init(slug: "language-models", name: "Language models", phrases: ["language model", "language models", "llm"], minimumScore: 4),
        .init(slug: "diffusion", name: "Diffusion", phrases: ["diffusion"]),
        .init(slug: "moe", name: "Mixture of experts", phrases: ["mixture-of-experts", "moe"]),
        .init(slug: "speech", name: "Speech", phrases: ["speech"]),
        .init(slug: "vision", name: "Vision", phrases: ["image"]),
    ])

    func paper(_ title: String, topics: [String] = []) -> LoadedPaper {
        LoadedPaper(Paper(slug: "x", title: title, firstSeen: CalendarDate("2026-11-26")!, topics: topics, abstract: ""))
    }

    @Test("phrases match on word boundaries, case-insensitively, with - and space alike")
    func wordBoundaries() {
        let classifier = TopicClassifier(taxonomy: taxonomy)
        #expect(classifier.ruleTopics(title: "A Mixture of Experts for speech", text: "") == ["moe", "speech"])
        #expect(classifier.ruleTopics(title: "Diffusion!", text: "") == ["diffusion"])
        #expect(classifier.ruleTopics(title: "Transdiffusional models", text: "") == [], "no match inside a word")
        #expect(classifier.ruleTopics(title: "MoEs", text: "") == [], "plural is a different word unless listed")
    }

    @Test("a title match weighs more; an abstract needs more evidence; a topic may raise its threshold")
    func scoring() {
        let classifier = TopicClassifier(taxonomy: taxonomy)
        #expect(classifier.ruleTopics(title: "Untitled", text: "diffusion") == [], "one abstract mention scores 1 < 2")
        #expect(classifier.ruleTopics(title: "Untitled", text: "diffusion then diffusion") == ["diffusion"])
        #expect(classifier.ruleTopics(title: "Untitled", text: "an LLM and a language model and llm") == [], "abstract alone caps at 3 < 4")
        #expect(classifier.ruleTopics(title: "LLM speech", text: "llm") == ["language-models", "speech"])
        // Best first: the title match outranks abstract mentions.
        #expect(classifier.ruleTopics(title: "Image models", text: "diffusion diffusion") == ["vision", "diffusion"])
    }

    @Test("at most three topics; own topics kept first; `other` when nothing matches")
    func limits() {
        let classifier = TopicClassifier(taxonomy: taxonomy)
        let all = classifier.topics(for: paper("Diffusion speech image MoE"), plainText: "")
        #expect(all.count == 3)
        #expect(classifier.topics(for: paper("Diffusion", topics: ["speech"]), plainText: "") == ["speech", "diffusion"])
        #expect(classifier.topics(for: paper("Nothing here"), plainText: "") == ["other"])
        let own = classifier.topics(for: paper("Diffusion", topics: ["speech", "vision", "moe", "language-models"]), plainText: "")
        #expect(own == ["speech", "vision", "moe", "language-models"], "a paper's own topics are never dropped")
    }

    @Test("the default taxonomy files the sample: at most 10% other, no topic over half")
    func defaultTaxonomyOnSample() throws {
        let root = TestFixtures.repositoryRoot.path
        let taxonomy = try Taxonomy(yaml: try FileIO.readText(root + "/Content/topics.yml"), file: "topics.yml")
        let text = try FileIO.readText(root + "/Tests/Fixtures/trending-2026-11-26.txt")
        let entries = try TrendingFeedParser().parse(text, file: "sample").entries
        #expect(entries.count == 281)
        let classifier = TopicClassifier(taxonomy: taxonomy)
        var counts: [String: Int] = [:]
        for entry in entries {
            let topics = classifier.topics(for: paper(entry.title), plainText: entry.text)
            #expect(topics.count <= 3)
            for topic in topics { counts[topic, default: 0] += 1 }
        }
        #expect(counts["other", default: 0] * 10 <= entries.count, "other: \(counts["other", default: 0])")
        for (topic, count) in counts { #expect(count * 2 <= entries.count, "\(topic) holds \(count) of \(entries.count)") }
    }
}

@Suite("Topic words")
struct TopicWordTests {
    @Test("punctuation outside ASCII separates words; non-ASCII letters fold case")
    func unicodeBoundaries() {
        let diffusion = TopicClassifier.wordHashes(of: "diffusion")
        #expect(TopicClassifier.wordHashes(of: "“Diffusion”") == diffusion)
        #expect(TopicClassifier.wordHashes(of: "Diffusion—based").first == diffusion.first)
        #expect(TopicClassifier.wordHashes(of: "Diffusion\u{A0}models").count == 2)
        #expect(TopicClassifier.wordHashes(of: "ÉTUDE") == TopicClassifier.wordHashes(of: "étude"))
        #expect(TopicClassifier.wordHashes(of: "naïve").count == 1)
    }

    @Test("the byte walk cuts words as a walk over Unicode scalars does, in every script")
    func matchesScalarWalk() throws {
        // The rule stated over scalars, as simply as it reads.
        func reference(_ text: String) -> [UInt64] {
            var words: [UInt64] = []
            var current: [UInt8] = []
            for scalar in text.unicodeScalars {
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                    || scalar.properties.generalCategory == .nonspacingMark
                {
                    current += scalar.properties.lowercaseMapping.utf8
                } else if !current.isEmpty {
                    words.append(FNV1a.hash(current))
                    current = []
                }
            }
            if !current.isEmpty { words.append(FNV1a.hash(current)) }
            return words
        }
        var texts = [
            "", "a", "ÀÉÎÕÜ straße ǅ ﬁ", "日本語のテキスト 2026年", "Ελληνικά ΣΊΣΥΦΟΣ", "עברית שלום", "e\u{301}\u{302}x", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛",
            "emoji 🧪👩‍🔬 and ZWJ", "Ⅻ roman ½ fractions", "tab\tand\u{A0}nbsp\u{2009}thin", "MiXeD-CaSe_words.and,punct",
        ]
        texts.append(try TestFixtures.sampleText())
        for text in texts { #expect(TopicClassifier.wordHashes(of: text) == reference(text), "\(text.prefix(40))") }
    }
}
