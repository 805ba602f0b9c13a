/// All-or-nothing writes to Content: a write-ahead journal in `Content/.paperboy-transaction/`.
///
/// 1. Every new file is written and flushed into the journal folder.
/// 2. A `manifest` (staged name -> target) is renamed into place: the commit point.
/// 3. Each staged file is renamed over its target, then the journal is removed.
///
/// Killed before 2, ``recover(content:)`` throws the journal away (Content as before);
/// killed after 2, it finishes the renames (Content as after). Every command that reads
/// Content recovers first, under the Content lock.
public struct ContentTransaction {
    public static let folderName = ".paperboy-transaction"
    let content: String
    var staged: [(name: String, target: String)] = []

    var folder: String { content + "/" + Self.folderName }

    public init(content: String) {
        self.content = content
    }

    /// Files to be written, as (path relative to Content, text).
    public mutating func stage(_ text: String, at relativePath: String) {
        staged.append((name: String(format: "%06d", staged.count), target: relativePath))
        pendingTexts.append(text)
    }

    private var pendingTexts: [String] = []

    /// Writes the journal, commits it and applies it.
    public func commit() throws(PaperboyError) {
        guard !staged.isEmpty else { return }
        try Self.recover(content: content)
        try checkWritable()
        try FileIO.createDirectory(folder)
        for (entry, text) in zip(staged, pendingTexts) {
            try FileIO.write(Array(text.utf8), to: folder + "/" + entry.name, durable: true)
        }
        let manifest = staged.map { "\($0.name)\t\($0.target)\n" }.joined()
        try FileIO.write(Array(manifest.utf8), to: folder + "/manifest.pending", durable: true)
        FileIO.syncDirectory(folder)
        guard rename(folder + "/manifest.pending", folder + "/manifest") == 0 else {
            throw PaperboyError("\(folder): cannot commit: \(FileIO.errorText())")
        }
        FileIO.syncDirectory(folder)
        try Self.recover(content: content)
    }

    /// Every folder a file goes into must be writable before the commit point: after it,
    /// a failing rename would leave the ingest half-applied until someone fixes the folder.
    func checkWritable() throws(PaperboyError) {
        var folders = Set([content])
        for entry in staged {
            var folder = FileIO.parentDirectory(of: content + "/" + entry.target) ?? content
            while FileIO.kind(folder) == nil, let parent = FileIO.parentDirectory(of: folder) { folder = parent }
            folders.insert(folder)
        }
        for folder in folders.sorted() where access(folder, W_OK) != 0 {
            throw PaperboyError("\(folder): not writable (\(FileIO.errorText())); nothing was written")
        }
    }

    /// Finishes or discards an interrupted transaction; a no-op when there is none.
    public static func recover(content: String) throws(PaperboyError) {
        let folder = content + "/" + folderName
        guard FileIO.kind(folder) == .directory else { return }
        if let manifest = try? FileIO.readText(folder + "/manifest") {
            var touchedFolders = Set<String>()
            for line in manifest.split(separator: "\n") {
                let parts = line.split(separator: "\t", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let source = folder + "/" + parts[0]
                let target = content + "/" + parts[1]
                guard FileIO.kind(source) == .file else { continue }  // already moved before a crash
                let directory = FileIO.parentDirectory(of: target) ?? content
                try FileIO.createDirectory(directory)
                guard rename(source, target) == 0 else { throw PaperboyError("\(target): \(FileIO.errorText())") }
                touchedFolders.insert(directory)
            }
            touchedFolders.forEach(FileIO.syncDirectory)
        }
        for name in FileIO.list(folder) { FileIO.remove(folder + "/" + name) }
        FileIO.remove(folder)
        FileIO.syncDirectory(content)
    }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#endif
