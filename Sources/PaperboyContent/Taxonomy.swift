import PaperboyCore

/// `Content/topics.yml`: the topic rules.
package struct Taxonomy: Sendable, Equatable {
    package struct Topic: Sendable, Equatable {
        package var slug: String
        package var name: String
        /// Phrases matched case-insensitively on word boundaries.
        package var phrases: [String]
        /// This topic's own threshold, for broad topics that need stronger evidence.
        package var minimumScore: Int?

        package init(slug: String, name: String, phrases: [String], minimumScore: Int? = nil) {
            self.slug = slug
            self.name = name
            self.phrases = phrases
            self.minimumScore = minimumScore
        }
    }

    package var topics: [Topic]
    /// How much a phrase in the title counts against one in the abstract.
    package var titleWeight: Int
    /// The smallest score that files a paper under a topic.
    package var minimumScore: Int
    /// At most this many topics per paper (docs/content-format.md: three).
    package var maximumTopics: Int

    /// The topic of papers that match no rule.
    package static let otherSlug = "other"
    package static let otherName = "Other"

    package init(topics: [Topic], titleWeight: Int = 3, minimumScore: Int = 2, maximumTopics: Int = 3) {
        self.topics = topics
        self.titleWeight = titleWeight
        self.minimumScore = minimumScore
        self.maximumTopics = maximumTopics
    }

    package init(yaml text: String, file: String) throws(Diagnostic) {
        let node = try YAMLParser.parse(Substring(text), file: file)
        func number(_ key: String, default value: Int, range: ClosedRange<Int>) throws(Diagnostic) -> Int {
            guard let field = node[key] else { return value }
            guard let number = field.string.flatMap({ Int($0, radix: 10) }), range.contains(number) else {
                throw Diagnostic(
                    file: file, line: field.line, "`\(key)` must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return number
        }
        guard let list = node["topics"] else { throw Diagnostic(file: file, line: 1, "missing `topics`, the list of topic rules") }
        guard case let .sequence(items, _) = list else {
            throw Diagnostic(file: file, line: list.line, "`topics` must be a list of `- slug:` entries")
        }
        var topics: [Topic] = []
        var seen = Set<String>()
        for item in items {
            guard case .mapping = item else {
                throw Diagnostic(file: file, line: item.line, "each topic needs `slug`, `name` and `phrases`")
            }
            guard let slug = item["slug"]?.string, Slug.isValid(slug) else {
                throw Diagnostic(file: file, line: item["slug"]?.line ?? item.line, "each topic needs a `slug` of a-z, 0-9 and dashes")
            }
            guard slug != Self.otherSlug else {
                throw Diagnostic(file: file, line: item.line, "`other` is reserved for papers that match no topic")
            }
            guard seen.insert(slug).inserted else { throw Diagnostic(file: file, line: item.line, "topic `\(slug)` is defined twice") }
            guard let name = item["name"]?.string, !name.isEmpty else {
                throw Diagnostic(file: file, line: item.line, "topic `\(slug)` needs a `name`")
            }
            guard let phrases = item["phrases"]?.strings, !phrases.isEmpty else {
                throw Diagnostic(file: file, line: item["phrases"]?.line ?? item.line, "topic `\(slug)` needs `phrases`, a list of texts")
            }
            var minimum: Int?
            if let field = item["minimum_score"] {
                guard let value = field.string.flatMap({ Int($0, radix: 10) }), (1...1000).contains(value) else {
                    throw Diagnostic(file: file, line: field.line, "`minimum_score` must be a whole number from 1 to 1000")
                }
                minimum = value
            }
            topics.append(Topic(slug: slug, name: name, phrases: phrases, minimumScore: minimum))
        }
        self.init(
            topics: topics, titleWeight: try number("title_weight", default: 3, range: 1...100),
            minimumScore: try number("minimum_score", default: 2, range: 1...1000),
            maximumTopics: try number("maximum_topics", default: 3, range: 1...3))
    }
}
