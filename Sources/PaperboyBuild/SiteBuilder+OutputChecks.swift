import PaperboyCore

/// What the build checks before it writes anything into the output folder.
extension SiteBuilder.Options {
    /// Stale-output removal deletes files: never let it point at the user's data.
    func checkOutputIsSafe() throws {
        guard !output.isEmpty else { throw PaperboyError("--output is empty; name the folder to build into") }
        let absolute = FileIO.absolutePath(output)
        if absolute == "/" { throw PaperboyError("--output / would build into the file system's root") }
        for (name, folder) in [("Content", content), ("Templates", templates)] {
            let other = FileIO.absolutePath(folder)
            if other == absolute || other.hasPrefix(absolute + "/") {
                throw PaperboyError("--output \(output) contains the \(name) folder; building there would delete it")
            }
            if absolute.hasPrefix(other + "/") {
                throw PaperboyError("--output \(output) is inside the \(name) folder \(folder); build somewhere else")
            }
        }
    }

    /// Refuses, before anything is written, a symbolic link on the way to any file the build
    /// writes: writing through it could change files outside the output folder. A link the
    /// build has no business with stays as it is.
    func checkNoLinks(planned: OutputManifest, snapshot: OutputSnapshot?) throws(PaperboyError) {
        guard let root = FileIO.OpenFolder(output) else { throw PaperboyError("\(output): \(FileIO.errorText())") }
        var check = OutputLinkCheck(root: root)
        var link = check.firstLink(in: [OutputWriter.manifestName, OutputWriter.buildingMarkerName])
        if let snapshot, let manifest = snapshot.manifest {
            // The snapshot looked at the way to every file the manifest lists; the others are
            // looked at here (none in the usual rebuild, whose files are the manifest's).
            link = link ?? snapshot.linksOnListedPaths.sorted { $0.key < $1.key }.first { planned.contains(manifest.order[$0.key]) }?.value
            if link == nil, planned.order != manifest.order {
                link = check.firstLink(in: planned.order.filter { !manifest.contains($0) })
            }
        } else {
            link = link ?? check.firstLink(in: planned.order)
        }
        if let link {
            throw PaperboyError(
                "\(output)/\(link): is a symbolic link where the build writes; paperboy never writes through a link, which could change files outside the output folder. Replace it with a real folder or file, or build into another folder. Nothing was written"
            )
        }
    }
}
