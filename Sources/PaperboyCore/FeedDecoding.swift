/// Turns raw feed bytes into checked text: valid UTF-8, no NUL, and nothing XML 1.0 cannot carry.
package enum FeedDecoding {
    /// Decodes `bytes`, refusing invalid UTF-8 and NUL bytes with the line they are on.
    package static func decode(_ bytes: [UInt8], file: String) throws(Diagnostic) -> String {
        var line = 1
        var index = 0
        let count = bytes.count
        // Validate by hand so the message can name the line of the bad byte.
        while index < count {
            let byte = bytes[index]
            if byte == 0x0A { line += 1; index += 1; continue }
            // A lone CR ends a line too (TrendingFeedParser splits on it); CR LF counts once.
            if byte == 0x0D { if index + 1 == count || bytes[index + 1] != 0x0A { line += 1 }; index += 1; continue }
            if byte == 0 { throw Diagnostic(file: file, line: line, "NUL byte in the feed; is this a binary file?") }
            if byte < 0x80 { index += 1; continue }
            let length: Int
            let minimum: UInt32
            var value: UInt32
            if byte & 0xE0 == 0xC0 {
                length = 2; minimum = 0x80; value = UInt32(byte & 0x1F)
            } else if byte & 0xF0 == 0xE0 {
                length = 3; minimum = 0x800; value = UInt32(byte & 0x0F)
            } else if byte & 0xF8 == 0xF0 {
                length = 4; minimum = 0x10000; value = UInt32(byte & 0x07)
            } else {
                throw invalid(file, line, index)
            }
            guard index + length <= count else { throw invalid(file, line, index) }
            for offset in 1..<length {
                let next = bytes[index + offset]
                guard next & 0xC0 == 0x80 else { throw invalid(file, line, index) }
                value = value << 6 | UInt32(next & 0x3F)
            }
            guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { throw invalid(file, line, index) }
            index += length
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func invalid(_ file: String, _ line: Int, _ offset: Int) -> Diagnostic {
        Diagnostic(file: file, line: line, "invalid UTF-8 at byte \(offset); save the feed as UTF-8")
    }

    /// Whether XML 1.0 can carry the scalar (its `Char` production). Tabs, newlines and
    /// carriage returns are allowed by XML but never belong inside a one-line title or text.
    @inline(__always)
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return value == 0x09 }
        if value < 0xD800 { return true }
        if value < 0xE000 { return false }
        return value != 0xFFFE && value != 0xFFFF
    }

    /// Whether HTML allows the scalar in text: the W3C checker rejects DEL, the C1 controls
    /// (U+007F-U+009F) and noncharacters (U+FDD0-U+FDEF, U+xFFFE, U+xFFFF), which XML 1.0 still carries.
    @inline(__always)
    static func isHTMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value >= 0x7F && value <= 0x9F { return false }
        if value >= 0xFDD0 && value <= 0xFDEF { return false }
        return value & 0xFFFE != 0xFFFE
    }

    /// Removes characters HTML forbids (see ``isHTMLCharacter(_:)``); says whether any were removed.
    package static func removingNonHTMLCharacters(_ text: String) -> (String, removed: Bool) {
        if text.unicodeScalars.allSatisfy(isHTMLCharacter) { return (text, false) }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where isHTMLCharacter(scalar) { result.append(scalar) }
        return (String(result), true)
    }

    /// Removes characters XML cannot carry (tabs become spaces); says whether any were removed.
    package static func removingNonXMLCharacters(_ text: Substring) -> (String, removed: Bool) {
        if text.unicodeScalars.allSatisfy({ isXMLCharacter($0) && $0 != "\t" }) { return (String(text), false) }
        var result = String.UnicodeScalarView()
        var removed = false
        for scalar in text.unicodeScalars {
            if scalar == "\t" { result.append(" ") } else if isXMLCharacter(scalar) { result.append(scalar) } else { removed = true }
        }
        return (String(result), removed)
    }
}
