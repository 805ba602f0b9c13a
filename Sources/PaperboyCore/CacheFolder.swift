import Foundation

/// Where Paperboy keeps what it can compute again: parsed Content and page fingerprints.
///
/// Outside Content (the user's data, which commands other than ingest never write) and
/// outside the output (which must be exactly the site). Like Hugo's `cacheDir`:
/// `$PAPERBOY_CACHE_DIR`, else `$XDG_CACHE_HOME/paperboy`, else `~/.cache/paperboy`.
/// `PAPERBOY_CACHE_DIR=off` turns caching off. Deleting the folder is always safe.
package enum CacheFolder {
    /// The cache folder, or nil when caching is off or there is no home folder.
    package static var root: String? {
        let environment = ProcessInfo.processInfo.environment
        if let folder = environment["PAPERBOY_CACHE_DIR"], !folder.isEmpty {
            return folder == "off" ? nil : folder
        }
        if let folder = environment["XDG_CACHE_HOME"], folder.hasPrefix("/") { return folder + "/paperboy" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/paperboy" }
        return nil
    }

    /// What a cache file holds, and the speed mechanism it serves.
    package enum Kind: String {
        /// Content files as last parsed, with what was derived from them (``ContentCache``).
        case content
        /// Each page's fingerprint and file as last written (``PageRecords``).
        case pages
        /// The related-papers index of a Content folder (``RelatedIndex``).
        case related
        /// The search index's words, per sub-block of papers (``SearchTermCache``): a folder.
        case search

        package var mechanism: SpeedSwitches.Mechanism {
            switch self {
            case .content: .contentCache
            case .pages: .pageRecords
            case .related: .relatedCache
            case .search: .searchCache
            }
        }
    }

    /// The cache file of one kind for one folder: `<root>/<kind>-<hash of the folder's absolute path>.bin`.
    /// Nil when caching is off, or the mechanism this kind serves is (see ``SpeedSwitches``).
    package static func file(_ kind: Kind, for folder: String) -> String? {
        place(kind, for: folder).map { $0 + ".bin" }
    }

    /// The cache folder of one kind for one folder, for a kind kept as many files:
    /// `<root>/<kind>-<hash of the folder's absolute path>`. Nil as for ``file(_:for:)``.
    package static func folder(_ kind: Kind, for folder: String) -> String? {
        place(kind, for: folder)
    }

    private static func place(_ kind: Kind, for folder: String) -> String? {
        guard let root, SpeedSwitches.current.isOn(kind.mechanism) else { return nil }
        let absolute = FileIO.absolutePath(folder)
        return "\(root)/\(kind.rawValue)-\(String(FNV1a.hash(absolute.utf8), radix: 16))"
    }

    /// Writes a cache file; failing to is not an error, the next command computes it again.
    package static func write(_ bytes: [UInt8], to path: String) {
        write(to: path) { emit in emit(bytes) }
    }

    /// Writes a cache file from parts produced one at a time (see ``FileIO/OpenFolder/writeAtomically(to:durable:_:)``).
    /// The cache folder itself may be a link (the user named it); a link inside it is never
    /// written through or replaced: that cache file is then not kept.
    package static func write(to path: String, _ produce: (_ emit: ([UInt8]) -> Bool) -> Bool) {
        guard let folder = FileIO.parentDirectory(of: path), (try? FileIO.createDirectory(folder)) != nil,
            let open = FileIO.OpenFolder(folder)
        else { return }
        let name = String(path.dropFirst(folder.count + 1))
        guard open.entry(name) != .symlink else { return }
        _ = try? open.writeAtomically(to: name, produce)
    }
}
