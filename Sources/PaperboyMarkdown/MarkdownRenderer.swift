import CMarkGFM
import Foundation

/// Markdown to HTML through cmark-gfm, in its safe mode: raw HTML is omitted and
/// `javascript:`, `vbscript:`, `file:` and `data:` links are dropped.
///
/// Extensions: autolink (bare URLs become links), table, strikethrough, tagfilter.
package struct MarkdownRenderer: Sendable {
    static let extensionNames = ["autolink", "table", "strikethrough", "tagfilter"]
    /// Registering the core extensions touches global state: do it exactly once.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// CMARK_OPT_DEFAULT is the safe mode since cmark-gfm 0.29; SAFE is kept explicit for older libraries.
    static let options: Int32 = CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8

    package init() {
        _ = Self.registered
    }

    /// The rendered HTML and the plain text of `markdown`.
    package func render(_ markdown: String) -> (html: String, plainText: String) {
        withDocument(markdown) { document, extensions in
            (Self.take(cmark_render_html(document, Self.options, extensions)), Self.plainText(of: document))
        }
    }

    /// The rendered HTML of `markdown`.
    package func html(_ markdown: String) -> String {
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
        // Block parsing (feed) touches no shared state; inline parsing (in finish) does.
        markdown.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        let document: OpaquePointer? = Self.parseLock.withLock { cmark_parser_finish(parser) }
        defer { cmark_node_free(document) }
        return body(document, cmark_parser_get_syntax_extensions(parser))
    }

    /// The text of the document: its text and code literals, blocks separated by newlines.
    ///
    /// Walking the tree is much cheaper than cmark's plain-text renderer, which wraps and
    /// re-encodes every character; topics and excerpts only need the words.
    static func plainText(of document: OpaquePointer?) -> String {
        var bytes: [UInt8] = []
        guard let iterator = cmark_iter_new(document) else { return "" }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_ENTER {
                if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK,
                    let literal = cmark_node_get_literal(node)
                {
                    var pointer = literal
                    while pointer.pointee != 0 {
                        bytes.append(UInt8(bitPattern: pointer.pointee))
                        pointer += 1
                    }
                } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                    bytes.append(0x0A)
                }
            } else if event == CMARK_EVENT_EXIT, type.rawValue & 0xC000 == 0x8000, bytes.last != 0x0A, !bytes.isEmpty {
                // The end of a block (paragraph, heading, list item, table cell): a line break.
                bytes.append(0x0A)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
