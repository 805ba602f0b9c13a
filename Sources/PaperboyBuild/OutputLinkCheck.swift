import PaperboyCore

/// Finds a symbolic link where a build would write, before it writes anything.
///
/// The writer never follows a link (see `FileIO+NoFollow.swift`), but it would only meet one
/// half-way through a build. This looks first, so that a link in the output folder refuses the
/// build with nothing written. Each folder on the way is listed once, and only its links and
/// its entries that are not folders are kept (the listing gives each entry's type): a site of
/// many pages costs one listing per folder on the way, not a `stat` per folder.
struct OutputLinkCheck {
    let root: FileIO.OpenFolder

    /// What a folder's listing says about the way through it.
    private struct Listing {
        var links: Set<Substring> = []
        var notFolders: Set<Substring> = []
    }

    /// Each folder looked at, relative to the output folder ("" for itself); nil when it is not there.
    private var listings: [Substring: Listing?] = [:]

    init(root: FileIO.OpenFolder) {
        self.root = root
    }

    /// The first of `paths` on whose way a link stands, as the link's path relative to the
    /// output folder; nil when there is none. `isFile(i)` tells, when it can, that `paths[i]`
    /// was seen as a regular file (not a link), so it need not be looked at again.
    mutating func firstLink(in paths: [String], isFile: (Int) -> Bool = { _ in false }) -> String? {
        links(in: paths, isFile: isFile, stoppingAtFirst: true).first?.value
    }

    /// Every path of `paths` on whose way a link stands, by its position, with the link's path
    /// (only the first one found when `stoppingAtFirst`).
    mutating func links(in paths: [String], isFile: (Int) -> Bool = { _ in false }, stoppingAtFirst: Bool = false) -> [Int: String] {
        var found: [Int: String] = [:]
        for (index, path) in paths.enumerated() {
            guard let link = link(on: path, isFile: { isFile(index) }) else { continue }
            found[index] = link
            if stoppingAtFirst { break }
        }
        return found
    }

    private mutating func link(on path: String, isFile: () -> Bool) -> String? {
        var folderEnd = path.startIndex
        var index = path.startIndex
        // By bytes (`/` is ASCII): a search by characters would cut every path into graphemes.
        while let slash = path.utf8[index...].firstIndex(of: UInt8(ascii: "/")) {
            // A missing folder holds nothing; a file where a folder must be fails when written.
            guard let entries = listing(path[path.startIndex..<folderEnd]) else { return nil }
            let component = path[index..<slash]
            if !entries.links.isEmpty, entries.links.contains(component) { return String(path[path.startIndex..<slash]) }
            if !entries.notFolders.isEmpty, entries.notFolders.contains(component) { return nil }
            folderEnd = slash
            index = path.index(after: slash)
        }
        // Every folder on the way is a real one or missing: the file itself is looked at
        // (without following it) unless it is known to be a file.
        guard !isFile() else { return nil }
        return root.entry(path) == .symlink ? path : nil
    }

    /// The links and non-folders in `folder`, whose own folders were checked: listed once.
    private mutating func listing(_ folder: Substring) -> Listing? {
        if let known = listings[folder] { return known }
        var listing: Listing? = nil
        if let opened = folder.isEmpty ? root : try? root.folder(String(folder), create: false) {
            var found = Listing()
            for (name, kind) in opened.entries() {
                switch kind {
                case .directory: break
                case .symlink: found.links.insert(Substring(name))
                case .file, .other: found.notFolders.insert(Substring(name))
                }
            }
            listing = found
        }
        listings[folder] = listing
        return listing
    }
}
