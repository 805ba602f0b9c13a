/// Plain feed text stored as Markdown that renders exactly as written.
///
/// Every character Markdown could interpret is backslash-escaped, except inside bare
/// URLs, which stay as they are so cmark-gfm's autolink extension turns them into links.
public enum PlainTextMarkdown {
    /// ASCII punctuation that means something inline in CommonMark or GFM.
    static let inlineSpecials: Set<UInt8> = Set("\\`*_[]<>&~|!".utf8)
    /// Characters that start a block when they begin a line.
    static let lineStartSpecials: Set<UInt8> = Set("#-+=>:".utf8)

    /// Escapes `text` (one paragraph) so it renders as itself.
    public static func escape(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let urls = bareURLs(in: bytes)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        var urlIndex = 0
        var index = 0
        var atLineStart = true
        while index < bytes.count {
            if urlIndex < urls.count, urls[urlIndex].lowerBound == index {
                output.append(contentsOf: bytes[urls[urlIndex]])
                index = urls[urlIndex].upperBound
                urlIndex += 1
                atLineStart = false
                continue
            }
            let byte = bytes[index]
            if inlineSpecials.contains(byte) || (atLineStart && lineStartSpecials.contains(byte)) {
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

    /// Byte ranges of bare `http://`, `https://` and `www.` URLs: up to white space or `<`,
    /// the way cmark-gfm's autolink extension scans them. A URL must start a word and
    /// have a real domain, or it is escaped like other text.
    static func bareURLs(in bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index] | 0x20
            guard byte == UInt8(ascii: "h") || byte == UInt8(ascii: "w") else { index += 1; continue }
            if index > 0, isWordByte(bytes[index - 1]) { index += 1; continue }
            var domainStart: Int?
            for prefix in ["https://", "http://", "www."] where hasPrefix(bytes, index, prefix) {
                domainStart = index + (prefix == "www." ? 0 : prefix.utf8.count)
                break
            }
            guard let start = domainStart else { index += 1; continue }
            var end = start
            while end < bytes.count, !isSpace(bytes[end]), bytes[end] != UInt8(ascii: "<") { end += 1 }
            // A domain: letters, digits, dashes and at least one dot before the path.
            var domainEnd = start
            var dots = 0
            while domainEnd < end, isDomainByte(bytes[domainEnd]) {
                if bytes[domainEnd] == UInt8(ascii: ".") { dots += 1 }
                domainEnd += 1
            }
            let domain = bytes[start..<domainEnd]
            if dots > 0, domain.first.map(isAlphanumeric) == true, domain.last.map(isAlphanumeric) == true
                || (domainEnd < end && domain.last != UInt8(ascii: "."))
            {
                ranges.append(index..<end)
                index = end
            } else {
                index += 1
            }
        }
        return ranges
    }

    /// GitHub repository URLs in plain text, trailing punctuation removed, first occurrence first.
    public static func githubURLs(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        var found: [String] = []
        for range in bareURLs(in: bytes) {
            var url = String(decoding: bytes[range], as: UTF8.self)
            while let last = url.last, ".,;:!?)]}'\"*_".contains(last) { url.removeLast() }
            let lower = url.lowercased()
            guard lower.hasPrefix("https://github.com/") || lower.hasPrefix("http://github.com/") || lower.hasPrefix("www.github.com/")
                || lower.hasPrefix("https://www.github.com/")
            else { continue }
            let path = url.split(separator: "/", omittingEmptySubsequences: true).dropFirst(url.hasPrefix("www.") ? 1 : 2)
            guard !path.isEmpty else { continue }
            if !found.contains(url) { found.append(url) }
        }
        return found
    }

    static func hasPrefix(_ bytes: [UInt8], _ index: Int, _ prefix: String) -> Bool {
        let p = Array(prefix.utf8)
        guard index + p.count <= bytes.count else { return false }
        for offset in 0..<p.count where bytes[index + offset] | 0x20 != p[offset] | 0x20 { return false }
        return true
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }
    static func isWordByte(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte >= 0x80 }
    static func isDomainByte(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") }
}
