import PaperboyCore

/// Parses Paperboy's YAML subset (see ``YAMLNode``) with line numbers for every error.
package struct YAMLParser {
    struct Line {
        let number: Int
        let indent: Int
        let text: Substring  // without indentation, comments or trailing spaces
    }

    let file: String
    var lines: [Line] = []
    var position = 0
    /// How many blocks deep the parser is. Recursion is bounded so that no file, however
    /// deeply indented, can overflow the stack (front matter needs three levels at most).
    var depth = 0
    static let maximumDepth = 32

    /// - Parameters:
    ///   - text: the YAML document.
    ///   - file: the file name used in diagnostics.
    ///   - firstLine: the line number of `text`'s first line in `file` (front matter starts at 2).
    package static func parse(_ text: Substring, file: String, firstLine: Int = 1) throws(Diagnostic) -> YAMLNode {
        var parser = YAMLParser(file: file)
        var number = firstLine - 1
        // Lines are found over UTF-8 bytes: every character YAML gives meaning to is ASCII,
        // and front matter of tens of thousands of files is read on every build.
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        while lineStart < utf8.endIndex || (lineStart == utf8.endIndex && number == firstLine - 1) {
            let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
            number += 1
            var contentEnd = lineEnd
            if contentEnd > lineStart, utf8[utf8.index(before: contentEnd)] == 0x0D { contentEnd = utf8.index(before: contentEnd) }
            var bodyStart = lineStart
            var indent = 0
            while bodyStart < contentEnd {
                let byte = utf8[bodyStart]
                if byte == 0x20 {
                    indent += 1
                } else if byte == 0x09 {
                    throw Diagnostic(file: file, line: number, "tab used for indentation; YAML needs spaces")
                } else {
                    break
                }
                bodyStart = utf8.index(after: bodyStart)
            }
            let body = stripComment(text[bodyStart..<contentEnd])
            if !(body.isEmpty || body == "---" || body == "...") {
                parser.lines.append(Line(number: number, indent: indent, text: body))
            }
            if lineEnd == utf8.endIndex { break }
            lineStart = utf8.index(after: lineEnd)
        }
        guard !parser.lines.isEmpty else { return .mapping([], line: firstLine) }
        let node = try parser.parseBlock(indent: parser.lines[0].indent)
        if parser.position < parser.lines.count {
            let line = parser.lines[parser.position]
            throw Diagnostic(file: file, line: line.number, "unexpected indentation")
        }
        return node
    }

    /// Removes a `#` comment that is not inside quotes, and trailing spaces.
    static func stripComment(_ text: Substring) -> Substring {
        let utf8 = text.utf8
        // Fast path: nothing that could start a comment or a quote.
        if !utf8.contains(where: { $0 == 0x23 || $0 == 0x22 || $0 == 0x27 }) {
            return trimmingTrailingBlanks(text)
        }
        var inSingle = false
        var inDouble = false
        var previous: UInt8 = 0x20
        var escaped = false
        var end = utf8.endIndex
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            let atStart = index == utf8.startIndex
            if inDouble {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inDouble = false }
            } else if inSingle {
                if byte == 0x27 { inSingle = false }
            } else if byte == 0x23 && (previous == 0x20 || atStart) {
                end = index
                break
            } else if byte == 0x22 && (previous == 0x20 || previous == 0x5B || previous == 0x2C || previous == 0x3A || atStart) {
                inDouble = true
            } else if byte == 0x27 && (previous == 0x20 || previous == 0x5B || previous == 0x2C || atStart) {
                inSingle = true
            }
            previous = byte
            index = utf8.index(after: index)
        }
        return trimmingTrailingBlanks(text[text.startIndex..<end])
    }

    static func trimmingTrailingBlanks(_ text: Substring) -> Substring {
        // By index: `Substring.dropLast()` in a loop is quadratic (150,000 trailing spaces took 50 s).
        let utf8 = text.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex {
            let before = utf8.index(before: end)
            guard utf8[before] == 0x20 || utf8[before] == 0x09 else { break }
            end = before
        }
        return text[..<end]
    }

    mutating func parseBlock(indent: Int) throws(Diagnostic) -> YAMLNode {
        let first = lines[position]
        if first.text == "-" || first.text.hasPrefix("- ") {
            return try parseSequence(indent: indent)
        }
        return try parseMapping(indent: indent)
    }

    mutating func parseSequence(indent: Int) throws(Diagnostic) -> YAMLNode {
        let startLine = lines[position].number
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw Diagnostic(file: file, line: startLine, "nested more than \(Self.maximumDepth) levels deep")
        }
        var items: [YAMLNode] = []
        while position < lines.count {
            let line = lines[position]
            if line.indent < indent { break }
            guard line.indent == indent else { throw Diagnostic(file: file, line: line.number, "unexpected indentation") }
            guard line.text == "-" || line.text.hasPrefix("- ") else { break }
            let rest = line.text.dropFirst(1).drop(while: { $0 == " " })
            if rest.isEmpty {
                position += 1
                guard position < lines.count, lines[position].indent > indent else {
                    items.append(.scalar("", line: line.number))
                    continue
                }
                items.append(try parseBlock(indent: lines[position].indent))
            } else if isMappingEntry(rest) {
                // `- key: value` starts a mapping whose keys align with `key`.
                let itemIndent = indent + (line.text.count - rest.count)
                lines[position] = Line(number: line.number, indent: itemIndent, text: rest)
                items.append(try parseMapping(indent: itemIndent))
            } else {
                items.append(try parseInline(rest, line: line.number))
                position += 1
            }
        }
        return .sequence(items, line: startLine)
    }

    mutating func parseMapping(indent: Int) throws(Diagnostic) -> YAMLNode {
        let startLine = lines[position].number
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw Diagnostic(file: file, line: startLine, "nested more than \(Self.maximumDepth) levels deep")
        }
        var pairs: [(key: String, value: YAMLNode)] = []
        var keys = Set<String>()  // a set, not a scan of `pairs`, which is quadratic in the keys
        while position < lines.count {
            let line = lines[position]
            if line.indent < indent { break }
            guard line.indent == indent else { throw Diagnostic(file: file, line: line.number, "unexpected indentation") }
            guard let colon = mappingColon(line.text) else {
                if line.text.hasPrefix("- ") || line.text == "-" { break }
                throw Diagnostic(file: file, line: line.number, "expected `key: value`, found \(quoted(line.text))")
            }
            let rawKey = line.text[line.text.startIndex..<colon]
            let key = try unquoteKey(rawKey, line: line.number)
            if !keys.insert(key).inserted {
                throw Diagnostic(file: file, line: line.number, "duplicate key `\(key)`")
            }
            let rest = line.text[line.text.index(after: colon)...].drop(while: { $0 == " " })
            position += 1
            if rest.isEmpty {
                if position < lines.count, lines[position].indent > indent {
                    pairs.append((key, try parseBlock(indent: lines[position].indent)))
                } else if position < lines.count, lines[position].indent == indent,
                    lines[position].text == "-" || lines[position].text.hasPrefix("- ")
                {
                    // A sequence may sit at its key's indentation.
                    pairs.append((key, try parseSequence(indent: indent)))
                } else {
                    pairs.append((key, .scalar("", line: line.number)))
                }
            } else {
                pairs.append((key, try parseInline(rest, line: line.number)))
            }
        }
        return .mapping(pairs, line: startLine)
    }

    func isMappingEntry(_ text: Substring) -> Bool {
        guard let first = text.first, first != "\"", first != "'", first != "[" else { return false }
        return mappingColon(text) != nil
    }

    /// The colon that separates a key from its value: followed by a space or the end.
    func mappingColon(_ text: Substring) -> Substring.Index? {
        Self.asciiMappingColon(text) ?? characterMappingColon(text)
    }

    /// ``mappingColon(_:)`` character by character.
    func characterMappingColon(_ text: Substring) -> Substring.Index? {
        if let first = text.first, first == "\"" || first == "'" {
            // Quoted key: find its closing quote first.
            var index = text.index(after: text.startIndex)
            while index < text.endIndex {
                if text[index] == "\\" && first == "\"" { index = text.index(after: index) } else if text[index] == first { break }
                if index < text.endIndex { index = text.index(after: index) }
            }
            guard index < text.endIndex else { return nil }
            let after = text.index(after: index)
            guard after < text.endIndex, text[after] == ":" else { return nil }
            let next = text.index(after: after)
            return next == text.endIndex || text[next] == " " ? after : nil
        }
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == ":" {
                let next = text.index(after: index)
                if next == text.endIndex || text[next] == " " { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// ``mappingColon(_:)`` by bytes, for an unquoted key, when the colon and the space after
    /// it stand between ASCII bytes: then each is a character of its own, as the character
    /// scan needs (a mark after either, or a prepended mark before the colon, would join it).
    /// Nil when the scan by characters must decide.
    static func asciiMappingColon(_ text: Substring) -> Substring.Index? {
        let utf8 = text.utf8
        guard let first = utf8.first, first != 0x22, first != 0x27 else { return nil }
        var index = utf8.startIndex
        while let colon = utf8[index...].firstIndex(of: 0x3A) {
            let next = utf8.index(after: colon)
            guard next == utf8.endIndex || utf8[next] == 0x20 else {
                index = next
                continue
            }
            let before = colon == utf8.startIndex ? 0 : utf8[utf8.index(before: colon)]
            let afterSpace = next == utf8.endIndex ? nil : utf8.index(after: next)
            guard before < 0x80, afterSpace.map({ $0 == utf8.endIndex || utf8[$0] < 0x80 }) ?? true else { return nil }
            return colon
        }
        return nil
    }

    func unquoteKey(_ key: Substring, line: Int) throws(Diagnostic) -> String {
        if key.first == "\"" || key.first == "'" {
            var position = key.startIndex
            return try scanQuoted(key, &position, line: line)
        }
        return String(key)
    }

    /// A value on the same line as its key or dash: a scalar or a flow sequence.
    func parseInline(_ text: Substring, line: Int) throws(Diagnostic) -> YAMLNode {
        switch text.first {
        case "[":
            return try parseFlowSequence(text, line: line)
        case "{":
            throw Diagnostic(file: file, line: line, "flow mappings `{...}` are not supported; use one `key: value` per line")
        case "|", ">":
            throw Diagnostic(
                file: file, line: line,
                "multi-line scalars (`|`, `>`) are not supported in front matter; put long text in quotes on one line")
        case "&", "*", "!":
            throw Diagnostic(file: file, line: line, "anchors, aliases and tags are not supported")
        case "\"", "'":
            var index = text.startIndex
            let value = try scanQuoted(text, &index, line: line)
            guard index == text.endIndex else {
                throw Diagnostic(file: file, line: line, "unexpected text after the closing quote: \(quoted(text[index...]))")
            }
            return .scalar(value, line: line)
        default:
            return .scalar(String(text), line: line)
        }
    }

    func parseFlowSequence(_ text: Substring, line: Int) throws(Diagnostic) -> YAMLNode {
        guard text.last == "]" else { throw Diagnostic(file: file, line: line, "a `[` list must close with `]` on the same line") }
        let inner = text.dropFirst().dropLast()
        var items: [YAMLNode] = []
        var index = inner.startIndex
        while index < inner.endIndex {
            while index < inner.endIndex, inner[index] == " " { index = inner.index(after: index) }
            guard index < inner.endIndex else { break }
            if inner[index] == "\"" || inner[index] == "'" {
                items.append(.scalar(try scanQuoted(inner, &index, line: line), line: line))
                while index < inner.endIndex, inner[index] == " " { index = inner.index(after: index) }
                if index < inner.endIndex {
                    guard inner[index] == "," else { throw Diagnostic(file: file, line: line, "expected `,` between list items") }
                    index = inner.index(after: index)
                }
            } else {
                let end = inner[index...].firstIndex(of: ",") ?? inner.endIndex
                var item = inner[index..<end]
                item = YAMLParser.trimmingTrailingBlanks(item)
                if item.first == "[" || item.first == "{" {
                    throw Diagnostic(file: file, line: line, "nested lists are not supported")
                }
                items.append(.scalar(String(item), line: line))
                index = end < inner.endIndex ? inner.index(after: end) : end
            }
        }
        return .sequence(items, line: line)
    }

    /// Reads a quoted scalar starting at `index`, leaving `index` after the closing quote.
    func scanQuoted(_ text: Substring, _ index: inout Substring.Index, line: Int) throws(Diagnostic) -> String {
        if let (value, end) = Self.scanQuotedBytes(text, from: index) {
            index = end
            return value
        }
        return try scanQuotedCharacters(text, &index, line: line)
    }

    /// ``scanQuoted(_:_:line:)`` character by character, as the YAML reader sees the text.
    func scanQuotedCharacters(_ text: Substring, _ index: inout Substring.Index, line: Int) throws(Diagnostic) -> String {
        let quote = text[index]
        index = text.index(after: index)
        var result = ""
        while index < text.endIndex {
            let character = text[index]
            if quote == "'" {
                if character == "'" {
                    let next = text.index(after: index)
                    if next < text.endIndex, text[next] == "'" {
                        result.append("'")
                        index = text.index(after: next)
                        continue
                    }
                    index = next
                    return result
                }
                result.append(character)
                index = text.index(after: index)
                continue
            }
            if character == "\"" {
                index = text.index(after: index)
                return result
            }
            if character == "\\" {
                index = text.index(after: index)
                guard index < text.endIndex else { break }
                let escape = text[index]
                index = text.index(after: index)
                switch escape {
                case "\"": result.append("\"")
                case "\\": result.append("\\")
                case "/": result.append("/")
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                case "0": result.append("\0")
                case " ": result.append(" ")
                case "x", "u", "U":
                    let width = escape == "x" ? 2 : escape == "u" ? 4 : 8
                    guard let end = text.index(index, offsetBy: width, limitedBy: text.endIndex),
                        let value = UInt32(text[index..<end], radix: 16), let scalar = Unicode.Scalar(value)
                    else { throw Diagnostic(file: file, line: line, "invalid `\\\(escape)` escape in a quoted string") }
                    result.unicodeScalars.append(scalar)
                    index = end
                default:
                    throw Diagnostic(file: file, line: line, "unknown escape `\\\(escape)` in a quoted string")
                }
                continue
            }
            result.append(character)
            index = text.index(after: index)
        }
        throw Diagnostic(file: file, line: line, "a quoted string is not closed on its line")
    }

    /// ``scanQuoted(_:_:line:)`` by bytes (titles and names are quoted, and a scan by
    /// characters costs a grapheme break test per character), when every byte it acts on
    /// (quotes, backslashes, escapes) stands between ASCII bytes and so is a character of its
    /// own, as the scan by characters sees it. Nil when that scan must decide, or report.
    static func scanQuotedBytes(_ text: Substring, from start: Substring.Index) -> (String, Substring.Index)? {
        let utf8 = text.utf8
        let end = utf8.endIndex
        let quote = utf8[start]
        guard quote == 0x22 || quote == 0x27 else { return nil }
        /// Whether the byte at `index` is a character of its own: ASCII bytes on both sides.
        func standsAlone(_ index: Substring.UTF8View.Index) -> Bool {
            (index == utf8.startIndex || utf8[utf8.index(before: index)] < 0x80)
                && (utf8.index(after: index) == end || utf8[utf8.index(after: index)] < 0x80)
        }
        guard standsAlone(start) else { return nil }
        var result: [UInt8] = []
        var index = utf8.index(after: start)
        var copied = index
        while index < end {
            let byte = utf8[index]
            guard byte == quote || (quote == 0x22 && byte == 0x5C) else {
                index = utf8.index(after: index)
                continue
            }
            guard standsAlone(index) else { return nil }
            result.append(contentsOf: utf8[copied..<index])
            let next = utf8.index(after: index)
            if byte == quote {
                // '' inside single quotes is one quote.
                if quote == 0x27, next < end, utf8[next] == 0x27 {
                    guard standsAlone(next) else { return nil }
                    result.append(0x27)
                    index = utf8.index(after: next)
                    copied = index
                    continue
                }
                return (String(decoding: result, as: UTF8.self), next)
            }
            guard next < end, standsAlone(next) else { return nil }
            var after = utf8.index(after: next)
            switch utf8[next] {
            case 0x22, 0x5C, 0x2F, 0x20: result.append(utf8[next])
            case UInt8(ascii: "n"): result.append(0x0A)
            case UInt8(ascii: "t"): result.append(0x09)
            case UInt8(ascii: "r"): result.append(0x0D)
            case UInt8(ascii: "0"): result.append(0x00)
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let width = utf8[next] == UInt8(ascii: "x") ? 2 : utf8[next] == UInt8(ascii: "u") ? 4 : 8
                guard let digitsEnd = utf8.index(after, offsetBy: width, limitedBy: end),
                    utf8[after..<digitsEnd].allSatisfy({ $0 < 0x80 }), digitsEnd == end || utf8[digitsEnd] < 0x80,
                    let value = UInt32(String(decoding: utf8[after..<digitsEnd], as: UTF8.self), radix: 16),
                    let scalar = Unicode.Scalar(value)
                else { return nil }
                result.append(contentsOf: String(scalar).utf8)
                after = digitsEnd
            default:
                return nil
            }
            index = after
            copied = index
        }
        return nil
    }

    func quoted(_ text: Substring) -> String {
        "`" + String(text.prefix(60)) + (text.count > 60 ? "…" : "") + "`"
    }
}
