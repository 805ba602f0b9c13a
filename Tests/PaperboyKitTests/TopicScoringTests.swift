@testable import PaperboyContent
@testable import PaperboyCore
@testable import PaperboySite
import Testing

/// The scoring rules of topics.yml: weights, title-only phrases, covering phrases, vetoes,
/// the relative threshold, and a source's keywords and categories.
@Suite("Topic scoring")
struct TopicScoringTests {
    static let rules = """
        title_weight: 3
        keyword_weight: 2
        minimum_score: 4
        relative_score: 40
        repeat_limit: 2
        topics:
          - slug: moe
            name: Mixture of experts
            phrases:
              4: [mixture of experts, moe]
              1: [experts]
              0: [human experts]
            title_phrases:
              2: [expert]
          - slug: distillation
            name: Distillation
            phrases:
              4: [distillation]
              0: [dataset distillation]
            veto: [distillation column]
          - slug: language-models
            name: Language models
            relative_score: 80
            phrases:
              4: [language model, llm]
            categories:
              6: [cs.CL]
          - slug: vision
            name: Vision
            phrases: [image, images]
            categories: [cs.CV]
        """

    let classifier: TopicClassifier

    init() throws {
        classifier = TopicClassifier(taxonomy: try Taxonomy(yaml: Self.rules, file: "topics.yml"))
    }

    func score(_ slug: String, _ evidence: TopicEvidence) -> Int {
        evidence.scores[classifier.taxonomy.topics.firstIndex { $0.slug == slug }!]
    }

    func verdict(_ slug: String, _ evidence: TopicEvidence) -> TopicEvidence.Verdict {
        evidence.verdicts[classifier.taxonomy.topics.firstIndex { $0.slug == slug }!]
    }

