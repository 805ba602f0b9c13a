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
    /// Its related papers, best first.
    let related: [RelatedLink]

    /// A related paper, as the page links it: its title and first day.
    struct RelatedLink: Sendable {
        let paper: PaperModel
    }

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
        for link in related { digest.add(link.paper.linkDigest) }
    }
}
