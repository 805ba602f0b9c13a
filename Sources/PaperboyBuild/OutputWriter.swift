import PaperboyCore
import PaperboyIncremental

/// Writes the built site into the output folder, touching only what changed.
///
/// Each file is written beside its target and renamed over it, so a reader or a crash
/// never sees half a file (a new file too: a web server may serve the folder while it is
/// built). A file whose bytes are already there is not rewritten, which keeps incremental
/// builds cheap and modification times meaningful for rsync and S3 sync.
///
/// The output folder's `.paperboy-manifest` lists the files Paperboy wrote. Only those are
/// ever removed: a `CNAME` or anything else a person put there stays, and a folder that has
/// no manifest and is not empty is refused rather than emptied.
package struct OutputWriter: Sendable {
    package let root: String
    package static let manifestName = ".paperboy-manifest"

    package init(root: String) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
    }

    var manifestPath: String { root + "/" + Self.manifestName }

    /// Writes one file; returns whether its bytes changed. `folder` is the output folder held
    /// open, when the caller has it (opened here otherwise).
    @discardableResult
    package func write(_ file: OutputFile, in folder: FileIO.OpenFolder? = nil) throws(PaperboyError) -> Bool {
        let folder = if let folder { folder } else { try openRoot() }
        return try store(file, in: folder, known: nil).changed
    }

    /// Writes a page and records how: its fingerprint and the file as it now is. `folder` is
    /// the output folder held open (the file's path is walked from there); `known` is the
    /// file's identity when the build already took it (nil: not taken; `.some(nil)`: no file).
    package func write(
        _ file: OutputFile, fingerprint: UInt64, in folder: FileIO.OpenFolder? = nil, known: FileIdentity?? = nil
    ) throws(PaperboyError) -> (changed: Bool, record: PageRecords.Record?) {
        let folder = if let folder { folder } else { try openRoot() }
        let (changed, identity) = try store(file, in: folder, known: known)
        return (changed, identity.map { .init(fingerprint: fingerprint, file: $0) })
    }

    /// The output folder held open, made first if it is not there.
    private func openRoot() throws(PaperboyError) -> FileIO.OpenFolder {
        try FileIO.createDirectory(root)
        guard let folder = FileIO.OpenFolder(root) else { throw PaperboyError("\(root): \(FileIO.errorText())") }
        return folder
    }

    /// Writes one file unless it already holds these bytes; returns whether it changed and
    /// the file's identity afterwards (one `stat` when unchanged: reading changes no identity).
    /// The file's folders are opened one by one from the open output folder, never through a
    /// link (see `FileIO+NoFollow.swift`).
    private func store(_ file: OutputFile, in root: FileIO.OpenFolder, known: FileIdentity??) throws(PaperboyError) -> (
        changed: Bool, identity: FileIdentity?
    ) {
        // Folders are made when missing: a file seen earlier may have gone since, with its folder.
        let found: (folder: FileIO.OpenFolder, name: String)?
        do {
            found = try root.parent(of: file.path, create: true, likelyMissing: known == .some(nil))
        } catch {
            // A folder kept open may have been removed since: looked up again, once.
            root.forgetOpenFolders()
            found = try root.parent(of: file.path, create: true)
        }
        guard let (folder, name) = found else { throw PaperboyError("\(self.root)/\(file.path): cannot make its folder") }
        var existing: FileIdentity? = nil
        if let known {
            existing = known
        } else if case let .file(identity) = folder.entry(name) {
            existing = identity
        }
        if let existing, existing.size == file.contents.count, let bytes = try? folder.read(name), bytes == file.contents {
            return (false, existing)
        }
        return (true, try folder.writeAtomically(file.contents, to: name))
    }

    /// Whether a page rendered with `fingerprint` is already in place: the previous build
    /// wrote it with that fingerprint and nothing has touched the file since.
    /// `folder` is the output folder held open, so that a check per page does not walk its path.
    /// `known` is the file's identity when it was already taken (see ``OutputSnapshot``).
    package func isCurrent(
        _ path: String, fingerprint: UInt64, record: PageRecords.Record?, folder: FileIO.OpenFolder?, known: FileIdentity?? = nil
    ) -> Bool {
        guard let record, record.fingerprint == fingerprint else { return false }
        let identity = known ?? folder.flatMap { $0.entry(path).identity } ?? nil
        return identity == record.file
    }

    /// The previous build's manifest; nil when the folder is not a Paperboy output.
    package func previousManifest() -> OutputManifest? {
        guard let bytes = try? FileIO.read(manifestPath) else { return nil }
        return OutputManifest(bytes: bytes)
    }

    /// Whether the folder may be built into: it is empty (leftover temporaries aside) or it has a manifest.
    package func isClaimable() -> Bool {
        FileIO.kind(manifestPath) == .file || FileIO.list(root).allSatisfy { $0.hasSuffix(FileIO.temporarySuffix) }
    }

    /// Marks a build under way when the manifest already lists every file it may write: a
    /// temporary's name, so a kill leaves nothing a build or a test takes for site output.
    var buildingMarkerPath: String { root + "/" + Self.buildingMarkerName }
    static let buildingMarkerName = ".paperboy-building." + FileIO.temporarySuffix

    /// Whether the output folder itself holds a temporary: a build killed while it wrote the
    /// manifest or the marker leaves one there and nothing else to say it was cut short.
    /// Page temporaries need no look: pages are written only once the manifest or the
    /// marker says a build is under way.
    func holdsTemporaries() -> Bool {
        FileIO.list(root).contains { $0.hasSuffix(FileIO.temporarySuffix) && $0 != Self.buildingMarkerName }
    }

    /// What ``begin(planned:)`` found: the previous build's manifest, marked `building` when
    /// that build was cut short, and whether it already listed every planned file.
    package struct Start: Sendable {
        package var previous: OutputManifest
        package var listedAll: Bool
        /// The folder held no site file: none needs looking at before it is written.
        package var wasEmpty: Bool
    }

    /// Records the files this build may write before writing any, together with the previous
    /// build's, so that a build killed half-way still knows everything it may have to remove.
    /// `manifest` is the previous manifest when it was already read (see ``OutputSnapshot``).
    package func begin(planned: OutputManifest, manifest: OutputManifest?? = nil) throws(PaperboyError) -> Start {
        // No manifest: a new folder, or one holding only an interrupted first build's temporaries.
        let found = manifest ?? previousManifest()
        var previous = found ?? OutputManifest(building: !FileIO.list(root).isEmpty)
        if FileIO.kind(buildingMarkerPath) != nil || holdsTemporaries() { previous.building = true }
        if !previous.building, planned.isSubset(of: previous) {
            // The usual rebuild: the manifest stays as it is; a marker says a build runs.
            try openRoot().writeAtomically([], to: Self.buildingMarkerName)
            return Start(previous: previous, listedAll: true, wasEmpty: false)
        }
        var pending = planned.union(previous)
        pending.building = true
        try writeManifest(pending)
        // A claimable folder without a manifest holds temporaries at most (see isClaimable).
        return Start(previous: previous, listedAll: false, wasEmpty: found == nil)
    }

    /// What ``finish(written:after:)`` did.
    package struct Finish: Sendable {
        package var removed = 0
        /// Files of the previous build kept because a link stands in their way.
        package var warnings: [Diagnostic] = []
    }

    /// Removes the files the previous build wrote that this one did not, leftover temporaries
    /// of an interrupted build and folders left empty; then records this build's files.
    /// Nothing is removed through a symbolic link, nor a link itself.
    package func finish(written: OutputManifest, after start: Start) throws(PaperboyError) -> Finish {
        let previous = start.previous
        if start.listedAll, written.count == previous.count {
            // The same files as last time (a subset of the same size): nothing to remove. The
            // manifest is written again only when their order moved (papers ranked anew) or it
            // held lines that were ignored.
            if written.order != previous.order || !previous.ignored.isEmpty { try writeManifest(written.completed) }
            try openRoot().removeOwnEntry(Self.buildingMarkerName)
            return Finish()
        }
        let folder = try openRoot()
        var removed = 0
        var warnings: [Diagnostic] = []
        var folders = Set<String>()
        for path in previous.order where !written.contains(path) {
            // A file whose folder is missing is gone already; one behind a link is not the build's.
            do throws(PaperboyError) {
                guard let (parent, name) = try folder.parent(of: path, create: false) else { continue }
                switch parent.entry(name) {
                case .file: if parent.removeFile(name) { removed += 1 }
                case .symlink:
                    warnings.append(
                        Diagnostic(file: root + "/" + path, "not removed: it is a symbolic link, and paperboy never removes one"))
                default: break
                }
            } catch {
                warnings.append(Diagnostic(file: root + "/" + path, "not removed: \(error.description)"))
                continue
            }
            folders.insert(FileIO.parentDirectory(of: path) ?? "")
        }
        // Only a build that was cut short leaves temporaries: walk the tree for them only then.
        if previous.building {
            for path in FileIO.walk(root, includingLinks: true)
            where path.hasSuffix(FileIO.temporarySuffix) && path != Self.buildingMarkerName {
                if let (parent, name) = try? folder.parent(of: path, create: false) { parent.removeOwnEntry(name) }
            }
        }
        // Empty folders left behind, deepest first, never the output folder itself.
        var candidates = Set<String>()
        for path in folders {
            var current: String? = path
            while let path = current, !path.isEmpty {
                candidates.insert(path)
                current = FileIO.parentDirectory(of: path)
            }
        }
        for path in candidates.sorted(by: { $0.count > $1.count }) {
            guard let (parent, name) = try? folder.parent(of: path, create: false),
                let candidate = try? parent.folder(name, create: false), candidate.entries().isEmpty
            else { continue }
            parent.removeEmptyFolder(name)
        }
        if previous.building || written.order != previous.order || !previous.ignored.isEmpty || FileIO.kind(manifestPath) == nil {
            try writeManifest(written.completed)
        }
        folder.removeOwnEntry(Self.buildingMarkerName)
        return Finish(removed: removed, warnings: warnings)
    }

    func writeManifest(_ manifest: OutputManifest) throws(PaperboyError) {
        try openRoot().writeAtomically(manifest.bytes, to: Self.manifestName)
    }
}
