import PaperboyCore
import PaperboyRender
import PaperboySite

/// Page fingerprints: the digest of everything a page is rendered from, without building its
/// template context.
///
/// An incremental build renders only pages whose fingerprint moved (see `OutputManifest`). A
/// day, topic or paper page's context is made only from its ``PageInputs`` (and what all pages
/// share, in ``PageRenderer/baseDigest``), and its fingerprint is the digest of those same
/// inputs, so no value reaches a page without entering its fingerprint. The index, the
/// archive, the topics index and 404 read across the whole archive and are cheap: they are
/// always rendered.
extension PageRenderer {
    /// The page's fingerprint, or nil for pages that are always rendered; `sitePath` is the
    /// page's ``Page/sitePath(in:)`` when known.
    package func fingerprint(_ page: Page, sitePath: String? = nil) -> UInt64? {
        switch page {
        case .index, .daysArchive, .topicsIndex, .feedsIndex, .search, .notFound: nil
        case let .day(index): fingerprint(dayInputs(index), page, sitePath)
        case let .topic(index, number): fingerprint(topicInputs(index, page: number), page, sitePath)
        case let .paper(index): fingerprint(paperInputs(index), page, sitePath)
        }
    }

    /// What every page's fingerprint starts with (the site's inputs and templates, and the
    /// page's path), then the page's own inputs.
    private func fingerprint(_ inputs: some PageInputs, _ page: Page, _ sitePath: String?) -> UInt64 {
        var digest = Digest()
        digest.add(baseDigest)
        digest.add(sitePath ?? page.sitePath(in: model))
        inputs.digest(into: &digest)
        return digest.value
    }
}
