@testable import PaperboyContent
import Testing
import TestSupport

@Suite("YAML subset")
struct YAMLTests {
    func parse(_ text: String, firstLine: Int = 1) throws -> YAMLNode {
        try YAMLParser.parse(Substring(text), file: "f.yml", firstLine: firstLine)
    }

    static let awkward: [String] = [
        "", "plain", "with \"double\" quotes", "with 'single' quotes", "back\\slash", "\\n is not a newline",
        "trailing backslash \\", "new\nline", "tab\there", "carriage\rreturn", "TÜLU 3 数学 🚀", "é composed e\u{301} decomposed",
        "# not a comment", "a # not a comment", "key: value", "- not a list", "[not, a, list]", "{not: a map}",
        "&anchor *alias !tag", "| literal", "> folded", "yes", "no", "null", "~", "123", "1e3", "0x1F", "2026-11-26",
        "---", "...", "  leading and trailing spaces  ", "\u{0}\u{1}\u{7}\u{1B}\u{7F}\u{85}\u{9F} controls",
        "\u{FEFF}bom", "\u{2028}line separator\u{2029}", "\u{FFFD}", "ends with colon:", ":starts with colon",
        "%percent @at `backtick`", "\"", "'", "\\\"", "emoji 👩‍👩‍👧 family",
    ]

    @Test(arguments: awkward)
    func quotedScalarsRoundTrip(value: String) throws {
        let line = "title: " + YAMLWriter.quoted(value)
        #expect(!line.contains("\n"))
        let node = try parse(line + "\n")
        #expect(node["title"]?.string == value)
    }

    @Test(arguments: awkward)
    func flowSequencesAndBlockSequencesRoundTrip(value: String) throws {
        let flow = try parse("topics: [\(YAMLWriter.quoted(value)), \(YAMLWriter.quoted(value))]\n")
        #expect(flow["topics"]?.strings == [value, value])
        let block = try parse("authors:\n  - \(YAMLWriter.quoted(value))\n  - plain\n")
        #expect(block["authors"]?.strings == [value, "plain"])
    }

