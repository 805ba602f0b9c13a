/// Writing strings as JSON string literals, by hand, for the JSON Feed.
///
/// Escapes `"` and `\`, every control character (`\n`, `\r`, `\t`, else `\u00XX`), and also
/// `<`, `>`, `&`, U+2028 and U+2029 (as `\u003c`, `\u003e`, `\u0026`, `\u2028`, `\u2029`), so the
/// output is safe to embed in HTML and in JavaScript source as well as being valid JSON.
/// Everything else is written as UTF-8, unchanged.
package enum JSONEscaping {
    /// `text` as a JSON string literal, quotes included: `a"b` -> `"a\"b"`.
    package static func quoted(_ text: String) -> String {
        var writer = FeedWriter(capacity: text.utf8.count + 8)
        writer.json(text)
        return writer.string
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `text` as a JSON string literal (with its quotes) to `output`.
    package static func append(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            let count = bytes.count
            func flush(_ end: Int) {
                if runStart < end { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end])) }
            }
            func unicodeEscape(_ value: UInt32) {
                output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u")])
                for shift in stride(from: 12, through: 0, by: -4) {
                    output.append(hexDigits[Int((value >> UInt32(shift)) & 0xF)])
                }
            }
            while index < count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    flush(index)
                    output.append(contentsOf: [UInt8(ascii: "\\"), byte])
                    index += 1
                    runStart = index
                case 0x0A, 0x0D, 0x09:
                    flush(index)
                    let letter = byte == 0x0A ? UInt8(ascii: "n") : byte == 0x0D ? UInt8(ascii: "r") : UInt8(ascii: "t")
                    output.append(contentsOf: [UInt8(ascii: "\\"), letter])
                    index += 1
                    runStart = index
                case 0x00..<0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                    flush(index)
                    unicodeEscape(UInt32(byte))
                    index += 1
                    runStart = index
                case 0xE2 where index + 2 < count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR: E2 80 A8 / E2 80 A9.
                    flush(index)
                    unicodeEscape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029)
                    index += 3
                    runStart = index
                default:
                    index += 1
                }
            }
            flush(count)
        }
        output.append(UInt8(ascii: "\""))
    }
}
