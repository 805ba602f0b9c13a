import PaperboyCore

/// Saves a fetched feed into a folder, all or nothing, and only when its bytes are new.
package enum FeedFileWriter {
    /// What happened to the file.
    package enum Outcome: Sendable, Equatable {
        /// There was no such file.
        case created
        /// The file already held exactly these bytes; it was not touched.
        case unchanged
        /// The file held other bytes (the list changed since); it now holds these.
        case replaced
    }

    /// Writes `bytes` to `name` in `folder` (made when missing) beside it, flushed, then renamed
    /// over it: a reader never sees half a feed, and a crash leaves the old one. A link at `name`
    /// is refused, never written through.
    package static func save(_ bytes: [UInt8], as name: String, in folder: String) throws(PaperboyError) -> Outcome {
        try FileIO.createDirectory(folder)
        guard let open = FileIO.OpenFolder(folder) else { throw PaperboyError("\(folder): cannot open the folder: \(FileIO.errorText())") }
        let outcome: Outcome
        switch open.entry(name) {
        case .missing: outcome = .created
        case .file:
            if try open.read(name) == bytes { return .unchanged }
            outcome = .replaced
        case .symlink: throw FileIO.linkRefusal(path(name, in: folder))
        case .directory, .other:
            throw PaperboyError("\(path(name, in: folder)): is not a regular file; move it away or choose another --output")
        }
        try open.writeAtomically(bytes, to: name, durable: true)
        open.sync()
        return outcome
    }

    /// `feeds/hf-daily-2026-11-26.json`: the file's path as the user would type it.
    package static func path(_ name: String, in folder: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
