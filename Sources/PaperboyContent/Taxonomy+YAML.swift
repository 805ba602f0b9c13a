import PaperboyCore

extension Taxonomy {
    /// The keys a topics.yml may hold: any other is a typo that would silently change nothing.
    static let fileKeys: Set<String> = [
        "title_weight", "keyword_weight", "minimum_score", "relative_score", "repeat_limit", "maximum_topics", "topics",
    ]
    static let topicKeys: Set<String> = [
        "slug", "name", "phrases", "title_phrases", "veto", "categories", "minimum_score", "relative_score",
    ]

    package init(yaml text: String, file: String) throws(Diagnostic) {
        let node = try YAMLParser.parse(Substring(text), file: file)
        func number(_ key: String, in node: YAMLNode, default value: Int, range: ClosedRange<Int>) throws(Diagnostic) -> Int {
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
        if case let .mapping(pairs, _) = node, let unknown = pairs.first(where: { !Self.fileKeys.contains($0.key) }) {
            throw Diagnostic(
                file: file, line: unknown.value.line,
                "unknown key `\(unknown.key)` (known: \(Self.fileKeys.sorted().map { "`\($0)`" }.joined(separator: ", ")))")
        }
        var topics: [Topic] = []
        var seen = Set<String>()
        for item in items {
            guard case let .mapping(pairs, _) = item else {
                throw Diagnostic(file: file, line: item.line, "each topic needs `slug`, `name` and `phrases`")
            }
            guard let slug = item["slug"]?.string, Slug.isValid(slug) else {
                throw Diagnostic(file: file, line: item["slug"]?.line ?? item.line, "each topic needs a `slug` of a-z, 0-9 and dashes")
            }
            guard slug != Self.otherSlug else {
                throw Diagnostic(file: file, line: item.line, "`other` is reserved for papers that match no topic")
            }
            guard seen.insert(slug).inserted else { throw Diagnostic(file: file, line: item.line, "topic `\(slug)` is defined twice") }
            if let unknown = pairs.first(where: { !Self.topicKeys.contains($0.key) }) {
                throw Diagnostic(
                    file: file, line: unknown.value.line,
                    "topic `\(slug)`: unknown key `\(unknown.key)` (known: \(Self.topicKeys.sorted().map { "`\($0)`" }.joined(separator: ", ")))"
                )
            }
            guard let name = item["name"]?.string, !name.isEmpty else {
                throw Diagnostic(file: file, line: item.line, "topic `\(slug)` needs a `name`")
            }
            guard let field = item["phrases"] else {
                throw Diagnostic(file: file, line: item.line, "topic `\(slug)` needs `phrases`, a list of texts")
            }
            var phrases = try Self.weighted(field, key: "phrases", slug: slug, file: file, weights: 0...100).map {
                Phrase($0.text, weight: $0.weight)
            }
            guard !phrases.isEmpty else {
                throw Diagnostic(file: file, line: field.line, "topic `\(slug)` needs `phrases`, a list of texts")
            }
            if let field = item["title_phrases"] {
                phrases += try Self.weighted(field, key: "title_phrases", slug: slug, file: file, weights: 0...100).map {
                    Phrase($0.text, weight: $0.weight, titleOnly: true)
                }
            }
            var veto: [String] = []
            if let field = item["veto"] {
                guard let list = field.strings else {
                    throw Diagnostic(file: file, line: field.line, "topic `\(slug)`: `veto` must be a list of phrases")
                }
                veto = list
            }
            var categories: [Category] = []
            if let field = item["categories"] {
                categories = try Self.weighted(field, key: "categories", slug: slug, file: file, weights: 1...100, plain: 4).map {
                    Category($0.text, weight: $0.weight)
                }
            }
            var minimum: Int?
            if item["minimum_score"] != nil { minimum = try number("minimum_score", in: item, default: 1, range: 1...1000) }
            var relative: Int?
            if item["relative_score"] != nil { relative = try number("relative_score", in: item, default: 0, range: 0...100) }
            topics.append(
                Topic(
                    slug: slug, name: name, phrases: phrases, veto: veto, categories: categories, minimumScore: minimum,
                    relativeScore: relative))
        }
        self.init(
            topics: topics, titleWeight: try number("title_weight", in: node, default: 3, range: 1...100),
            keywordWeight: try number("keyword_weight", in: node, default: 2, range: 0...100),
            minimumScore: try number("minimum_score", in: node, default: 2, range: 1...1000),
            relativeScore: try number("relative_score", in: node, default: 0, range: 0...100),
            repeatLimit: try number("repeat_limit", in: node, default: 3, range: 1...100),
            maximumTopics: try number("maximum_topics", in: node, default: 3, range: 1...3))
    }

    /// A list of texts that all weigh `plain`, or a mapping of weights to lists:
    ///
    ///     phrases: [diffusion, denoising]         # each weighs 1
    ///     phrases:
    ///       4: [mixture of experts, moe]
    ///       1: [experts]
    static func weighted(
        _ node: YAMLNode, key: String, slug: String, file: String, weights: ClosedRange<Int>, plain: Int = 1
    ) throws(Diagnostic) -> [(text: String, weight: Int)] {
        let form = "a list, or lines `WEIGHT: [...]` with a whole number from \(weights.lowerBound) to \(weights.upperBound)"
        switch node {
        case .scalar, .sequence:
            guard let list = node.strings else {
                throw Diagnostic(file: file, line: node.line, "topic `\(slug)`: `\(key)` must be \(form)")
            }
            return list.map { ($0, plain) }
        case let .mapping(pairs, _):
            var result: [(text: String, weight: Int)] = []
            for pair in pairs {
                guard let weight = Int(pair.key, radix: 10), weights.contains(weight) else {
                    throw Diagnostic(file: file, line: pair.value.line, "topic `\(slug)`: `\(key)` must be \(form), not `\(pair.key)`")
                }
                guard let list = pair.value.strings else {
                    throw Diagnostic(file: file, line: pair.value.line, "topic `\(slug)`: `\(key)` weight \(weight) needs a list of texts")
                }
                result += list.map { ($0, weight) }
            }
            return result
        }
    }
}
