/// The pages of an output folder as the last build wrote them: each page's fingerprint (see
/// ``PageRenderer/fingerprint(_:)``) and the identity of its file right after writing.
///
/// A build skips a page whose fingerprint is unchanged and whose file still has that
/// identity: nothing has touched it since, so it already holds the bytes a render would
/// give. Kept in the ``CacheFolder``, keyed by the output folder's path, so the output
/// holds exactly the site.
public struct PageRecords: Sendable {
    public struct Record: Sendable, Equatable {
        public var fingerprint: UInt64
        public var file: FileIdentity
    }

    /// By path relative to the output folder.
    public var records: [String: Record] = [:]

    static let magic = "paperboy page records 1"

    public init(records: [String: Record] = [:]) {
        self.records = records
    }

    /// The records of an output folder; empty when there are none or they cannot be read.
    public static func load(output: String) -> PageRecords {
        guard let file = CacheFolder.file("pages", for: output), let bytes = FileIO.map(file, populate: true) else { return PageRecords() }
        var reader = BinaryReader(bytes)
        guard reader.string() == magic, let count = reader.int(), count >= 0, count <= bytes.count else { return PageRecords() }
        var records: [String: Record] = [:]
        records.reserveCapacity(count)
        for _ in 0..<count {
            guard let path = reader.string(), let fingerprint = reader.uint64(), let identity = reader.identity() else {
                return PageRecords()
            }
            records[path] = Record(fingerprint: fingerprint, file: identity)
        }
        return reader.isAtEnd ? PageRecords(records: records) : PageRecords()
    }

    /// Writes the records of an output folder (see ``CacheFolder/write(_:to:)``).
    public func save(output: String) {
        guard let file = CacheFolder.file("pages", for: output) else { return }
        var writer = BinaryWriter(capacity: records.count * 80)
        writer.add(Self.magic)
        writer.add(records.count)
        // Dictionary order: nobody reads this file but the next build.
        for (path, record) in records {
            writer.add(path)
            writer.add(record.fingerprint)
            writer.add(record.file)
        }
        CacheFolder.write(writer.bytes, to: file)
    }
}
