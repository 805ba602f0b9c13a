/// What text may reach a page or a feed: characters both XML 1.0 and HTML accept.
///
/// Ingest removes anything else from feeds (with a warning); Content edited by hand is
/// checked with the same rule, so `check` catches what would make a page invalid.
public enum TextPolicy {
    /// The first scalar of `text` that XML or HTML forbids; line breaks and tabs are allowed
    /// where `multiline` is true.
    public static func forbiddenScalar(in text: String, multiline: Bool) -> Unicode.Scalar? {
        for scalar in text.unicodeScalars {
            if multiline, scalar == "\n" || scalar == "\r" { continue }
            if !FeedDecoding.isXMLCharacter(scalar) || !FeedDecoding.isHTMLCharacter(scalar) { return scalar }
        }
        return nil
    }

    /// `U+0001`, for messages.
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
