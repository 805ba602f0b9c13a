import ArgumentParser
import Foundation
import PaperboyContent
import PaperboyCore
import PaperboyMarkdown
import PaperboySite

/// `paperboy topics`: tools for the person who edits `topics.yml`.
struct Topics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain and measure the topic rules of topics.yml.",
        subcommands: [Explain.self, Eval.self]
    )

    /// Loads Content (every file parsed, nothing cached or written) and its rules.
    static func load(_ content: String) throws -> Archive {
        let loaded = ContentLoader(content: content).load()
        if !loaded.diagnostics.isEmpty { throw DiagnosticList(loaded.diagnostics) }
        guard let archive = loaded.archive else { throw Diagnostic(file: content, "cannot read site.yml or topics.yml") }
        return archive
    }

    /// A paper's abstract as the build classifies it: rendered, then as plain text.
    static func plainText(_ paper: LoadedPaper, _ markdown: MarkdownRenderer) -> String {
        markdown.render(paper.abstract?.string ?? "").plainText
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show every topic's score for one paper, the phrases that matched, and why each topic was or was not assigned.")

        @Argument(help: "The paper's slug (its file name in Content/papers without .md).")
        var slug: String

        @Option(help: "The Content folder.")
        var content: String = "Content"

        func run() throws {
            let archive = try Topics.load(content)
            guard let paper = archive.papers[slug] else {
                throw Diagnostic(file: content + "/papers", "no paper `\(slug)` (name a file of this folder without .md)")
            }
            let classifier = TopicClassifier(taxonomy: archive.taxonomy)
            let text = Topics.plainText(paper, MarkdownRenderer())
            let evidence = classifier.evidence(title: paper.title, text: text, metadata: paper.metadata)
            print(
                TopicExplanation(
                    taxonomy: archive.taxonomy, evidence: evidence, title: paper.title, ownTopics: paper.topics,
                    final: classifier.topics(for: paper, plainText: text)
                ).text, terminator: "")
        }
    }

    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure the rules against papers labelled by hand.",
            discussion: """
                LABELS is JSON: {"papers": [{"title": ..., "primary": [topics], "acceptable": [topics]}, ...]}, \
                papers found in Content by their title. Prints precision (assigned topics that are acceptable), \
                coverage (papers with a primary topic among theirs), the share in `other` and the largest topic \
                over all of Content, and per topic the papers wrongly assigned and those missed.
                """)

        @Argument(help: "The labels file (JSON).")
        var labels: String

        @Option(help: "The Content folder.")
        var content: String = "Content"

        func run() throws {
            let labels = try Self.readLabels(labels)
            let archive = try Topics.load(content)
            let markdown = MarkdownRenderer()
            let evaluation = TopicEvaluation(labels: labels, archive: archive) { Topics.plainText($0, markdown) }
            print(TopicEvaluationReport(evaluation: evaluation, taxonomy: archive.taxonomy, content: content).text, terminator: "")
        }

        struct File: Decodable {
            struct Paper: Decodable {
                var index: Int?
                var title: String
                var primary: [String]
                var acceptable: [String]
            }
            var papers: [Paper]
        }

        static func readLabels(_ path: String) throws -> [TopicLabel] {
            let bytes: [UInt8]
            do { bytes = try FileIO.read(path) } catch { throw Diagnostic(file: path, "cannot read the labels file: \(error)") }
            do {
                let file = try JSONDecoder().decode(File.self, from: Data(bytes))
                return file.papers.map {
                    TopicLabel(index: $0.index, title: $0.title, primary: $0.primary, acceptable: Array(Set($0.acceptable + $0.primary)))
                }
            } catch {
                throw Diagnostic(
                    file: path, "not a labels file ({\"papers\": [{\"title\", \"primary\", \"acceptable\"}, ...]}): \(error)")
            }
        }
    }
}
