/// What text may reach a page or a feed: characters both XML 1.0 and HTML accept.
///
/// Ingest removes anything else from feeds (with a warning); Content edited by hand is
/// checked with the same rule, so `check` catches what would make a page invalid.
package enum TextPolicy {
    /// The first scalar of `text` that XML or HTML forbids; line breaks and tabs are allowed
    /// where `multiline` is true.
    package static func forbiddenScalar(in text: String, multiline: Bool) -> Unicode.Scalar? {
        // ASCII (most of an abstract) a byte at a time, then scalar by scalar from the first
        // other byte: every abstract of an archive is checked when it is parsed.
        var asciiCount = 0
        let asciiForbidden: UInt8? =
            text.utf8.withContiguousStorageIfAvailable { bytes in
                for byte in bytes {
                    guard byte < 0x80 else { return nil }
                    if byte < 0x20 || byte == 0x7F, byte != 0x09, !(multiline && (byte == 0x0A || byte == 0x0D)) { return byte }
                    asciiCount += 1
                }
                return nil
            } ?? nil
        if let asciiForbidden { return Unicode.Scalar(asciiForbidden) }
        let rest = text.unicodeScalars[text.utf8.index(text.startIndex, offsetBy: asciiCount)...]
        for scalar in rest {
            if multiline, scalar == "\n" || scalar == "\r" { continue }
            if !FeedDecoding.isXMLCharacter(scalar) || !FeedDecoding.isHTMLCharacter(scalar) { return scalar }
        }
        return nil
    }

    /// `U+0001`, for messages.
    package static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
