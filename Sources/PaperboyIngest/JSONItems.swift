import PaperboyCore

/// The elements of a top-level JSON array, each with the line it starts on, so that every
/// message about a JSON feed names a line as messages about a text feed do.
///
/// Only the structure is followed here (strings, nesting); each element is then parsed on its
/// own, and a broken one is reported at its line.
enum JSONItems {
    struct Item {
        var text: Substring
        var line: Int
    }

    static func split(_ text: String, file: String) throws(Diagnostic) -> [Item] {
        let bytes = text.utf8
        var index = bytes.startIndex
        var line = 1
        func skipSpace() {
            while index < bytes.endIndex {
                let byte = bytes[index]
                if byte == 0x0A { line += 1 } else if byte != 0x20 && byte != 0x09 && byte != 0x0D { return }
                index = bytes.index(after: index)
            }
        }
        if text.hasPrefix("\u{FEFF}") { index = text.utf8.index(index, offsetBy: 3) }
        skipSpace()
        guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "[") else {
            throw Diagnostic(file: file, line: line, "a Hugging Face feed must be a JSON array of papers (`[{\"paper\": ...}, ...]`)")
        }
        index = bytes.index(after: index)
        var items: [Item] = []
        while true {
            skipSpace()
            guard index < bytes.endIndex else { throw truncated(file, line) }
            if bytes[index] == UInt8(ascii: "]") {
                guard items.isEmpty else {
                    throw Diagnostic(file: file, line: line, "a `]` after a `,`: the list has an empty entry")
                }
                index = bytes.index(after: index)
                break
            }
            let start = index
            let startLine = line
            var depth = 0
            var inString = false
            var escaped = false
            // One element: up to the `,` or `]` at depth 0 outside strings.
            scan: while index < bytes.endIndex {
                let byte = bytes[index]
                if byte == 0x0A { line += 1 }
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                    }
                } else {
                    switch byte {
                    case UInt8(ascii: "\""): inString = true
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        if depth == 0 { break scan }
                        depth -= 1
                    case UInt8(ascii: ","):
                        if depth == 0 { break scan }
                    default: break
                    }
                }
                index = bytes.index(after: index)
            }
            guard index < bytes.endIndex else { throw truncated(file, line) }
            items.append(Item(text: Substring(text.utf8[start..<index]), line: startLine))
            let separator = bytes[index]
            index = bytes.index(after: index)
            if separator == UInt8(ascii: "]") { break }
            guard separator == UInt8(ascii: ",") else {
                throw Diagnostic(file: file, line: line, "unexpected `}` in the list of papers")
            }
            skipSpace()
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: "]") {
                throw Diagnostic(file: file, line: line, "a `]` after a `,`: the list has an empty entry")
            }
        }
        skipSpace()
        guard index == bytes.endIndex else {
            throw Diagnostic(file: file, line: line, "text after the end of the JSON list (two documents in one file?)")
        }
        return items
    }

    static func truncated(_ file: String, _ line: Int) -> Diagnostic {
        Diagnostic(file: file, line: line, "the JSON ends before its list does: the file is truncated")
    }
}
