/// `.paperboy-manifest`: what the last build wrote into the output folder.
///
/// One line per file, relative to the output folder, in the build's own page order (sorting
/// 76,000 paths twice was a visible part of an incremental build), after a state line:
///
///     # Files written by paperboy build; ...
///     # state: complete
///     index.html
///     papers/x/index.html
///
/// While a build runs the state is `building`; a manifest that still says so was left by
/// an interrupted build, whose temporaries the next build looks for and removes.
public struct OutputManifest: Sendable, Equatable {
    /// Every file paperboy wrote (or, while `building`, may have written).
    public private(set) var files: Set<String>
    /// The same files in the order the manifest lists them.
    public private(set) var order: [String]
    /// True while a build runs.
    public var building: Bool

    /// A manifest of `files`, sorted.
    public init(files: Set<String> = [], building: Bool = false) {
        self.files = files
        self.order = files.sorted()
        self.building = building
    }

    /// A manifest of `order`'s files in that order (a repeated path is listed once).
    public init(inOrder order: [String], building: Bool = false) {
        self.files = Set(minimumCapacity: order.count)
        self.order = []
        self.order.reserveCapacity(order.count)
        self.building = building
        for path in order where files.insert(path).inserted { self.order.append(path) }
    }

    /// The same files, in the `complete` state.
    var completed: OutputManifest {
        var manifest = self
        manifest.building = false
        return manifest
    }

    /// This manifest's files, then `other`'s that it lacks.
    func union(_ other: OutputManifest) -> OutputManifest {
        var merged = self
        for path in other.order where merged.files.insert(path).inserted { merged.order.append(path) }
        return merged
    }

    static let header = "# Files written by paperboy build; it removes only these when they lose their source.\n"
    static let buildingLine = "# state: building"
    static let completeLine = "# state: complete"

    /// Parses a manifest; one without a state line (an older version's) reads as interrupted.
    public init(bytes: [UInt8]) {
        var building = true
        var order: [String] = []
        for line in bytes.split(separator: 0x0A) {
            if line.first == UInt8(ascii: "#") {
                if line.elementsEqual(Self.completeLine.utf8) { building = false }
                continue
            }
            order.append(String(decoding: line, as: UTF8.self))
        }
        self.init(inOrder: order, building: building)
    }

    /// The manifest's bytes: two builds of the same site write the same manifest.
    public var bytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(files.count * 48)
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
