/// Plain feed text stored as Markdown that renders exactly as written.
///
/// Every character Markdown could interpret is backslash-escaped, except inside bare
/// URLs, which stay as they are so cmark-gfm's autolink extension turns them into links.
/// Which URLs those are is decided by the same rules the extension uses (``autolinks(in:)``);
/// a URL whose left-over trailing punctuation cannot stay plain is escaped like other text
/// and kept from becoming a link, so the text still renders as written.
package enum PlainTextMarkdown {
    /// ASCII punctuation that means something inline in CommonMark or GFM.
    static let inlineSpecials: Set<UInt8> = Set("\\`*_[]<>&~|!".utf8)
    /// Characters that start a block when they begin a line.
    static let lineStartSpecials: Set<UInt8> = Set("#-+=>:".utf8)
    /// Punctuation the autolink extension leaves after a link that is harmless as plain text.
    static let harmlessTrailing: Set<UInt8> = Set("?!.,:'\");".utf8)
    /// The most trailing punctuation a link may leave and still stay a plain link.
    static let maximumTrailing = 64

    /// Escapes `text` (one paragraph) so it renders as itself.
    package static func escape(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let links = autolinks(in: bytes)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        var linkIndex = 0
        var index = 0
        var atLineStart = true
        while index < bytes.count {
            if linkIndex < links.count, links[linkIndex].start == index {
                let link = links[linkIndex]
                linkIndex += 1
                if isPlain(link, in: bytes) {
                    // The link and the punctuation the extension leaves after it, as written.
                    output.append(contentsOf: bytes[link.start..<link.scanEnd])
                    index = link.scanEnd
                    atLineStart = false
                    continue
                }
                // Otherwise fall through: escaped like any text, and kept from linking below.
            }
            let byte = bytes[index]
            if inlineSpecials.contains(byte) || (atLineStart && lineStartSpecials.contains(byte)) {
                output.append(UInt8(ascii: "\\"))
            } else if byte == UInt8(ascii: ":"), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "/"),
                bytes[index + 2] == UInt8(ascii: "/")
            {
                // `scheme://` outside a plain link: `\:` keeps the autolink extension away.
                output.append(UInt8(ascii: "\\"))
            } else if byte == UInt8(ascii: "."), index >= 3, bytes[index - 3] == UInt8(ascii: "w"),
                bytes[index - 2] == UInt8(ascii: "w"), bytes[index - 1] == UInt8(ascii: "w")
            {
                // `www.` outside a plain link, likewise.
                output.append(UInt8(ascii: "\\"))
            } else if atLineStart, byte >= 0x30, byte <= 0x39 {
                // `1. ` or `1) ` would start an ordered list: escape the delimiter.
                var end = index
                while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39 { end += 1 }
                if end < bytes.count, bytes[end] == UInt8(ascii: ".") || bytes[end] == UInt8(ascii: ")") {
                    output.append(contentsOf: bytes[index..<end])
                    output.append(UInt8(ascii: "\\"))
                    output.append(bytes[end])
                    index = end + 1
                    atLineStart = false
                    continue
                }
            }
            output.append(byte)
            atLineStart = byte == 0x0A
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// A bare URL as cmark-gfm's autolink extension sees it: `start..<end` becomes the link,
    /// `end..<scanEnd` is trailing punctuation it leaves out, and `scanEnd` is where its scan
    /// stopped (white space, `<` or the end of the text).
    struct Autolink: Equatable {
        var start: Int
        var end: Int
        var scanEnd: Int
    }

    /// Whether the link can stay as written: what the extension leaves after it must be
    /// harmless plain text (no emphasis delimiter, no entity), and the scan must end at white
    /// space, since an escape before a `<` would be taken into the link. A long run of trailing
    /// punctuation is not a real link: cmark-gfm 0.29.0.gfm.6 trims a run of `)` in quadratic
    /// time (99,000 of them took seconds), so such text is escaped and never reaches the extension.
    static func isPlain(_ link: Autolink, in bytes: [UInt8]) -> Bool {
        if link.scanEnd < bytes.count, !isSpace(bytes[link.scanEnd]) { return false }
        if link.scanEnd - link.end > maximumTrailing { return false }
        return bytes[link.end..<link.scanEnd].allSatisfy { harmlessTrailing.contains($0) }
    }

    /// The bare URLs cmark-gfm 0.29's autolink extension links in `bytes`, in order: `http://`,
    /// `https://` and `ftp://` after a run of letters that is exactly the scheme, and `www.`
    /// at the start, after white space or after one of `*_~(`.
    static func autolinks(in bytes: [UInt8]) -> [Autolink] {
        var links: [Autolink] = []
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if isAlpha(byte), index == 0 || !isAlpha(bytes[index - 1]) {
                var colon = index
                while colon < count, isAlpha(bytes[colon]) { colon += 1 }
                if let link = schemeLink(bytes, start: index, colon: colon) {
                    links.append(link)
                    index = link.end
                    continue
                }
            }
            if byte == UInt8(ascii: "w"), let link = wwwLink(bytes, start: index) {
                links.append(link)
                index = link.end
                continue
            }
            index += 1
        }
        return links
    }

    /// `url_match`: the letters before `:` must be a safe scheme, then `//` and an alphanumeric.
    static func schemeLink(_ bytes: [UInt8], start: Int, colon: Int) -> Autolink? {
        let count = bytes.count
        guard colon + 3 < count, bytes[colon] == UInt8(ascii: ":"), bytes[colon + 1] == UInt8(ascii: "/"),
            bytes[colon + 2] == UInt8(ascii: "/"), isAlphanumeric(bytes[colon + 3])
        else { return nil }
        let scheme = String(decoding: bytes[start..<colon].map { $0 | 0x20 }, as: UTF8.self)
        guard scheme == "http" || scheme == "https" || scheme == "ftp" else { return nil }
        let domain = domainLength(bytes, from: colon + 3, allowShort: true)
        guard domain > 0 else { return nil }
        return finish(bytes, start: start, dataStart: colon, linkEnd: colon + 3 + domain)
    }

    /// `www_match`: exactly `www.` (lower case), at the start or after white space or `*_~(`.
    static func wwwLink(_ bytes: [UInt8], start: Int) -> Autolink? {
        if start > 0 {
            let previous = bytes[start - 1]
            guard isSpace(previous) || "*_~(".utf8.contains(previous) else { return nil }
        }
        guard start + 4 <= bytes.count, bytes[start..<(start + 4)].elementsEqual("www.".utf8) else { return nil }
        let domain = domainLength(bytes, from: start, allowShort: false)
        guard domain > 0 else { return nil }
        return finish(bytes, start: start, dataStart: start, linkEnd: start + domain)
    }

    /// Extends a link to white space, then trims it the way `autolink_delim` does.
    static func finish(_ bytes: [UInt8], start: Int, dataStart: Int, linkEnd: Int) -> Autolink? {
        var scanEnd = linkEnd
        while scanEnd < bytes.count, !isSpace(bytes[scanEnd]) { scanEnd += 1 }
        if let less = bytes[dataStart..<scanEnd].firstIndex(of: UInt8(ascii: "<")) { scanEnd = less }
        var end = scanEnd
        // Parentheses in the link, counted once (on the first `)`) and kept up to date as
        // `)`s are trimmed: recounting at every `)` made a run of them quadratic.
        var opening = -1
        var closing = 0
        trimming: while end > dataStart {
            let last = bytes[end - 1]
            switch last {
            case UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"),
                UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "'"), UInt8(ascii: "\""):
                end -= 1
            case UInt8(ascii: ";"):
                // `&name;` at the end is an entity, left out whole; otherwise only the `;`.
                var entityStart = end - 2
                while entityStart > dataStart, isAlpha(bytes[entityStart]) { entityStart -= 1 }
                if entityStart < end - 2, bytes[entityStart] == UInt8(ascii: "&") { end = entityStart } else { end -= 1 }
            case UInt8(ascii: ")"):
                // A `)` stays when it closes a `(` of the link.
                if opening < 0 {
                    opening = bytes[dataStart..<end].filter { $0 == UInt8(ascii: "(") }.count
                    closing = bytes[dataStart..<end].filter { $0 == UInt8(ascii: ")") }.count
                }
                if closing <= opening { break trimming }
                end -= 1
                closing -= 1
            default:
                break trimming
            }
        }
        guard end > dataStart else { return nil }
        return Autolink(start: start, end: end, scanEnd: scanEnd)
    }

    /// `check_domain`: the length of the host part, or 0 when an underscore is in one of its
    /// last two labels (or, unless `allowShort`, it has no dot).
    static func domainLength(_ bytes: [UInt8], from start: Int, allowShort: Bool) -> Int {
        let size = bytes.count - start
        var index = 1
        var dots = 0
        var underscoresBefore = 0
        var underscores = 0
        while index < size - 1 {
            let byte = bytes[start + index]
            if byte == UInt8(ascii: "_") {
                underscores += 1
            } else if byte == UInt8(ascii: ".") {
                underscoresBefore = underscores
                underscores = 0
                dots += 1
            } else if byte != UInt8(ascii: "-"), !isHostByte(byte) {
                break
            }
            index += 1
        }
        if underscoresBefore > 0 || underscores > 0 { return 0 }
        return allowShort || dots > 0 ? index : 0
    }

    /// GitHub repository URLs in plain text, trailing punctuation removed, first occurrence first.
    package static func githubURLs(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        var found: [String] = []
        for link in autolinks(in: bytes) {
            var url = String(decoding: bytes[link.start..<link.end], as: UTF8.self)
            while let last = url.last, ".,;:!?)]}'\"*_".contains(last) { url.removeLast() }
            let lower = url.lowercased()
            guard
                lower.hasPrefix("https://github.com/") || lower.hasPrefix("http://github.com/") || lower.hasPrefix("www.github.com/")
                    || lower.hasPrefix("https://www.github.com/")
            else { continue }
            let path = url.split(separator: "/", omittingEmptySubsequences: true).dropFirst(lower.hasPrefix("www.") ? 1 : 2)
            guard !path.isEmpty else { continue }
            // `www.github.com/x` is a link in the text (cmark-gfm links it as http://); stored with its scheme.
            if lower.hasPrefix("www.") { url = "https://" + url }
            if !found.contains(url) { found.append(url) }
        }
        return found
    }

    /// cmark's white space (`cmark_isspace`).
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
    static func isAlpha(_ byte: UInt8) -> Bool { byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A }
    static func isAlphanumeric(_ byte: UInt8) -> Bool { (byte >= 0x30 && byte <= 0x39) || isAlpha(byte) }
    /// A byte that continues a host name for `check_domain`: not white space, not punctuation.
    /// A non-ASCII character ends it too (the extension looks at its bytes one by one, and
    /// a continuation byte never decodes).
    static func isHostByte(_ byte: UInt8) -> Bool {
        if byte >= 0x80 { return false }
        if isAlphanumeric(byte) { return true }
        if isSpace(byte) { return false }
        return byte < 0x21 || byte == 0x7F  // other control characters are neither space nor punctuation
    }
}