    @Test(arguments: ["tulu-3", "2502.12345", "A_b.C-d", "-dash", ".dot", "", "a b", "a:b", "ü"])
    func plainScalarsAreOnlyPlainWhenSafe(value: String) throws {
        let written = YAMLWriter.scalar(value)
        #expect(try parse("k: \(written)\n")["k"]?.string == value)
        if value.contains(" ") || value.contains(":") || value.isEmpty || value.hasPrefix("-") { #expect(written.hasPrefix("\"")) }
    }

    @Test func theSubset() throws {
        let node = try parse(
            """
            # a comment
            title: Paperboy   # trailing comment
            empty:
            quoted: "a # b"
            single: 'it''s'
            list:
              - one
              - "two"
            flow: [a, "b, c", 'd']
            nested:
              - slug: x
                name: X
                phrases: [p, q]
              - slug: y
                name: Y
            same-indent:
            - a
            - b
            """)
        #expect(node.keys == ["title", "empty", "quoted", "single", "list", "flow", "nested", "same-indent"])
        #expect(node["title"]?.string == "Paperboy")
        #expect(node["empty"]?.string == "")
        #expect(node["quoted"]?.string == "a # b")
        #expect(node["single"]?.string == "it's")
        #expect(node["list"]?.strings == ["one", "two"])
        #expect(node["flow"]?.strings == ["a", "b, c", "d"])
        guard case let .sequence(items, _)? = node["nested"] else { Issue.record("nested is not a list"); return }
        #expect(items.count == 2)
        #expect(items[0]["phrases"]?.strings == ["p", "q"])
        #expect(items[1]["name"]?.string == "Y")
        #expect(node["same-indent"]?.strings == ["a", "b"])
        #expect(node["title"]?.line == 2)
        #expect(node["nested"]?.line == 11)
    }

    @Test func crlfLinesAreAccepted() throws {
        let node = try parse("title: \"A\"\r\nlist:\r\n  - a\r\n  - b\r\n")
        #expect(node["title"]?.string == "A")
        #expect(node["list"]?.strings == ["a", "b"])
    }

    @Test(
        arguments: [
            ("title: a\ntitle: b\n", 2, "duplicate key"),
            ("title: \"unclosed\n", 1, "not closed"),
            ("a: 1\nb: \"x\\q\"\n", 2, "unknown escape"),
            ("a: 1\nb: \"\\u12\"\n", 2, "invalid `\\u` escape"),
            ("a: 1\n\nb: {x: 1}\n", 3, "flow mappings"),
            ("a: 1\nb: |\n  text\n", 2, "multi-line"),
            ("a: 1\nb: >\n", 2, "multi-line"),
            ("a: &x 1\n", 1, "anchors"),
            ("a: *x\n", 1, "anchors"),
            ("a: 1\n\tb: 2\n", 2, "tab"),
            ("a: 1\n   b: 2\n", 2, "indentation"),
            ("a:\n  - x\n   - y\n", 3, "indentation"),
            ("a: 1\njust text\n", 2, "expected `key: value`"),
            ("a: [x, y\n", 1, "close with `]`"),
            ("a: [x, [y]]\n", 1, "nested lists"),
            ("a: \"x\" y\n", 1, "after the closing quote"),
            ("a: ['x' 'y']\n", 1, "expected `,`"),
        ] as [(String, Int, String)])
    func errorsNameTheirLine(text: String, line: Int, message: String) {
        let error = diagnostic { _ = try parse(text) }
        #expect(error?.file == "f.yml")
        #expect(error?.line == line, "\(error?.description ?? "no error")")
        #expect(error?.message.contains(message) == true, "\(error?.description ?? "no error")")
    }

    /// Pieces that make byte scans and character scans disagree when joined wrongly: marks
    /// that join the character before them, a mark that joins the one after it (U+0600), CR.
    static let scanPieces = [
        "\"", "'", "''", "\\", "\\\"", "\\n", "\\u00e9", "\\x4", "\\U0001F680", "\\q", ":", ": ", " ", "a", "key", "é",
        "\u{301}", "\u{200D}", "\u{0600}", "\u{FE0F}", "\r", "🚀", "#",
    ]

    @Test("quoted scalars and keys read by bytes as by characters, or left to the character scan")
    func byteScansMatchCharacterScans() throws {
        let seed = SplitMix64.seed(from: "PAPERBOY_YAML_SEED", fixed: 0x59A4_1C0D)
        var random = SplitMix64(seed: seed)
        let parser = YAMLParser(file: "f.yml")
        var byBytes = 0
        for iteration in 0..<20_000 {
            let pieces = (0..<Int.random(in: 1...8, using: &random)).map { _ in Self.scanPieces.randomElement(using: &random)! }
            let replay = "seed \(seed) (PAPERBOY_YAML_SEED), iteration \(iteration)"
            let text = Substring((Bool.random(using: &random) ? "\"" : "'") + pieces.joined())
            if let (value, end) = YAMLParser.scanQuotedBytes(text, from: text.startIndex) {
                byBytes += 1
                var index = text.startIndex
                #expect(try parser.scanQuotedCharacters(text, &index, line: 1) == value, "\(Array(text.unicodeScalars)), \(replay)")
                #expect(index == end, "\(Array(text.unicodeScalars)), \(replay)")
            }
            let key = Substring(pieces.joined())
            if let colon = YAMLParser.asciiMappingColon(key) {
                #expect(parser.characterMappingColon(key) == colon, "\(Array(key.unicodeScalars)), \(replay)")
            }
        }
        // Most texts are read by bytes; the rest show the character scan is still reached.
        #expect(byBytes > 1_000, "seed \(seed) (PAPERBOY_YAML_SEED)")
    }

    @Test func errorLinesCountFromFirstLine() {
        let error = diagnostic { _ = try parse("a: 1\na: 2\n", firstLine: 2) }
        #expect(error?.line == 3)
    }
}
