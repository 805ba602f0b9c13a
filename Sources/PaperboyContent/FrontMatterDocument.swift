import PaperboyCore

/// A Markdown file with a YAML front matter block: `---`, YAML, `---`, then the body.
package struct FrontMatterDocument: Sendable {
    /// The parsed front matter, always a mapping.
    package var frontMatter: YAMLNode
    /// The Markdown after the closing `---`, as written.
    package var body: String
    /// The line the body starts on, for diagnostics about the body.
    package var bodyLine: Int
    /// The front matter as written, between the `---` lines.
    package var yaml: Substring = ""

    /// Splits and parses `text`; `file` names the file in diagnostics.
    package static func parse(_ text: String, file: String) throws(Diagnostic) -> FrontMatterDocument {
        var text = Substring(text)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else {
            throw Diagnostic(file: file, line: 1, "expected front matter starting with `---`")
        }
        // Lines are found over UTF-8 bytes (`---` and line ends are ASCII), which also treats
        // "\r\n" right: in Swift it is one Character.
        let utf8 = text.utf8
        let afterOpening = utf8.index(after: utf8.firstIndex(of: 0x0A)!)
        // Find the closing `---` line.
        var lineStart = afterOpening
        var lineNumber = 2
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
            var line = text[lineStart..<lineEnd]
            if line.utf8.last == 0x0D { line = text[lineStart..<utf8.index(before: lineEnd)] }
            if line == "---" || line == "..." {
                let yaml = text[afterOpening..<lineStart]
                let node = try YAMLParser.parse(yaml, file: file, firstLine: 2)
                guard case .mapping = node else {
                    throw Diagnostic(file: file, line: 2, "front matter must be a set of `key: value` lines")
                }
                let bodyStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
                return FrontMatterDocument(frontMatter: node, body: String(text[bodyStart...]), bodyLine: lineNumber + 1, yaml: yaml)
            }
            lineNumber += 1
            lineStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
        }
        throw Diagnostic(file: file, line: lineNumber - 1, "front matter is not closed: add a `---` line after it")
    }

    /// The top-level entries whose key is not in `known`, exactly as written (with their
    /// indented lines and comments), so a rewrite keeps what a person added by hand.
    package func unknownEntries(known: Set<String>) -> String {
        if frontMatter.keys.allSatisfy(known.contains) { return "" }
        var kept = ""
        var keeping = false
        for line in yaml.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let startsEntry = !(line.first?.isWhitespace ?? true) && line.first != "#" && line.first != "-"
            if startsEntry {
                var key = line.prefix(while: { $0 != ":" })
                if key.first == "\"" || key.first == "'" { key = key.dropFirst().dropLast() }
                keeping = !known.contains(String(key))
            }
            if keeping && !line.isEmpty { kept += line + "\n" }
        }
        return kept
    }
}
