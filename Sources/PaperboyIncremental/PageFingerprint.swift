import PaperboyCore
import PaperboyRender
import PaperboySite

/// Page fingerprints: a digest of everything a page is rendered from, taken from the model
/// without building the page's template context.
///
/// An incremental build renders only pages whose fingerprint moved (see ``OutputManifest``),
/// so each function here must cover every model value its page's context reads in
/// ``PageRenderer``: when a context gains a value, its fingerprint gains it too. The suite
/// checks that an incremental build equals a clean one. The index, the archive, the topics
/// index and 404 read across the whole archive and are cheap: they are always rendered.
extension PageRenderer {
    /// The page's fingerprint, or nil for pages that are always rendered; `sitePath` is the
    /// page's ``Page/sitePath(in:)`` when known.
    package func fingerprint(_ page: Page, sitePath: String? = nil) -> UInt64? {
        var digest = Digest()
        digest.add(baseDigest)
        digest.add(sitePath ?? page.sitePath(in: model))
        switch page {
        case .index, .daysArchive, .topicsIndex, .notFound:
            return nil
        case let .day(index):
            let day = model.days[index]
            digest.add(day.date)
            digest.add(day.noteHTML)
            digest.add(day.papers.count)
            for paper in listed.days[index] { digest.add(paper.cardDigest) }
            digest.add(index > 0 ? model.days[index - 1].date : nil)
            digest.add(index + 1 < model.days.count ? model.days[index + 1].date : nil)
        case let .topic(index, number):
            let topic = model.topics[index]
            let archivePages = TopicPagination.archivePageCount(topic.papers.count)
            digest.add(topic.slug)
            digest.add(number)
            if number == 0 {
                digest.add(topic.papers.count)
            } else {
                // An archive page shows only where its newer neighbour is, not the topic's size.
                digest.add(number < archivePages)
            }
            for paper in listed.topics[index][TopicPagination.range(page: number, of: topic.papers.count)] {
                digest.add(paper.cardDigest)
            }
        case let .paper(index):
            let paper = model.newestFirst[index]
            digest.add(paper.contentDigest)
            digest.add(dayDates[paper.paper.firstSeen] != nil)
            digest.add(paper.appearances.count)
            for appearance in paper.appearances {
                digest.add(appearance.date)
                digest.add(appearance.rank)
            }
        }
        return digest.value
    }
}
