/// Makes URL references absolute, for feeds: a feed reader shows an item away from the
/// site, so a relative `href` in an abstract would point nowhere.
///
/// Resolution follows RFC 3986 section 5.2 for the reference forms Markdown produces:
/// a reference with a scheme (`https:`, `mailto:`, ...) is kept as is; `//host/x` takes the
/// base URL's scheme; `/x` is resolved against the base URL's origin (scheme and host);
/// `#frag`, `?query` and relative paths (`x`, `./x`, `../x`) against the document's own URL,
/// with dot segments removed.
package struct LinkResolver: Sendable {
    /// `https://example.org` for the base URL `https://example.org/archive/`.
    package let origin: String
    /// `https`.
    package let scheme: String

    /// `baseURL` is the site's absolute base URL (`SiteConfig.baseURL`).
    package init(baseURL: String) {
        if let separator = baseURL.range(of: "://") {
            scheme = String(baseURL[..<separator.lowerBound])
            let afterScheme = baseURL[separator.upperBound...]
            let hostEnd = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
            origin = String(baseURL[..<hostEnd])
        } else {
            scheme = "https"
            origin = baseURL
        }
    }

    /// Whether `reference` starts with a URI scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`).
    package static func hasScheme(_ reference: some StringProtocol) -> Bool {
        var first = true
        for byte in reference.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                break
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if first { return false }
            case UInt8(ascii: ":"):
                return !first
            default:
                return false
            }
            first = false
        }
        return false
    }

    /// `reference` resolved against `document`, an absolute URL without query or fragment
    /// (a page's permalink, `https://example.org/archive/papers/x/`).
    package func resolve(_ reference: String, against document: String) -> String {
        if reference.isEmpty { return document }
        if reference.hasPrefix("//") { return scheme + ":" + reference }
        if LinkResolver.hasScheme(reference) { return reference }
        if reference.hasPrefix("#") || reference.hasPrefix("?") { return document + reference }
        let (path, suffix) = LinkResolver.splitPath(reference)
        if path.hasPrefix("/") { return origin + LinkResolver.removingDotSegments(path) + suffix }
        // Merge with the document's path: everything up to its last `/`.
        let documentPath = String(document.dropFirst(origin.count))
        let directory = documentPath.lastIndex(of: "/").map { String(documentPath[...$0]) } ?? "/"
        return origin + LinkResolver.removingDotSegments(directory + path) + suffix
    }

    /// Rewrites every `href="..."` and `src="..."` attribute of `html` (cmark-gfm output:
    /// double-quoted, values already escaped for HTML) to an absolute URL resolved against
    /// `document`. Text can never contain `href="` because cmark escapes `"` in text.
    package func absolutizingLinks(inHTML html: String, against document: String) -> String {
        guard html.utf8.contains(UInt8(ascii: "=")) else { return html }
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        var copied = 0
        var index = 0
        let count = bytes.count
        let href = Array(" href=\"".utf8)
        let src = Array(" src=\"".utf8)
        func matches(_ pattern: [UInt8], at position: Int) -> Bool {
            guard position + pattern.count <= count else { return false }
            for offset in 0..<pattern.count where bytes[position + offset] != pattern[offset] { return false }
            return true
        }
        while index < count {
            guard bytes[index] == UInt8(ascii: " ") else {
                index += 1
                continue
            }
            let pattern = matches(href, at: index) ? href : matches(src, at: index) ? src : nil
            guard let pattern else {
                index += 1
                continue
            }
            let valueStart = index + pattern.count
            guard let valueEnd = bytes[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else { break }
            let escapedValue = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
            let value = LinkResolver.decodingCharacterReferences(escapedValue)
            let resolved = resolve(value, against: document)
            if resolved != value {
                if output.isEmpty { output.reserveCapacity(count + 256) }
                output.append(contentsOf: bytes[copied..<valueStart])
                XMLEscaping.append(resolved, to: &output, attribute: true)
                copied = valueEnd
            }
            index = valueEnd + 1
        }
        if copied == 0 { return html }
        output.append(contentsOf: bytes[copied...])
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes the character references an HTML attribute value may hold (`&amp;`, `&#x27;`,
    /// `&#39;`, `&quot;`, `&lt;`, `&gt;`); anything else is left as written.
    static func decodingCharacterReferences(_ value: String) -> String {
        guard value.contains("&") else { return value }
        var output = ""
        output.reserveCapacity(value.utf8.count)
        var rest = Substring(value)
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            let reference = rest[ampersand...]
            guard let semicolon = reference.firstIndex(of: ";"), reference.distance(from: ampersand, to: semicolon) <= 10 else {
                output += "&"
                rest = rest[rest.index(after: ampersand)...]
                continue
            }
            let name = reference[reference.index(after: ampersand)..<semicolon]
            var decoded: Character?
            switch name {
            case "amp": decoded = "&"
            case "lt": decoded = "<"
            case "gt": decoded = ">"
            case "quot": decoded = "\""
            case "apos": decoded = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map(Character.init)
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init).map(Character.init)
                }
            }
            if let decoded {
                output.append(decoded)
                rest = rest[rest.index(after: semicolon)...]
            } else {
                output += "&"
                rest = rest[rest.index(after: ampersand)...]
            }
        }
        output += rest
        return output
    }

    /// Splits `path?query#fragment` into the path and the rest.
    static func splitPath(_ reference: String) -> (path: String, suffix: String) {
        guard let end = reference.firstIndex(where: { $0 == "?" || $0 == "#" }) else { return (reference, "") }
        return (String(reference[..<end]), String(reference[end...]))
    }

    /// RFC 3986 section 5.2.4, for an absolute path.
    static func removingDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var output: [Substring] = []
        // segments[0] is the empty segment before the leading `/`.
        for (position, segment) in segments.enumerated().dropFirst() {
            let isLast = position == segments.count - 1
            switch segment {
            case ".":
                if isLast { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        return "/" + output.joined(separator: "/")
    }
}
