import CMarkGFM
import Foundation

/// Markdown to HTML through cmark-gfm, in its safe mode: raw HTML is omitted and
/// `javascript:`, `vbscript:`, `file:` and `data:` links are dropped.
///
/// Extensions: autolink (bare URLs become links), table, strikethrough, tagfilter.
public struct MarkdownRenderer: Sendable {
    static let extensionNames = ["autolink", "table", "strikethrough", "tagfilter"]
    /// Registering the core extensions touches global state: do it exactly once.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// CMARK_OPT_DEFAULT is the safe mode since cmark-gfm 0.29; SAFE is kept explicit for older libraries.
    static let options: Int32 = CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8

    public init() {
        _ = Self.registered
    }

    /// The rendered HTML and the plain text of `markdown`.
    public func render(_ markdown: String) -> (html: String, plainText: String) {
        withDocument(markdown) { document, extensions in
            (Self.take(cmark_render_html(document, Self.options, extensions)),
             Self.take(cmark_render_plaintext(document, Self.options, 0)))
        }
    }

    /// The rendered HTML of `markdown`.
    public func html(_ markdown: String) -> String {
        withDocument(markdown) { document, extensions in
            Self.take(cmark_render_html(document, Self.options, extensions))
        }
    }

    /// cmark-gfm keeps the characters its extensions react to (`:`, `w`, `~`, ...) in one
    /// process-wide table that every parser adds them to and removes them from while it
    /// parses inlines: two parses at once drop links and strikethrough at random. Parsing
    /// is therefore one at a time; rendering the parsed tree runs in parallel.
    private static let parseLock = NSLock()

    private func withDocument<T>(_ markdown: String, _ body: (OpaquePointer?, UnsafeMutablePointer<cmark_llist>?) -> T) -> T {
        let parser = cmark_parser_new(Self.options)
        defer { cmark_parser_free(parser) }
        for name in Self.extensionNames {
            if let syntax = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
        }
        var markdown = markdown
        let document: OpaquePointer? = Self.parseLock.withLock {
            markdown.withUTF8 { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    cmark_parser_feed(parser, chars.baseAddress, chars.count)
                }
            }
            return cmark_parser_finish(parser)
        }
        defer { cmark_node_free(document) }
        return body(document, cmark_parser_get_syntax_extensions(parser))
    }

    private static func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
