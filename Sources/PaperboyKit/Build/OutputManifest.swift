/// `.paperboy-manifest`: what the last build wrote into the output folder.
///
/// One line per file, relative to the output folder, sorted, after a state line:
///
///     # Files written by paperboy build; ...
///     # state: complete
///     feed.xml
///     papers/x/index.html
///
/// While a build runs the state is `building`; a manifest that still says so was left by
/// an interrupted build, whose temporaries the next build looks for and removes.
public struct OutputManifest: Sendable, Equatable {
    /// Every file paperboy wrote (or, while `building`, may have written).
    public var files: Set<String>
    /// True while a build runs.
    public var building: Bool

    public init(files: Set<String> = [], building: Bool = false) {
        self.files = files
        self.building = building
    }

    static let header = "# Files written by paperboy build; it removes only these when they lose their source.\n"
    static let buildingLine = "# state: building"
    static let completeLine = "# state: complete"

    /// Parses a manifest; one without a state line (an older version's) reads as interrupted.
    public init(bytes: [UInt8]) {
        self.init(building: true)
        for line in bytes.split(separator: 0x0A) {
            if line.first == UInt8(ascii: "#") {
                if line.elementsEqual(Self.completeLine.utf8) { building = false }
                continue
            }
            files.insert(String(decoding: line, as: UTF8.self))
        }
    }

    /// The manifest's bytes: two builds of the same site write the same manifest.
    public var bytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(files.count * 48)
        bytes += Self.header.utf8
        bytes += (building ? Self.buildingLine : Self.completeLine).utf8
        bytes.append(0x0A)
        for path in files.sorted() {
            bytes += path.utf8
            bytes.append(0x0A)
        }
        return bytes
    }
}
