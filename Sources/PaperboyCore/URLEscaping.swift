/// Making untrusted URLs safe to put in an `href`.
package enum URLEscaping {
    /// The URL when it is `http` or `https`, with characters that may not appear in a URL
    /// percent-encoded; nil for any other scheme (`javascript:`, `data:`, ...).
    package static func httpURL(_ url: String) -> String? {
        let trimmed = url.trimmingWhitespace()
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
        let host = lower.drop(while: { $0 != "/" }).dropFirst(2).prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" })
        guard !host.isEmpty else { return nil }
        return percentEncodingUnsafe(trimmed)
    }

    /// Percent-encodes what RFC 3986 never allows raw (space, quotes, `<>\^`{|}`, controls) and `%` not starting an escape.
    package static func percentEncodingUnsafe(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var result = ""
        result.reserveCapacity(bytes.count)
        let hex = Array("0123456789ABCDEF".utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let isHex: (UInt8) -> Bool = { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }
            let unsafe =
                byte <= 0x20 || byte == 0x7F || byte >= 0x80 || "\"<>\\^`{|}".utf8.contains(byte)
                || (byte == UInt8(ascii: "%") && !(index + 2 < bytes.count && isHex(bytes[index + 1]) && isHex(bytes[index + 2])))
            if unsafe {
                result.unicodeScalars.append("%")
                result.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                result.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0xF)]))
            } else {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            }
            index += 1
        }
        return result
    }

    /// `text` as one value of a URL's query (`?q=...`): runs of white space as one space, none
    /// at the ends, and every byte but RFC 3986's unreserved characters percent-encoded, so
    /// `&`, `=`, `#` and `+` in a title stay in the value.
    package static func queryValue(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count + 16)
        // By bytes: a build makes this for every paper without an id.
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace { result += [UInt8(ascii: "%"), UInt8(ascii: "2"), UInt8(ascii: "0")] }
            pendingSpace = false
            let unreserved =
                (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
            if unreserved {
                result.append(byte)
            } else {
                result += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
