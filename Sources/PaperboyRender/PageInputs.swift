import PaperboyCore

/// Everything a fingerprinted page's context is made from besides what all pages share
/// (``SitePageInputs``, the templates, the page's path).
///
/// The page's context function takes only this value (and caches that are pure functions of
/// it or of the site's inputs), and the page's fingerprint is its ``digest(into:)``: a value
/// cannot reach the page without entering its fingerprint. Each conformance is written in the
/// file that declares the fields, and `PageInputsTests` changes every field in turn.
package protocol PageInputs: Sendable {
    /// Adds every stored field (a paper as the digest kept for what the page shows of it).
    func digest(into digest: inout Digest)
}