    @Test("the file's syntax: weight groups, title-only phrases, vetoes, categories, per-topic thresholds")
    func parsing() throws {
        let taxonomy = classifier.taxonomy
        #expect(taxonomy.relativeScore == 40 && taxonomy.repeatLimit == 2 && taxonomy.keywordWeight == 2)
        #expect(
            taxonomy.topics[0].phrases == [
                .init("mixture of experts", weight: 4), .init("moe", weight: 4), .init("experts", weight: 1),
                .init("human experts", weight: 0),
                .init("expert", weight: 2, titleOnly: true),
            ])
        #expect(taxonomy.topics[1].veto == ["distillation column"])
        #expect(taxonomy.topics[2].relativeScore == 80 && taxonomy.topics[2].categories == [.init("cs.CL", weight: 6)])
        #expect(taxonomy.topics[3].phrases.map(\.weight) == [1, 1] && taxonomy.topics[3].categories == [.init("cs.CV", weight: 4)])
        #expect(taxonomy.relativeScore(of: 0) == 40 && taxonomy.relativeScore(of: 2) == 80)
    }

    @Test("each phrase counts its weight; a title match title_weight times, once; abstract matches up to repeat_limit")
    func weights() {
        #expect(score("moe", classifier.evidence(title: "", text: "we use moe")) == 4)
        #expect(score("moe", classifier.evidence(title: "MoE", text: "")) == 12)
        #expect(score("moe", classifier.evidence(title: "MoE, MoE", text: "")) == 12, "a title says it once")
        #expect(score("moe", classifier.evidence(title: "", text: "moe moe moe moe")) == 8, "repeat_limit 2")
        #expect(score("moe", classifier.evidence(title: "", text: "experts and experts")) == 2, "a weak word counts little")
        #expect(classifier.ruleTopics(title: "", text: "experts and experts") == [], "2 is below minimum_score 4")
    }

    @Test("title-only phrases count in the title and nowhere else")
    func titleOnly() {
        #expect(score("moe", classifier.evidence(title: "An expert", text: "")) == 6)
        #expect(score("moe", classifier.evidence(title: "", text: "an expert and an expert")) == 0)
    }

    @Test("a longer phrase of the topic covers its words: a weight of 0 takes them out")
    func covering() {
        let mixture = classifier.evidence(title: "", text: "a mixture of experts")
        #expect(score("moe", mixture) == 4, "`experts` inside `mixture of experts` does not count again")
        #expect(score("moe", classifier.evidence(title: "", text: "ask human experts")) == 0)
        #expect(score("distillation", classifier.evidence(title: "", text: "dataset distillation")) == 0)
        #expect(score("distillation", classifier.evidence(title: "", text: "dataset distillation, then distillation")) == 4)
        let items = mixture.items.map { "\($0.text)@\($0.place.rawValue)=\($0.points)" }
        #expect(items == ["mixture of experts@abstract=4"])
    }

    @Test("the same words written twice (`-` or space) count once")
    func duplicates() throws {
        let taxonomy = try Taxonomy(
            yaml: "topics:\n  - slug: a\n    name: A\n    phrases: [mixture-of-experts, mixture of experts]\n", file: "t")
        #expect(TopicClassifier(taxonomy: taxonomy).evidence(title: "", text: "mixture of experts").scores == [1])
    }

    @Test("a veto phrase keeps the topic off, whatever its score")
    func veto() {
        let evidence = classifier.evidence(title: "Distillation", text: "distillation in a distillation column")
        #expect(score("distillation", evidence) >= 12)
        #expect(verdict("distillation", evidence) == .vetoed(phrase: "distillation column", place: .abstract))
        #expect(evidence.assigned.isEmpty)
    }

    @Test("a topic must reach relative_score percent of the best topic's score; a topic may ask more")
    func relative() {
        // moe 12 (title), vision 4: 4 < 40% of 12.
        let passing = classifier.evidence(title: "MoE", text: "an image")
        #expect(passing.assigned.map { classifier.taxonomy.topics[$0].slug } == ["moe"])
        #expect(verdict("vision", passing) == .belowMinimum(4))
        let relative = classifier.evidence(title: "MoE", text: "an image, images")
        #expect(score("vision", relative) == 2)
        let strong = classifier.evidence(title: "MoE", text: "image image images images llm")
        #expect(score("vision", strong) == 4 && score("language-models", strong) == 4)
        #expect(verdict("vision", strong) == .belowRelative(needed: 5, best: 12))
        // moe 12, language models 8: above 40% but below the 80% the topic asks.
        let broad = classifier.evidence(title: "MoE", text: "an llm, a language model")
        #expect(verdict("language-models", broad) == .belowRelative(needed: 10, best: 12))
        #expect(classifier.ruleTopics(title: "MoE", text: "an llm, a language model, llm") == ["moe", "language-models"])
    }

    @Test("a source's keywords count keyword_weight times, each keyword apart; the primary category counts its weight, a cross-list half")
    func metadata() {
        let keywords = classifier.evidence(
            title: "", text: "", metadata: PaperMetadata(keywords: ["Mixture-of-Experts", "sparse"]))
        #expect(score("moe", keywords) == 8)
        #expect(keywords.items.map(\.place) == [.keywords])
        let apart = classifier.evidence(title: "", text: "", metadata: PaperMetadata(keywords: ["large language", "model"]))
        #expect(score("language-models", apart) == 0, "no phrase spans two keywords")
        let primary = classifier.evidence(title: "", text: "", metadata: PaperMetadata(categories: ["cs.CL", "cs.CV"]))
        #expect(score("language-models", primary) == 6 && score("vision", primary) == 2)
        #expect(primary.assigned.map { classifier.taxonomy.topics[$0].slug } == ["language-models"])
        let cross = classifier.evidence(title: "", text: "", metadata: PaperMetadata(categories: ["cs.LG", "cs.CL"]))
        #expect(score("language-models", cross) == 3)
    }

    @Test("assignment is the evidence's: the explanation lists what counted and why each topic is in or out")
    func explanation() {
        let evidence = classifier.evidence(title: "Expert LLM", text: "an image; human experts; a mixture of experts; llm llm llm")
        let text = TopicExplanation(
            taxonomy: classifier.taxonomy, evidence: evidence, title: "Expert LLM", ownTopics: [],
            final: evidence.assigned.map { classifier.taxonomy.topics[$0].slug }
        ).text
        #expect(
            classifier.ruleTopics(title: "Expert LLM", text: "an image; human experts; a mixture of experts; llm llm llm") == [
                "language-models", "moe",
            ])
        #expect(text.contains("topics: language-models, moe\n"))
        #expect(text.contains("language-models  score 20  ASSIGNED (#1)\n"))
        #expect(text.contains("    title     \"llm\"  1 match, weight 4 × title_weight 3 = 12\n"))
        #expect(text.contains("    abstract  \"llm\"  3 matches (2 count) × weight 4 = 8\n"))
        #expect(text.contains("moe  score 10  ASSIGNED (#2)\n"))
        #expect(text.contains("    title     \"expert\"  1 match, weight 2 × title_weight 3 = 6\n"))
        #expect(!text.contains("\"experts\""), "covered by `human experts` and `mixture of experts`")
        #expect(text.contains("vision  score 1  not assigned: below minimum_score 4\n"))
        #expect(text.contains("no evidence: distillation\n"))
    }

    @Test("matching stays linear in the text, however many matches and covering phrases it holds")
    func linear() throws {
        for unit in ["mixture of experts ", "human experts experts ", "moe ", "of "] {
            let growth = try Growth.measure(n: 20_000, { String(repeating: unit, count: $0) }) { text in
                _ = classifier.evidence(title: text, text: text)
            }
            #expect(growth.ratio < Growth.linear, "\(unit.debugDescription) × n: \(growth)")
        }
    }
}
