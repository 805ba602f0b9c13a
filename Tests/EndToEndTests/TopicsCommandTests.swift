import Foundation
import Testing

/// `paperboy topics eval` and `explain` on a copy of the bundled Content: the bundled rules hold
/// the targets of issue 18 on the hand-labelled development set.
@Suite("paperboy topics")
struct TopicsCommandTests {
    static let labels = SiteFixture.repositoryRoot.appendingPathComponent("Tests/Fixtures/topics/dev-labels.json").path

    /// The `name: number` at the start of a line of the report (`precision: 0.946 (...)`, `other: 2.1% ...`).
    func number(_ name: String, in report: String) -> Double? {
        guard let line = report.split(separator: "\n").first(where: { $0.hasPrefix(name + ": ") }) else { return nil }
        let words = line.dropFirst(name.count + 2).split(separator: " ")
        guard let first = words.first else { return nil }
        // `largest topic: SLUG 46.6% of all papers`: the share follows the slug.
        let value = first.last == "%" || Double(first) != nil ? first : words.dropFirst().first ?? ""
        return Double(value.hasSuffix("%") ? value.dropLast() : value)
    }

    @Test("eval on the development set: precision >= 0.90, coverage >= 0.85, other <= 10%, no topic over 50%")
    func evalHoldsTheTargets() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let result = try CommandResult.run(CommandResult.paperboy, ["topics", "eval", Self.labels, "--content", site.content])
        #expect(result.status == 0, "\(result.stderr)")
        let report = result.stdout
        print(report.split(separator: "\n").prefix(5).joined(separator: "\n"))
        #expect(report.hasPrefix("labelled papers: 80 found in \(site.content), 0 not found\n"), "\(report.prefix(200))")
        let precision = try #require(number("precision", in: report), "\(report.prefix(400))")
        let coverage = try #require(number("coverage", in: report))
        let other = try #require(number("other", in: report))
        let largest = try #require(number("largest topic", in: report))
        #expect(precision >= 0.90)
        #expect(coverage >= 0.85)
        #expect(other <= 10)
        #expect(largest <= 50)
        // Every topic is reported, with the labelled papers it got wrong.
        #expect(report.contains("\nlanguage-models: "))
        #expect(report.contains("\nother: "))
    }

    @Test("eval reports labels it cannot find, and refuses a file that is not labels")
    func evalEdges() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let labels = site.folder.appendingPathComponent("labels.json").path
        try Data(
            """
            {"papers": [
              {"index": 0, "title": "LanPaint: Training-Free Diffusion Inpainting with Asymptotically Exact and Fast Conditional Sampling",
               "primary": ["diffusion"], "acceptable": ["vision"]},
              {"title": "A Paper That Is Not There", "primary": ["vision"], "acceptable": []}
            ]}
            """.utf8
        ).write(to: URL(fileURLWithPath: labels))
        let result = try CommandResult.run(CommandResult.paperboy, ["topics", "eval", labels, "--content", site.content])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("labelled papers: 1 found in \(site.content), 1 not found\n"))
        #expect(result.stdout.contains("not found: A Paper That Is Not There\n"))
        #expect(number("coverage", in: result.stdout) == 1)

        try Data("[1, 2]".utf8).write(to: URL(fileURLWithPath: labels))
        let refused = try CommandResult.run(CommandResult.paperboy, ["topics", "eval", labels, "--content", site.content])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix(labels + ": not a labels file"), "\(refused.stderr)")
    }

    @Test("explain shows every scored topic, its phrases with place and weight, and the verdict")
    func explain() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let slug = "drop-upcycling-training-sparse-mixture-of-experts-with-partial-re-initialization"
        let result = try CommandResult.run(CommandResult.paperboy, ["topics", "explain", slug, "--content", site.content])
        #expect(result.status == 0, "\(result.stderr)")
        let text = result.stdout
        #expect(
            text.hasPrefix(
                "title: Drop-Upcycling: Training Sparse Mixture of Experts with Partial Re-initialization\ntopics: mixture-of-experts"))
        #expect(text.contains("\nmixture-of-experts  score "))
        #expect(text.contains("  ASSIGNED (#1)\n"))
        #expect(text.contains("    title     \"mixture of experts\"  1 match, weight 4 × title_weight 3 = 12\n"), "\(text)")
        #expect(text.contains("    abstract  \"moe\"  "))
        #expect(text.contains("not assigned: "))
        #expect(text.contains("\nno evidence: "))

        let missing = try CommandResult.run(CommandResult.paperboy, ["topics", "explain", "no-such-paper", "--content", site.content])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no paper `no-such-paper`"))
    }
}
