/// Writes YAML that ``YAMLParser`` reads back to the same values.
///
/// Free text is always double-quoted, so no title can be mistaken for a number, a
/// boolean, a comment or a key.
enum YAMLWriter {
    /// A double-quoted YAML scalar. Every character that is not plain printable text is escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
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
                {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// A plain scalar when it is safely plain (slugs, dates, ids), else quoted.
    static func scalar(_ text: String) -> String {
        let safe = !text.isEmpty && text.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2E
                || byte == 0x5F || (byte >= 0x41 && byte <= 0x5A)
        } && text.first != "-" && text.first != "."
        return safe ? text : quoted(text)
    }
}
