/// All-or-nothing writes to Content: a write-ahead journal in `Content/.paperboy-transaction/`.
///
/// 1. Every new file is written and flushed into the journal folder.
/// 2. A `manifest` (staged name -> target) is renamed into place: the commit point.
/// 3. Each staged file is renamed over its target, then the journal is removed.
///
/// Killed before 2, ``recover(content:)`` throws the journal away (Content as before);
/// killed after 2, it finishes the renames (Content as after). Every command that reads
/// Content recovers first, under the Content lock.
package struct ContentTransaction {
    package static let folderName = ".paperboy-transaction"
    let content: String
    var staged: [(name: String, target: String)] = []

    var folder: String { content + "/" + Self.folderName }

    package init(content: String) {
        self.content = content
    }

    /// Files to be written, as (path relative to Content, text).
    package mutating func stage(_ text: String, at relativePath: String) {
        staged.append((name: String(format: "%06d", staged.count), target: relativePath))
        pendingTexts.append(text)
    }

    private var pendingTexts: [String] = []

    /// Writes the journal, commits it and applies it.
    ///
    /// Every write goes through folders opened one component at a time from Content, never
    /// through a symbolic link; a link where a file must go (`Content/papers`, a day's file)
    /// is refused before anything is written.
    package func commit() throws(PaperboyError) {
        guard !staged.isEmpty else { return }
        try Self.recover(content: content)
        let root = try Self.open(content)
        try checkWritable(root)
        guard let journal = try root.folder(Self.folderName, create: true) else {
            throw PaperboyError("\(folder): cannot make the journal folder")
        }
        for (entry, text) in zip(staged, pendingTexts) {
            try journal.writeAtomically(Array(text.utf8), to: entry.name, durable: true)
        }
        let manifest = staged.map { "\($0.name)\t\($0.target)\n" }.joined()
        try journal.writeAtomically(Array(manifest.utf8), to: Self.pendingManifestName, durable: true)
        journal.sync()
        guard journal.rename(Self.pendingManifestName, to: Self.manifestName) else {
            throw PaperboyError("\(folder): cannot commit: \(FileIO.errorText())")
        }
        journal.sync()
        try Self.recover(content: content)
    }

    static let manifestName = "manifest"
    static let pendingManifestName = "manifest.pending"

    /// Content held open (a link at Content itself is the user's choice, followed).
    static func open(_ content: String) throws(PaperboyError) -> FileIO.OpenFolder {
        guard let root = FileIO.OpenFolder(content) else { throw PaperboyError("\(content): \(FileIO.errorText())") }
        return root
    }

    /// Every folder a file goes into must be writable, and no link may stand where a file goes,
    /// before the commit point: after it, a failing rename would leave the ingest half-applied
    /// until someone fixes the folder.
    func checkWritable(_ root: FileIO.OpenFolder) throws(PaperboyError) {
        if root.entry(Self.folderName) == .symlink { throw FileIO.linkRefusal(folder) }
        var folders = Set([content])
        for entry in staged {
            // Throws when a folder on the way is a link; nil when one is still to be made.
            if let (parent, name) = try root.parent(of: entry.target, create: false), parent.entry(name) == .symlink {
                throw FileIO.linkRefusal(content + "/" + entry.target)
            }
            var folder = FileIO.parentDirectory(of: content + "/" + entry.target) ?? content
            while FileIO.kind(folder) == nil, let parent = FileIO.parentDirectory(of: folder) { folder = parent }
            folders.insert(folder)
        }
        for folder in folders.sorted() where access(folder, W_OK) != 0 {
            throw PaperboyError("\(folder): not writable (\(FileIO.errorText())); nothing was written")
        }
    }

    /// Finishes or discards an interrupted transaction; a no-op when there is none.
    ///
    /// A journal line whose target is not a plain path inside Content (absolute, `..`), or that
    /// is cut short, is ignored: a damaged journal must not write anywhere else. A journal folder that is a
    /// symbolic link is refused, never emptied.
    package static func recover(content: String) throws(PaperboyError) {
        let folder = content + "/" + folderName
        let root = try open(content)
        switch root.entry(folderName) {
        case .missing: return
        case .symlink: throw FileIO.linkRefusal(folder)
        case .directory: break
        case .file, .other: throw PaperboyError("\(folder): is not a folder; move it away (paperboy keeps its journal there)")
        }
        guard let journal = try root.folder(folderName, create: false) else { return }
        if let manifest = try? journal.read(manifestName) {
            // Only whole lines: a line cut short (a damaged journal) names no file it means.
            var lines = String(decoding: manifest, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            lines.removeLast()
            for line in lines {
                try apply(line, from: journal, into: root, content: content)
            }
        }
        for (name, _) in journal.entries() { journal.removeOwnEntry(name) }
        root.removeEmptyFolder(folderName)
        root.sync()
    }

    /// Moves the staged file of one committed journal line (`NAME<TAB>TARGET`) over its target.
    private static func apply(
        _ line: Substring, from journal: FileIO.OpenFolder, into root: FileIO.OpenFolder, content: String
    ) throws(PaperboyError) {
        let parts = line.split(separator: "\t", maxSplits: 1)
        guard parts.count == 2, !parts[0].contains("/"), isContentPath(parts[1]) else { return }
        let source = String(parts[0]), target = String(parts[1])
        guard case .file = journal.entry(source) else { return }  // already moved before a crash
        guard let found = try root.parent(of: target, create: true) else { return }
        if found.folder.entry(found.name) == .symlink { throw FileIO.linkRefusal(content + "/" + target) }
        guard journal.rename(source, to: found.name, in: found.folder) else {
            throw PaperboyError("\(content)/\(target): \(FileIO.errorText())")
        }
        found.folder.sync()
    }

    /// Whether a journal line's target is a plain relative path inside Content.
    static func isContentPath(_ path: Substring) -> Bool {
        !path.isEmpty && !path.hasPrefix("/")
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }
}

import Foundation
import PaperboyCore

#if canImport(Glibc)
    import Glibc
#endif
