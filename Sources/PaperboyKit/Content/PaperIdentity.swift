import Foundation

/// What makes two feed entries the same paper: the arXiv id when known, else the normalized title.
public struct PaperIdentity: Hashable, Sendable {
    /// The arXiv id without version, when known.
    public var arxiv: String?
    /// Unicode NFKC, case-folded, white space collapsed.
    public var normalizedTitle: String

    public init(title: String, arxiv: String?) {
        self.arxiv = arxiv.map(PaperIdentity.normalizedArxiv)
        self.normalizedTitle = PaperIdentity.normalizedTitle(title)
    }

    /// NFKC, case-folded, white space runs collapsed to one space, trimmed.
    public static func normalizedTitle(_ title: String) -> String {
        // Case folding, not just lower case: `Straße` and `STRASSE`, `ς` and `σ` are the same.
        // Upper then lower case gives Unicode's full case folding for everything a title holds.
        let folded = title.precomposedStringWithCompatibilityMapping.uppercased().lowercased()
        var result = ""
        result.reserveCapacity(folded.utf8.count)
        var pendingSpace = false
        for character in folded {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return result
    }

    /// `arXiv:2502.12345v2` -> `2502.12345`.
    public static func normalizedArxiv(_ id: String) -> String {
        var text = Substring(id.trimmingCharacters(in: .whitespaces))
        if text.lowercased().hasPrefix("arxiv:") { text = text.dropFirst(6) }
        if let v = text.lastIndex(of: "v"), v > text.startIndex, text[text.index(after: v)...].allSatisfy(\.isNumber),
            text.index(after: v) < text.endIndex
        {
            text = text[..<v]
        }
        return String(text)
    }
}
