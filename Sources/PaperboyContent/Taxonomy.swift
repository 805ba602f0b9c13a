import PaperboyCore

/// `Content/topics.yml`: the topic rules (parsed in `Taxonomy+YAML.swift`).
///
/// A paper's score for a topic is the sum of its evidence, each piece with a weight written in
/// the file: phrases in the title and the abstract, phrases only the title counts, a source's
/// keywords and arXiv categories. Weights are chosen by the person who edits the rules, never
/// learned from the archive, so a paper's topics depend on that paper and the file alone (a new
/// day files no old paper again, and every assignment can be explained line by line).
package struct Taxonomy: Sendable, Equatable {
    /// A phrase and what one match of it is worth.
    package struct Phrase: Sendable, Equatable {
        package var text: String
        /// What a match in the abstract counts (a title match counts `titleWeight` times as much).
        /// 0 makes a phrase that only hides the shorter phrases it covers (`dataset distillation`).
        package var weight: Int
        /// Counted in the title only: words too common in abstracts to mean the topic there.
        package var titleOnly: Bool

        package init(_ text: String, weight: Int = 1, titleOnly: Bool = false) {
            self.text = text
            self.weight = weight
            self.titleOnly = titleOnly
        }
    }

    /// An arXiv category and what it counts when it is the paper's primary one (a cross-list
    /// counts half, rounded down).
    package struct Category: Sendable, Equatable {
        package var code: String
        package var weight: Int

        package init(_ code: String, weight: Int) {
            self.code = code
            self.weight = weight
        }
    }

    package struct Topic: Sendable, Equatable {
        package var slug: String
        package var name: String
        /// Phrases matched case-insensitively on word boundaries.
        package var phrases: [Phrase]
        /// A match of any of these in the title or abstract keeps the topic off the paper.
        package var veto: [String]
        package var categories: [Category]
        /// This topic's own threshold, for broad topics that need stronger evidence.
        package var minimumScore: Int?
        /// This topic's own `relative_score`: a broad topic (language models) that is only the
        /// setting of a paper about something more specific must come close to that subject.
        package var relativeScore: Int?

        package init(
            slug: String, name: String, phrases: [Phrase], veto: [String] = [], categories: [Category] = [], minimumScore: Int? = nil,
            relativeScore: Int? = nil
        ) {
            self.slug = slug
            self.name = name
            self.phrases = phrases
            self.veto = veto
            self.categories = categories
            self.minimumScore = minimumScore
            self.relativeScore = relativeScore
        }

        /// A topic whose phrases all weigh 1 and count anywhere.
        package init(slug: String, name: String, phrases: [String], minimumScore: Int? = nil) {
            self.init(slug: slug, name: name, phrases: phrases.map { Phrase($0) }, minimumScore: minimumScore)
        }
    }

    package var topics: [Topic]
    /// How much a phrase in the title counts against one in the abstract.
    package var titleWeight: Int
    /// How much a phrase in a source's keywords (Hugging Face's) counts against one in the abstract.
    package var keywordWeight: Int
    /// The smallest score that files a paper under a topic.
    package var minimumScore: Int
    /// A topic must also reach this percentage of the paper's best topic's score: a paper
    /// about one thing that mentions another in passing is filed under the first only.
    package var relativeScore: Int
    /// How many matches of one phrase count in an abstract: past that, repetition is not news.
    package var repeatLimit: Int
    /// At most this many topics per paper (docs/content-format.md: three).
    package var maximumTopics: Int

    /// The topic of papers that match no rule.
    package static let otherSlug = "other"
    package static let otherName = "Other"

    package init(
        topics: [Topic], titleWeight: Int = 3, keywordWeight: Int = 2, minimumScore: Int = 2, relativeScore: Int = 0,
        repeatLimit: Int = 3, maximumTopics: Int = 3
    ) {
        self.topics = topics
        self.titleWeight = titleWeight
        self.keywordWeight = keywordWeight
        self.minimumScore = minimumScore
        self.relativeScore = relativeScore
        self.repeatLimit = repeatLimit
        self.maximumTopics = maximumTopics
    }

    /// The score `topic` needs before the relative threshold.
    package func minimumScore(of topic: Int) -> Int {
        topics[topic].minimumScore ?? minimumScore
    }

    /// The percentage of the paper's best score `topic` needs.
    package func relativeScore(of topic: Int) -> Int {
        topics[topic].relativeScore ?? relativeScore
    }
}
