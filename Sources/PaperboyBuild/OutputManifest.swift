import PaperboyCore

/// `.paperboy-manifest`: what the last build wrote into the output folder.
///
/// One line per file, relative to the output folder, in the build's own page order (sorting
/// every path twice was a visible part of an incremental build), after a state line:
///
///     # Files written by paperboy build; ...
///     # state: complete
///     index.html
///     papers/x/index.html
///
/// While a build runs the state is `building`; a manifest that still says so was left by
/// an interrupted build, whose temporaries the next build looks for and removes.
package struct OutputManifest: Sendable, Equatable {
    /// Every file, in the order the manifest lists them.
    package private(set) var order: [String]
    /// ``Digest/of(_:)`` of each file in `order`, and a table of them: every path is checked
    /// against another manifest by hash, and only compared as text when the hashes agree.
    private var hashes: [UInt64]
    private var table: PositionTable
    /// True while a build runs.
    package var building: Bool
    /// Lines of a parsed manifest that name no file a build could have written, and why: they
    /// are never acted on (a hand-edited `../` or absolute line must not delete anything).
    package private(set) var ignored: [(line: Int, text: String, reason: String)] = []

    /// A manifest of `files`, sorted.
    package init(files: Set<String> = [], building: Bool = false) {
        self.init(inOrder: files.sorted(), building: building)
    }

    /// A manifest of `order`'s files in that order (a repeated path is listed once).
    package init(inOrder order: [String], building: Bool = false) {
        let h = order.map(Digest.of)
        self.init(order: order, hashes: h, building: building)
    }

    private init(order paths: [String], hashes pathHashes: [UInt64], building: Bool) {
        order = []
        order.reserveCapacity(paths.count)
        hashes = []
        hashes.reserveCapacity(paths.count)
        table = PositionTable(count: paths.count)
        self.building = building
        for (path, hash) in zip(paths, pathHashes) {
            let listed = table.insert(order.count, hash: hash) { [order] in order[$0] == path }
            if listed == nil {
                order.append(path)
                hashes.append(hash)
            }
        }
    }

    /// Every file paperboy wrote (or, while `building`, may have written).
    package var files: Set<String> { Set(order) }

    /// How many files it lists.
    package var count: Int { order.count }

    /// Whether it lists `path`.
    package func contains(_ path: String) -> Bool {
        contains(path, hash: Digest.of(path))
    }

    private func contains(_ path: String, hash: UInt64) -> Bool {
        position(of: path, hash: hash) != nil
    }

    /// Where `path`, whose ``Digest/of(_:)`` is `hash`, is in `order`.
    func position(of path: String, hash: UInt64) -> Int? {
        table.find(hash: hash) { order[$0] == path }
    }

    /// Whether `other` lists every file this one does.
    func isSubset(of other: OutputManifest) -> Bool {
        zip(order, hashes).allSatisfy { other.contains($0, hash: $1) }
    }

    /// The same files, in the `complete` state.
    var completed: OutputManifest {
        var manifest = self
        manifest.building = false
        return manifest
    }

    /// This manifest's files, then `other`'s that it lacks.
    func union(_ other: OutputManifest) -> OutputManifest {
        OutputManifest(order: order + other.order, hashes: hashes + other.hashes, building: building)
    }

    package static func == (a: OutputManifest, b: OutputManifest) -> Bool {
        a.building == b.building && a.order == b.order
    }

    static let header = "# Files written by paperboy build; it removes only these when they lose their source.\n"
    static let buildingLine = "# state: building"
    static let completeLine = "# state: complete"

    /// Parses a manifest; one without a state line (an older version's) reads as interrupted.
    package init(bytes: [UInt8]) {
        // One pass over the bytes: each line's text and hash from where it lies (a line per file).
        var building = true
        var order: [String] = [], hashes: [UInt64] = []
        var ignored: [(line: Int, text: String, reason: String)] = []
        var lineNumber = 0
        order.reserveCapacity(bytes.count / 40)
        hashes.reserveCapacity(bytes.count / 40)
        bytes.withUnsafeBytes { all in
            var start = 0
            while start < all.count {
                var end = start
                while end < all.count && all[end] != 0x0A { end += 1 }
                let line = UnsafeRawBufferPointer(rebasing: all[start..<end])
                lineNumber += 1
                if line.first == UInt8(ascii: "#") {
                    if line.elementsEqual(Self.completeLine.utf8) { building = false }
                } else if let reason = Self.problem(with: line) {
                    ignored.append((lineNumber, String(decoding: line, as: UTF8.self), reason))
                } else {
                    order.append(String(decoding: line, as: UTF8.self))
                    var digest = Digest()
                    digest.add(utf8: line)
                    hashes.append(digest.value)
                }
                start = end + 1
            }
        }
        self.init(order: order, hashes: hashes, building: building)
        self.ignored = ignored
    }

    /// Why a manifest line names no file a build could have written, or nil when it may.
    /// A build writes relative paths of plain names below the output folder: never `..`, never
    /// absolute, no empty, `.` or hidden top-level component (a `.git` or the manifest itself),
    /// no control characters.
    static func problem(with line: UnsafeRawBufferPointer) -> String? {
        if line.isEmpty { return "is empty" }
        if line.first == UInt8(ascii: "/") { return "is an absolute path" }
        if line.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return "holds a control character" }
        var componentStart = 0
        for index in 0...line.count where index == line.count || line[index] == UInt8(ascii: "/") {
            let component = UnsafeRawBufferPointer(rebasing: line[componentStart..<index])
            if component.elementsEqual("..".utf8) { return "leaves the output folder (..)" }
            if component.isEmpty || component.elementsEqual(".".utf8) { return "has an empty or \".\" component" }
            if componentStart == 0, component.first == UInt8(ascii: ".") { return "names a hidden file, which a build never writes" }
            componentStart = index + 1
        }
        return nil
    }

    /// ``problem(with:)`` of a path.
    static func problem(with path: String) -> String? {
        var path = path
        return path.withUTF8 { problem(with: UnsafeRawBufferPointer($0)) }
    }

    /// The manifest's bytes: two builds of the same site write the same manifest.
    package var bytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(order.count * 48)
        bytes += Self.header.utf8
        bytes += (building ? Self.buildingLine : Self.completeLine).utf8
        bytes.append(0x0A)
        for path in order {
            bytes += path.utf8
            bytes.append(0x0A)
        }
        return bytes
    }
}
