import Foundation

/// Maps a request path to a file of the output folder, as a static host would: `dir` redirects to
/// `dir/`, `dir/` is `dir/index.html`, the site lives under its base URL's path. A path that
/// could leave the folder (a `..` segment, a link pointing outside) is refused, never followed.
package struct StaticFiles: Sendable {
    package enum Resolution: Equatable, Sendable {
        /// The file's real path (inside the output) and its content type.
        case file(String, contentType: String)
        /// A 301 to this path (percent-encoded).
        case redirect(String)
        case notFound
        case forbidden
    }

    /// The output folder, links resolved.
    package let root: String
    /// Where the site lives on the server: `/`, or the base URL's path (`/sub/`).
    package let prefix: String

    package init(root: String, prefix: String) {
        self.root =
            realpath(root, nil).map { pointer in
                defer { free(pointer) }
                return String(cString: pointer)
            } ?? root
        self.prefix = prefix.hasSuffix("/") ? prefix : prefix + "/"
    }

    /// `path` is the request's path, percent-decoded.
    package func resolve(_ path: String) -> Resolution {
        let path = path.isEmpty ? "/" : path
        guard path.hasPrefix(prefix) else {
            // `/` and `/sub` lead to the site; anything else outside it does not exist.
            return path == "/" || path + "/" == prefix ? .redirect(Self.encode(prefix)) : .notFound
        }
        let segments = path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
        for segment in segments {
            if segment == ".." || segment == "." || segment.contains("\0") || segment.contains("\\") { return .forbidden }
            // Paperboy's own files (`.paperboy-manifest`, locks) and any dotfile are not the site.
            if segment.hasPrefix(".") { return .notFound }
        }
        let relative = segments.joined(separator: "/")
        var candidate = relative.isEmpty ? root : root + "/" + relative
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) else { return .notFound }
        if isDirectory.boolValue {
            guard path.hasSuffix("/") else { return .redirect(Self.encode(path + "/")) }
            candidate += candidate.hasSuffix("/") ? "index.html" : "/index.html"
        }
        // Whatever links lie on the way, the file itself must be inside the output.
        guard let real = realpath(candidate, nil) else { return .notFound }
        defer { free(real) }
        let resolved = String(cString: real)
        guard resolved.hasPrefix(root + "/") else { return .forbidden }
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return .notFound
        }
        return .file(resolved, contentType: ContentType.of(resolved))
    }

    /// The site's own 404 page, when it has one.
    package var notFoundPage: String? {
        let path = root + "/404.html"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    static func encode(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}
