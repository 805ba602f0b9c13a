import Foundation
import Testing

extension SiteFixture {
    static let citedSlug = "drop-upcycling-cited"

    /// Adds a paper with every field a source can fill (and a title that tries to end the page's
    /// JSON-LD) as the first of the bundled day, with upvotes for it and the next paper, so the
    /// validators see the citation markup, the links and the cards' authors and upvotes.
    func addCitedPaper() throws {
        let paper = """
            ---
            title: 'Drop-Upcycling: {Sparse} $\\mathcal{O}(n)$ Experts </script><script>alert(1)</script> & more'
            slug: \(Self.citedSlug)
            first_seen: 2026-11-26
            arxiv: 2502.19261
            published: 2025-02-26
            authors: ["Taishi Nakamura", "Takuya Akiba", "Kazuki Fujii", "Yusuke Oda", "Rio Yokota", "Jun Suzuki"]
            code:
              - "https://github.com/Taishi-N324/Drop-Upcycling"
            code_stars: 120
            project: "https://lab.example/drop-upcycling?a=1&b=2"
            keywords: [mixture of experts, upcycling]
            categories: [cs.LG, cs.AI]
            ---
            We upcycle a dense model into a mixture of experts, re-initializing part of each expert.

            """
        try paper.write(toFile: content + "/papers/\(Self.citedSlug).md", atomically: true, encoding: .utf8)
        try Self.edit(content + "/days/2026-11-26.md") { day in
            let listed = day.replacingOccurrences(of: "papers:\n", with: "papers:\n  - \(Self.citedSlug)\n")
            let end = listed.range(of: "\n---\n", range: listed.index(after: listed.startIndex)..<listed.endIndex)!
            return listed.replacingCharacters(
                in: end,
                with: "\nupvotes:\n  \(Self.citedSlug): 42\n"
                    + "  lanpaint-training-free-diffusion-inpainting-with-asymptotically-exact-and-fast: 0\n---\n")
        }
    }
}
