import PaperboyCore
import PaperboySite

/// What a paper's own page shows: see ``PageInputs``.
package struct PaperPageInputs: PageInputs {
    /// Its file and the values derived from it.
    let paper: PaperPageSource
    /// Every day it trended, oldest first, with its rank.
    let appearances: [PaperModel.Appearance]
    /// Whether the day it first trended is in the archive (linked), or was replaced away.
    let firstSeenHasDay: Bool
    /// Its related papers, best first: the page links each by its title and first day, which
    /// ``PaperModel/linkDigest`` covers.
    let related: [PaperModel]

    package func digest(into digest: inout Digest) {
        digest.add(paper.contentDigest)
        digest.add(appearances.count)
        for appearance in appearances {
            digest.add(appearance.date)
            digest.add(appearance.rank)
            digest.add(appearance.upvotes ?? -1)
        }
        digest.add(firstSeenHasDay)
        digest.add(related.count)
        for paper in related { digest.add(paper.linkDigest) }
    }
}
