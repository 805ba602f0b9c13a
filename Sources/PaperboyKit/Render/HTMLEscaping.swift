import Mustache

/// HTML escaping for template values: `&`, `<`, `>`, `"` and `'`, the same characters as
/// swift-mustache's own HTML content type, but over UTF-8 bytes with a fast path for the
/// common text that needs no escaping (the stock escaper was a third of a build's time).
/// While a ``TemplateSkeleton`` renders, it marks the sentinels it escapes instead.
public struct HTMLEscaping: MustacheContentType {
    /// The name templates select it by; ``TemplateLibrary`` adds the pragma to every template.
    static let contentTypeName = "PAPERBOY_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(contentTypeName)}}"

    /// Registers the content type once per process.
    static let registered: Bool = {
        MustacheContentTypes.register(HTMLEscaping(), named: contentTypeName)
        return true
    }()

    public func escapeText(_ text: String) -> String { Self.escape(text) }

    /// `text` with the five HTML-special characters replaced by entities.
    public static func escape(_ text: String) -> String {
        var text = text
        let escaped: String? = text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0xEE }) else {
                return nil
            }
            if bytes.contains(0xEE), let marked = TemplateSkeleton.escapedSentinel(String(decoding: bytes, as: UTF8.self)) {
                return marked
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
