/// `Content/site.yml`: what the whole site is called and where it lives.
public struct SiteConfig: Sendable, Equatable {
    public var title: String
    public var description: String
    /// Absolute URL of the site's root, always ending in `/` (`https://user.github.io/archive/`).
    public var baseURL: String
    /// BCP 47 language tag for `<html lang>` and the feeds.
    public var language: String
    public var author: String
    /// How many papers the site-wide and topic feeds carry.
    public var feedItems: Int

    public init(title: String, description: String, baseURL: String, language: String = "en", author: String = "", feedItems: Int = 50) {
        self.title = title
        self.description = description
        self.baseURL = SiteConfig.normalizedBaseURL(baseURL)
        self.language = language
        self.author = author
        self.feedItems = feedItems
    }

    /// The path part of the base URL (`/archive/`), the prefix of every root-relative link.
    public var basePath: String {
        guard let schemeEnd = baseURL.range(of: "://") else { return "/" }
        let afterHost = baseURL[schemeEnd.upperBound...]
        guard let slash = afterHost.firstIndex(of: "/") else { return "/" }
        return String(afterHost[slash...])
    }

    static func normalizedBaseURL(_ url: String) -> String {
        url.hasSuffix("/") ? url : url + "/"
    }

    static func isValidBaseURL(_ url: String) -> Bool {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return false }
        let host = lower.drop(while: { $0 != "/" }).dropFirst(2).prefix(while: { $0 != "/" })
        return !host.isEmpty && !url.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "#" || $0 == "?" })
    }

    /// Reads site.yml; `file` names it in diagnostics.
    public init(yaml source: String, file: String) throws(Diagnostic) {
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
        guard SiteConfig.isValidBaseURL(baseURL) else {
            throw Diagnostic(file: file, line: node["base_url"]!.line, "`base_url` must be an absolute http(s) URL like https://example.org/archive/")
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
            title: try text("title"), description: try text("description", default: ""), baseURL: baseURL,
            language: language, author: try text("author", default: ""), feedItems: feedItems)
    }
}
