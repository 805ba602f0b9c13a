import Foundation

/// What the binary carries so that it works outside this repository: the default theme
/// (templates, partials and assets, as in the repository's `Templates/`) and the default topic
/// rules (`Content/topics.yml`). Embedded at build time by the EmbedDefaults plugin.
public enum DefaultFiles {
    /// Each file by its path in the repository (`Templates/paper.mustache`,
    /// `Templates/assets/style.css`, `Content/topics.yml`).
    public static let all: [String: [UInt8]] = {
        var files: [String: [UInt8]] = [:]
        for (name, base64) in embeddedFiles {
            files[name] = Data(base64Encoded: base64).map(Array.init) ?? []
        }
        return files
    }()

    /// A default template or asset by its path below `Templates/` (`paper.mustache`, `assets/style.css`).
    public static func template(_ path: String) -> [UInt8]? { all["Templates/" + path] }

    /// The default templates' paths below `Templates/`, sorted.
    public static var templatePaths: [String] {
        all.keys.filter { $0.hasPrefix("Templates/") }.map { String($0.dropFirst("Templates/".count)) }.sorted()
    }

    /// The default `topics.yml`.
    public static var topics: String { String(decoding: all["Content/topics.yml"] ?? [], as: UTF8.self) }
}
