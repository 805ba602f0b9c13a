/// Writes YAML that ``YAMLParser`` reads back to the same values.
///
/// Free text is always double-quoted, so no title can be mistaken for a number, a
/// boolean, a comment or a key.
package enum YAMLWriter {
    /// A double-quoted YAML scalar. Every character that is not plain printable text is escaped.
    ///
    /// The reader works on Characters (grapheme clusters), so a combining mark written right
    /// after the opening quote or an escape would merge with it ("\"\u{301}" is one Character)
    /// and the quote or escape would go unseen; a prepended mark (U+0600...) would swallow the
    /// closing quote. Such scalars are escaped there, so every text reads back as written.
    package static func quoted(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        var afterSyntax = true  // the opening quote, or an escape, was written last
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0xFEFF || scalar.value == 0x2028 || scalar.value == 0x2029
                    || (scalar.value >= 0x300 && (afterSyntax && joinsPrevious(scalar) || joinsNext(scalar)))
                {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    let width = scalar.value > 0xFFFF ? 8 : 4
                    result += (width == 8 ? "\\U" : "\\u") + String(repeating: "0", count: width - hex.count) + hex
                    afterSyntax = true
                } else {
                    result.unicodeScalars.append(scalar)
                    afterSyntax = false
                }
                continue
            }
            afterSyntax = true
        }
        return result + "\""
    }

    /// A scalar that extends the Character before it (combining marks, ZWJ, variation selectors).
    static func joinsPrevious(_ scalar: Unicode.Scalar) -> Bool {
        var pair = "\""
        pair.unicodeScalars.append(scalar)
        return pair.count == 1
    }

    /// A scalar that joins the Character after it (Grapheme_Cluster_Break=Prepend).
    static func joinsNext(_ scalar: Unicode.Scalar) -> Bool {
        var pair = String(Character(scalar))
        pair += "\""
        return pair.count == 1
    }

    /// A plain scalar when it is safely plain (slugs, dates, ids), else quoted.
    static func scalar(_ text: String) -> String {
        let safe =
            !text.isEmpty
            && text.utf8.allSatisfy { byte in
                (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2E
                    || byte == 0x5F || (byte >= 0x41 && byte <= 0x5A)
            } && text.first != "-" && text.first != "."
        return safe ? text : quoted(text)
    }
}
