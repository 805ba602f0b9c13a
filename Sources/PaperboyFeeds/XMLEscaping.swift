/// Escaping text for XML 1.0 element content and attribute values.
///
/// Feed text comes from untrusted sources, so every string goes through here exactly once:
/// `&`, `<`, `>`, `"` and `'` become references, and characters XML 1.0 cannot carry at all
/// (C0 controls other than tab, line feed and carriage return; U+FFFE; U+FFFF) are removed.
/// CDATA is never used, so `]]>` needs no special care. A carriage return is written as a
/// character reference so that a parser's line-end normalisation cannot change the text;
/// in attributes, tab and line feed are written as references too, for the same reason
/// (attribute-value normalisation would turn them into spaces).
package enum XMLEscaping {
    /// Whether XML 1.0 can carry `scalar`: `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`.
    ///
    /// (A `Unicode.Scalar` is never a surrogate, so the gap at `#xD800-#xDFFF` needs no test.)
    @inlinable
    package static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return value == 0x9 || value == 0xA || value == 0xD }
        return value != 0xFFFE && value != 0xFFFF
    }

    /// `text` without the characters XML 1.0 cannot carry, otherwise unchanged.
    package static func removingDisallowedCharacters(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isAllowed($0) }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where isAllowed(scalar) { scalars.append(scalar) }
        return String(scalars)
    }

    /// `text` escaped for element content: `a < b & "c"` -> `a &lt; b &amp; &quot;c&quot;`.
    package static func escape(_ text: String) -> String {
        var writer = FeedWriter(capacity: text.utf8.count + 16)
        writer.text(text)
        return writer.string
    }

    /// `text` escaped for a double- or single-quoted attribute value.
    package static func escapeAttribute(_ text: String) -> String {
        var writer = FeedWriter(capacity: text.utf8.count + 16)
        writer.attribute(text)
        return writer.string
    }

    /// Appends the UTF-8 of `text`, escaped, to `output`.
    ///
    /// Works on bytes: the common case (nothing to escape) is one scan and one copy.
    static func append(_ text: String, to output: inout [UInt8], attribute: Bool) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                let replacement: StaticString?
                var width = 1
                switch byte {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                case 0x0D: replacement = "&#13;"
                case 0x09: replacement = attribute ? "&#9;" : nil
                case 0x0A: replacement = attribute ? "&#10;" : nil
                case 0x00..<0x20: replacement = ""  // not allowed in XML 1.0: dropped
                case 0xEF:
                    // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
                    if index + 2 < count, bytes[index + 1] == 0xBF, bytes[index + 2] & 0xFE == 0xBE {
                        replacement = ""
                        width = 3
                    } else {
                        replacement = nil
                    }
                default: replacement = nil
                }
                if let replacement {
                    if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                    replacement.withUTF8Buffer { output.append(contentsOf: $0) }
                    index += width
                    runStart = index
                } else {
                    index += 1
                }
            }
            if runStart < count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count])) }
        }
    }
}
