import Foundation

/// What makes two feed entries the same paper: the arXiv id when known, else the normalized title.
package struct PaperIdentity: Hashable, Sendable {
    /// The arXiv id without version, when known.
    package var arxiv: String?
    /// Unicode NFKC, case-folded, white space collapsed.
    package var normalizedTitle: String

    package init(title: String, arxiv: String?) {
        self.arxiv = arxiv.map(PaperIdentity.normalizedArxiv).flatMap { $0.isEmpty ? nil : $0 }
        self.normalizedTitle = PaperIdentity.normalizedTitle(title)
    }

    /// NFKC, case-folded, white space runs collapsed to one space, trimmed.
    package static func normalizedTitle(_ title: String) -> String {
        if let ascii = asciiNormalizedTitle(title) { return ascii }
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

    /// The same normalization for plain ASCII titles (most of them), byte by byte:
    /// NFKC and case folding reduce to lower-casing there. Nil when the title is not ASCII.
    static func asciiNormalizedTitle(_ title: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(title.utf8.count)
        var pendingSpace = false
        for byte in title.utf8 {
            guard byte < 0x80 else { return nil }
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                pendingSpace = !bytes.isEmpty
            } else {
                if pendingSpace { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a version-free id is an arXiv id: new style `2502.12345` (four or five digits
    /// after the dot), old style `hep-th/9901001` or `math.AG/0601001`.
    package static func isArxivID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        func digits(_ slice: ArraySlice<UInt8>) -> Bool { slice.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        if let dot = bytes.firstIndex(of: UInt8(ascii: ".")), dot == 4, digits(bytes[..<dot]), !bytes.contains(UInt8(ascii: "/")) {
            let tail = bytes[(dot + 1)...]
            return (tail.count == 4 || tail.count == 5) && digits(tail)
        }
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")), slash > 0, bytes.count - slash - 1 == 7,
            digits(bytes[(slash + 1)...])
        else { return false }
        let archive = bytes[..<slash].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard archive.count <= 2, let name = archive.first, !name.isEmpty,
            name.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || $0 == UInt8(ascii: "-") })
        else { return false }
        if archive.count == 2 {
            let subject = archive[1]
            return subject.count == 2 && subject.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
        }
        return true
    }

    /// `arXiv:2502.12345v2` -> `2502.12345`.
    package static func normalizedArxiv(_ id: String) -> String {
        var text = Substring(id.trimmingCharacters(in: .whitespaces))
        // Until nothing changes, so that normalizing twice gives the same id (a file must read back
        // as written): spaces after `arXiv:` or before the version (`arXiv: 2502.12345 v2`) used to
        // stay in the id and give the same paper a second identity.
        while true {
            if text.lowercased().hasPrefix("arxiv:") {
                text = Substring(text.dropFirst(6).trimmingCharacters(in: .whitespaces))
            } else if let v = text.lastIndex(of: "v"), v > text.startIndex, text.index(after: v) < text.endIndex,
                text[text.index(after: v)...].allSatisfy(\.isNumber)
            {
                text = Substring(text[..<v].trimmingCharacters(in: .whitespaces))
            } else {
                return String(text)
            }
        }
    }
}
