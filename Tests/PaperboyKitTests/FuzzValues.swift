import Foundation
@testable import PaperboyContent
@testable import PaperboyCore
import TestSupport

/// Values written with the project's writers and read back: the YAML subset (a tree of
/// scalars, lists and mappings written with ``YAMLWriter``), site.yml, topics.yml and paper
/// front matter. The same writers re-serialize what a reader accepted from a mutated document,
/// so the values accepted are checked to be the ones the text holds (they read back the same).
enum FuzzValues {
    // MARK: Writers (test side, over YAMLWriter's scalars)

    /// `node` as block YAML at `indent`, every scalar and key double-quoted by ``YAMLWriter``.
    static func yaml(_ node: YAMLNode, indent: Int = 0) -> String {
        let pad = String(repeating: " ", count: indent)
        switch node {
        case let .scalar(value, _):
            return pad + YAMLWriter.quoted(value) + "\n"
        case let .sequence(items, _):
            if items.isEmpty { return pad + "[]\n" }
            return items.map { item -> String in
                if case let .scalar(value, _) = item { return pad + "- " + YAMLWriter.quoted(value) + "\n" }
                if case let .sequence(inner, _) = item, inner.isEmpty { return pad + "- []\n" }
                return pad + "-\n" + yaml(item, indent: indent + 2)
            }.joined()
        case let .mapping(pairs, _):
            return pairs.map { pair -> String in
                let key = pad + YAMLWriter.quoted(pair.key) + ":"
                switch pair.value {
                case let .scalar(value, _): return key + " " + YAMLWriter.quoted(value) + "\n"
                case let .sequence(items, _) where items.isEmpty: return key + " []\n"
                case let .mapping(inner, _) where inner.isEmpty: return key + "\n"  // cannot be written; never parsed either
                default: return key + "\n" + yaml(pair.value, indent: indent + 2)
                }
            }.joined()
        }
    }

    static func siteYAML(_ site: SiteConfig) -> String {
        "title: \(YAMLWriter.quoted(site.title))\ndescription: \(YAMLWriter.quoted(site.description))\nbase_url: \(YAMLWriter.quoted(site.baseURL))\n"
            + "language: \(YAMLWriter.scalar(site.language))\nauthor: \(YAMLWriter.quoted(site.author))\nfeed_items: \(site.feedItems)\n"
    }

    static func topicsYAML(_ taxonomy: Taxonomy) -> String {
        var text =
            "title_weight: \(taxonomy.titleWeight)\nkeyword_weight: \(taxonomy.keywordWeight)\nminimum_score: \(taxonomy.minimumScore)\n"
            + "relative_score: \(taxonomy.relativeScore)\nrepeat_limit: \(taxonomy.repeatLimit)\nmaximum_topics: \(taxonomy.maximumTopics)\ntopics:"
            + (taxonomy.topics.isEmpty ? " []\n" : "\n")
        // Weight groups in the order they first appear: the generator keeps each weight's phrases together.
        func groups(_ items: [(text: String, weight: Int)], indent: String) -> String {
            var order: [Int] = []
            for item in items where !order.contains(item.weight) { order.append(item.weight) }
            return order.map { weight in
                "\(indent)\(weight):\n"
                    + items.filter { $0.weight == weight }.map { "\(indent)  - \(YAMLWriter.quoted($0.text))\n" }.joined()
            }.joined()
        }
        for topic in taxonomy.topics {
            text += "  - slug: \(topic.slug)\n    name: \(YAMLWriter.quoted(topic.name))\n    phrases:\n"
            text += groups(topic.phrases.filter { !$0.titleOnly }.map { ($0.text, $0.weight) }, indent: "      ")
            let titleOnly = topic.phrases.filter(\.titleOnly)
            if !titleOnly.isEmpty { text += "    title_phrases:\n" + groups(titleOnly.map { ($0.text, $0.weight) }, indent: "      ") }
            if !topic.veto.isEmpty { text += "    veto:\n" + topic.veto.map { "      - \(YAMLWriter.quoted($0))\n" }.joined() }
            if !topic.categories.isEmpty {
                text += "    categories:\n" + groups(topic.categories.map { ($0.code, $0.weight) }, indent: "      ")
            }
            if let minimum = topic.minimumScore { text += "    minimum_score: \(minimum)\n" }
            if let relative = topic.relativeScore { text += "    relative_score: \(relative)\n" }
        }
        return text
    }

