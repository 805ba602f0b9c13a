import PaperboyCore

/// `Content/site.yml`: what the whole site is called and where it lives.
package struct SiteConfig: Sendable, Equatable {
    package var title: String
    package var description: String
    /// Absolute URL of the site's root, always ending in `/` (`https://user.github.io/archive/`).
    package var baseURL: String
    /// BCP 47 language tag for `<html lang>` and the feeds.
    package var language: String
    package var author: String
    /// How many papers the site-wide and topic feeds carry.
    package var feedItems: Int

    package init(title: String, description: String, baseURL: String, language: String = "en", author: String = "", feedItems: Int = 50) {
        self.title = title
        self.description = description
        self.baseURL = SiteConfig.normalizedBaseURL(baseURL)
        self.language = language
        self.author = author
        self.feedItems = feedItems
    }

    /// The path part of the base URL (`/archive/`), the prefix of every root-relative link.
    package var basePath: String {
        guard let schemeEnd = baseURL.range(of: "://") else { return "/" }
        let afterHost = baseURL[schemeEnd.upperBound...]
        guard let slash = afterHost.firstIndex(of: "/") else { return "/" }
        return String(afterHost[slash...])
    }

    static func normalizedBaseURL(_ url: String) -> String {
        url.hasSuffix("/") ? url : url + "/"
    }

    /// The base URL in canonical form (scheme and host lower case, path ending in `/`), or
    /// why it cannot be one. It goes verbatim into every feed id and canonical link, so it is
    /// checked strictly: http(s), a host, an optional port, a folder path of plain URL characters.
    package static func parseBaseURL(_ url: String) -> Result<String, PaperboyError> {
        func failure(_ why: String) -> Result<String, PaperboyError> {
            .failure(PaperboyError("\(url) is not a usable base URL: \(why) (example: https://user.github.io/archive/)"))
        }
        guard let schemeEnd = url.range(of: "://") else { return failure("it needs http:// or https://") }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return failure("the scheme must be http or https") }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix(while: { $0 != "/" })
        var path = String(rest.dropFirst(authority.count))
        guard !authority.contains("@") else { return failure("it may not contain a user name or password") }
        var host = Substring(authority)
        if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            guard let port = Int(authority[authority.index(after: colon)...], radix: 10), (1...65535).contains(port) else {
                return failure("the port must be a number from 1 to 65535")
            }
        }
        let hostCharacters = host.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == ".")
        }
        guard !host.isEmpty, hostCharacters, !host.hasPrefix("."), !host.hasPrefix("-") else {
            return failure("the host must be a domain name like example.org (write international names in punycode)")
        }
        if path.isEmpty { path = "/" }
        guard !path.contains("?"), !path.contains("#") else { return failure("it may not have a query or fragment") }
        guard URLEscaping.percentEncodingUnsafe(path) == path else {
            return failure("the path holds characters a URL cannot carry raw; percent-encode them")
        }
        if !path.hasSuffix("/") {
            if path.split(separator: "/").last?.contains(".") == true { return failure("it must name a folder, not a file") }
            path += "/"
        }
        guard !path.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }) else {
            return failure("the path may not contain . or .. segments")
        }
        return .success("\(scheme)://\(authority.lowercased())\(path)")
    }

    /// Reads site.yml; `file` names it in diagnostics.
    package init(yaml source: String, file: String) throws(Diagnostic) {
        let node = try YAMLParser.parse(Substring(source), file: file)
        func text(_ key: String, default value: String? = nil) throws(Diagnostic) -> String {
            guard let field = node[key] else {
                if let value { return value }
                throw Diagnostic(file: file, line: 1, "missing `\(key)`")
            }
            guard let string = field.string else { throw Diagnostic(file: file, line: field.line, "`\(key)` must be a text") }
            return string
        }
        let baseURL = try text("base_url")
        let canonicalBaseURL: String
        switch SiteConfig.parseBaseURL(baseURL) {
        case let .success(url): canonicalBaseURL = url
        case let .failure(error): throw Diagnostic(file: file, line: node["base_url"]!.line, "`base_url`: \(error)")
        }
        var feedItems = 50
        if let field = node["feed_items"] {
            guard let value = field.string.flatMap({ Int($0, radix: 10) }), (1...10_000).contains(value) else {
                throw Diagnostic(file: file, line: field.line, "`feed_items` must be a whole number from 1 to 10000")
            }
            feedItems = value
        }
        let language = try text("language", default: "en")
        guard !language.isEmpty, language.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw Diagnostic(file: file, line: node["language"]?.line ?? 1, "`language` must be a language tag like en or en-GB")
        }
        self.init(
            title: try text("title"), description: try text("description", default: ""), baseURL: canonicalBaseURL,
            language: language, author: try text("author", default: ""), feedItems: feedItems)
    }
}
