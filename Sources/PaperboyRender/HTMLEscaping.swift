import Mustache

/// HTML escaping for template values: `&`, `<`, `>`, `"` and `'`, the same characters as
/// swift-mustache's own HTML content type, but over UTF-8 bytes with a fast path for the
/// common text that needs no escaping (the stock escaper was a third of a build's time).
/// While a ``RenderWatch`` watches, texts with a private-use character go to it instead.
package struct HTMLEscaping: MustacheContentType {
    /// The name templates select it by; ``TemplateLibrary`` adds the pragma to every template.
    static let contentTypeName = "PAPERBOY_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(contentTypeName)}}"

    /// Registers the content type once per process.
    static let registered: Bool = {
        MustacheContentTypes.register(HTMLEscaping(), named: contentTypeName)
        return true
    }()

    package func escapeText(_ text: String) -> String { Self.escape(text) }

    /// ``escape(_:)`` of `text` appended to `output` as UTF-8, with no string in between (a
    /// skeleton's escaped slots, filled into a page's bytes). No ``RenderWatch`` sees it.
    package static func append(escaping text: String, to output: inout [UInt8]) {
        assert(RenderWatching.current == nil, "output is filled, not rendered, here")
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var copied = 0
            /// Appends the bytes since the last entity, then the entity for the byte at `index`, if any.
            func escape(at index: Int) {
                let entity: StaticString
                switch bytes[index] {
                case 0x26: entity = "&amp;"
                case 0x3C: entity = "&lt;"
                case 0x3E: entity = "&gt;"
                case 0x22: entity = "&quot;"
                case 0x27: entity = "&#39;"
                default: return
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                output.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                copied = index + 1
            }
            // Eight bytes at a time, as one word: most runs of text hold none of the five, and a
            // word with none of them passes five zero-byte tests (x ^ c has a zero byte where x has c).
            var index = 0
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            @inline(__always) func hasByte(_ word: UInt64, _ byte: UInt64) -> UInt64 {
                let v = word ^ (byte &* ones)
                return (v &- ones) & ~v & highs
            }
            while index + 8 <= bytes.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                if hasByte(word, 0x26) | hasByte(word, 0x3C) | hasByte(word, 0x3E) | hasByte(word, 0x22) | hasByte(word, 0x27) != 0 {
                    for offset in 0..<8 { escape(at: index + offset) }
                }
                index += 8
            }
            while index < bytes.count {
                escape(at: index)
                index += 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        }
    }

    /// `text` with the five HTML-special characters replaced by entities.
    package static func escape(_ text: String) -> String {
        var text = text
        let escaped: String? = text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0xEE }) else {
                return nil
            }
            if bytes.contains(0xEE), let watch = RenderWatching.current {
                return watch.escape(String(decoding: bytes, as: UTF8.self))
            }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 32)
            for byte in bytes {
                switch byte {
                case 0x26: output.append(contentsOf: "&amp;".utf8)
                case 0x3C: output.append(contentsOf: "&lt;".utf8)
                case 0x3E: output.append(contentsOf: "&gt;".utf8)
                case 0x22: output.append(contentsOf: "&quot;".utf8)
                case 0x27: output.append(contentsOf: "&#39;".utf8)
                default: output.append(byte)
                }
            }
            return String(decoding: output, as: UTF8.self)
        }
        // Most texts need nothing: the same string, not a copy.
        return escaped ?? text
    }
}
