import Foundation
import PaperboyCore

/// Permalink names: ASCII-folded, lower case, dashes, at most 80 characters.
package enum Slug {
    package static let maximumLength = 80

    /// The slug for a title: `TÜLU 3` -> `tulu-3`.
    ///
    /// A title with no letters or digits at all (only emoji or punctuation) gets
    /// `paper-<suffix>` so it still has a valid, stable slug.
    package static func make(from title: String) -> String {
        var slug = ""
        slug.reserveCapacity(title.utf8.count)
        var pendingDash = false
        for character in asciiFolded(title) {
            let byte = character.asciiValue ?? 0
            if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.append(character)
            } else if byte >= 0x41 && byte <= 0x5A {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.append(Character(Unicode.Scalar(byte + 32)))
            } else {
                pendingDash = true
            }
        }
        if slug.isEmpty { return "paper-" + suffix(for: title) }
        return truncated(slug)
    }

    /// Cuts at the last `-` within the limit, so words stay whole.
    static func truncated(_ slug: String, limit: Int = maximumLength) -> String {
        guard slug.utf8.count > limit else { return slug }
        let prefix = slug.prefix(limit + 1)
        if let dash = prefix.lastIndex(of: "-"), dash > prefix.startIndex {
            return String(prefix[..<dash])
        }
        return String(slug.prefix(limit))
    }

    /// A slug with a stable suffix derived from the title, for when another paper owns the plain one.
    /// `attempt` > 0 lengthens the suffix in the (astronomically rare) case that it collides too.
    package static func disambiguated(_ slug: String, title: String, attempt: Int = 0) -> String {
        let tail = suffix(for: title, length: 6 + attempt)
        return truncated(slug, limit: maximumLength - tail.count - 1) + "-" + tail
    }

    /// Base-36 digits of the FNV-1a hash of the normalized title: the same on every machine.
    static func suffix(for title: String, length: Int = 6) -> String {
        var hash = FNV1a.hash(PaperIdentity.normalizedTitle(title).utf8)
        let digits = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        var result = ""
        for _ in 0..<length {
            result.append(digits[Int(hash % 36)])
            hash /= 36
            if hash == 0 { hash = 0x9e37_79b9_7f4a_7c15 }  // keep going for long suffixes
        }
        return result
    }

    /// Whether `text` is a well-formed slug (also used for topic slugs).
    package static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 120, text.first != "-", text.last != "-" else { return false }
        var previousDash = false
        for byte in text.utf8 {
            let isDash = byte == 0x2D
            guard isDash || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) else { return false }
            if isDash && previousDash { return false }
            previousDash = isDash
        }
        return true
    }

    /// Latin text reduced to ASCII: accents dropped, ligatures and special letters spelled out.
    static func asciiFolded(_ text: String) -> String {
        var result = ""
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars {
            if scalar.isASCII {
                result.unicodeScalars.append(scalar)
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else if let spelled = spelledOut[scalar] {
                result += spelled
            } else {
                result += " "
            }
        }
        return result
    }

    static let spelledOut: [Unicode.Scalar: String] = [
        "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
        "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ł": "l", "Ł": "l", "ı": "i", "ħ": "h", "Ħ": "h", "ŋ": "n",
        "Ŋ": "n", "ĸ": "k", "ſ": "s",
    ]
}