    // MARK: Checks of accepted documents

    /// A tree the parser accepted, written again, parses to the same tree.
    static func yamlReadsBack(_ node: YAMLNode, file: String) throws(Diagnostic) -> String? {
        if case let .mapping(pairs, _) = node,
            pairs.contains(where: { if case let .mapping(inner, _) = $0.value { return inner.isEmpty } else { return false } })
        {
            return nil
        }
        let written = yaml(node)
        let again = try YAMLParser.parse(Substring(written), file: file)
        return again == node
            ? nil : "an accepted YAML tree does not read back from its own writing: \(node) became \(again) via \(written.debugDescription)"
    }

    // MARK: Generated values

    /// A text from the fuzz tokens and random scalars: quotes, escapes, marks, controls, line breaks.
    static func text(_ random: inout SplitMix64, maxPieces: Int = 6) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...maxPieces, using: &random) {
            switch Int.random(in: 0..<4, using: &random) {
            case 0:
                let ranges: [ClosedRange<UInt32>] = [
                    0...0x7F, 0x80...0x7FF, 0x300...0x36F, 0x600...0x605, 0x800...0xD7FF, 0xE000...0xFFFF, 0x10000...0x10FFFF,
                ]
                if let scalar = Unicode.Scalar(UInt32.random(in: ranges.randomElement(using: &random)!, using: &random)) {
                    text.unicodeScalars.append(scalar)
                }
            case 1:
                text += [
                    "a", "Title", " ", "  ", "é", "数学", "'", "\"", "\\", "#", ": ", "- ", "[", "]", "{", "---", "&", "*", "!", "|", ">",
                    "%",
                ].randomElement(using: &random)!
            default: text += Fuzz.tokens.randomElement(using: &random)!
            }
        }
        return text
    }

    static func slug(_ random: inout SplitMix64) -> String {
        let words = (0..<Int.random(in: 1...3, using: &random)).map { _ in
            String(
                (0..<Int.random(in: 1...6, using: &random)).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement(using: &random)!
                })
        }
        return words.joined(separator: "-")
    }

    static func yamlNode(_ random: inout SplitMix64, depth: Int = 0) -> YAMLNode {
        switch depth >= 4 ? 0 : Int.random(in: 0..<3, using: &random) {
        case 0: return .scalar(text(&random), line: 0)
        case 1: return .sequence((0..<Int.random(in: 0...4, using: &random)).map { _ in yamlNode(&random, depth: depth + 1) }, line: 0)
        default: return mapping(&random, depth: depth)
        }
    }

    static func mapping(_ random: inout SplitMix64, depth: Int) -> YAMLNode {
        var pairs: [(key: String, value: YAMLNode)] = []
        var keys = Set<String>()
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let key = Bool.random(using: &random) ? slug(&random) : text(&random, maxPieces: 3)
            guard keys.insert(key).inserted else { continue }
            pairs.append((key, yamlNode(&random, depth: depth + 1)))
        }
        return .mapping(pairs, line: 0)
    }

    static func site(_ random: inout SplitMix64) -> SiteConfig {
        SiteConfig(
            title: text(&random), description: text(&random),
            baseURL: ["https://example.org/", "http://a.b.example:8080/x/y/", "https://user.github.io/archive/", "https://x.org/a%20b/"]
                .randomElement(using: &random)!,
            language: ["en", "en-GB", "zh-Hant-TW", "x-1"].randomElement(using: &random)!, author: text(&random),
            feedItems: Int.random(in: 1...10_000, using: &random))
    }

    static func taxonomy(_ random: inout SplitMix64) -> Taxonomy {
        var slugs = Set<String>([Taxonomy.otherSlug])
        var topics: [Taxonomy.Topic] = []
        // Phrases of one weight stay together (topics.yml groups them under the weight), and
        // title-only phrases come last, as the parser reads them.
        func phrases(_ random: inout SplitMix64, titleOnly: Bool, lowest: Int = 0) -> [Taxonomy.Phrase] {
            (0..<Int.random(in: titleOnly ? 0...2 : 1...3, using: &random)).flatMap { group in
                // Distinct per group (each is `group` modulo 4), within 0...99.
                let weight = lowest + Int.random(in: 0...24, using: &random) * 4 + group
                return (0..<Int.random(in: 1...2, using: &random)).map { _ in
                    Taxonomy.Phrase(text(&random, maxPieces: 3), weight: weight, titleOnly: titleOnly)
                }
            }
        }
        for _ in 0..<Int.random(in: 0...5, using: &random) {
            let slug = slug(&random)
            guard slugs.insert(slug).inserted else { continue }
            var name = text(&random)
            if name.isEmpty { name = "N" }
            topics.append(
                .init(
                    slug: slug, name: name,
                    phrases: phrases(&random, titleOnly: false) + phrases(&random, titleOnly: true),
                    veto: (0..<Int.random(in: 0...2, using: &random)).map { _ in text(&random, maxPieces: 2) },
                    categories: phrases(&random, titleOnly: true, lowest: 1).map { .init($0.text, weight: $0.weight) },
                    minimumScore: Bool.random(using: &random) ? Int.random(in: 1...1000, using: &random) : nil,
                    relativeScore: Bool.random(using: &random) ? Int.random(in: 0...100, using: &random) : nil))
        }
        return Taxonomy(
            topics: topics, titleWeight: Int.random(in: 1...100, using: &random), keywordWeight: Int.random(in: 0...100, using: &random),
            minimumScore: Int.random(in: 1...1000, using: &random), relativeScore: Int.random(in: 0...100, using: &random),
            repeatLimit: Int.random(in: 1...100, using: &random), maximumTopics: Int.random(in: 1...3, using: &random))
    }

    static func paper(_ random: inout SplitMix64) -> Paper {
        var title = text(&random)
        if title.isEmpty { title = "T" }
        let arxiv = PaperIdentity.normalizedArxiv(
            Bool.random(using: &random) ? "2502.\(Int.random(in: 10000...99999, using: &random))" : text(&random, maxPieces: 2))
        let summary = text(&random)
        var abstract = text(&random, maxPieces: 12)
        if !abstract.isEmpty, abstract.utf8.last != 0x0A { abstract += "\n" }
        return Paper(
            slug: slug(&random), title: title,
            firstSeen: CalendarDate(
                year: Int.random(in: 1990...2100, using: &random), month: Int.random(in: 1...12, using: &random),
                day: Int.random(in: 1...28, using: &random))!,
            arxiv: arxiv.isEmpty ? nil : arxiv,
            authors: (0..<Int.random(in: 0...3, using: &random)).map { _ in text(&random, maxPieces: 3) },
            code: (0..<Int.random(in: 0...2, using: &random)).map { _ in text(&random, maxPieces: 3) },
            summary: summary.isEmpty ? nil : summary,
            topics: (0..<Int.random(in: 0...3, using: &random)).map { _ in slug(&random) }, abstract: abstract)
    }

    enum Kind: String, CaseIterable, Sendable { case yaml, site, topics, paper }

    /// Generates value `index` of `kind` from `seed`, writes it, reads it back; the problem, and the text written.
    static func check(_ kind: Kind, seed: UInt64, index: Int) -> (problem: String?, written: String) {
        var mixer = SplitMix64(
            seed: seed ^ (UInt64(Kind.allCases.firstIndex(of: kind)! + 16) << 48) ^ (UInt64(index) &* 0x2545_F491_4F6C_DD1D))
        var random = SplitMix64(seed: mixer.next())
        var written = ""
        do throws(Diagnostic) {
            switch kind {
            case .yaml:
                let node = mapping(&random, depth: 0)
                written = yaml(node)
                let read = try YAMLParser.parse(Substring(written), file: "f.yml")
                return (read == node ? nil : "\(node) read back as \(read)", written)
            case .site:
                let site = site(&random)
                written = siteYAML(site)
                let read = try SiteConfig(yaml: written, file: "site.yml")
                return (read == site ? nil : "\(site) read back as \(read)", written)
            case .topics:
                let taxonomy = taxonomy(&random)
                written = topicsYAML(taxonomy)
                let read = try Taxonomy(yaml: written, file: "topics.yml")
                return (read == taxonomy ? nil : "\(taxonomy) read back as \(read)", written)
            case .paper:
                let paper = paper(&random)
                written = paper.fileText
                let read = try Paper(fileText: written, file: "p.md")
                return (read == paper ? nil : "\(paper) read back as \(read)", written)
            }
        } catch {
            return ("refused what the writer wrote: \(error)", written)
        }
    }
}
