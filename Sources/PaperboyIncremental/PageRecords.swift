import PaperboyCore

/// The pages of an output folder as the last build wrote them: each page's fingerprint (see
/// ``PageRenderer/fingerprint(_:sitePath:)``) and the identity of its file right after writing.
///
/// A build skips a page whose fingerprint is unchanged and whose file still has that
/// identity: nothing has touched it since, so it already holds the bytes a render would
/// give. Kept in the ``CacheFolder``, keyed by the output folder's path, so the output
/// holds exactly the site.
///
/// Records are found by a hash of the page's path (``Digest/of(_:)``), not by the path: the
/// file holds no text, and the records load as two flat arrays. Two paths with one hash
/// (unlikely as it is) cannot make a page look current: a record holds its file's inode,
/// and no other path's file has it.
package struct PageRecords: Sendable {
    package struct Record: Sendable, Equatable {
        package var fingerprint: UInt64
        package var file: FileIdentity

        package init(fingerprint: UInt64, file: FileIdentity) {
            self.fingerprint = fingerprint
            self.file = file
        }
    }

    /// Each record's path hash, and the record.
    package private(set) var keys: [UInt64] = []
    package private(set) var records: [Record] = []
    private var table = PositionTable(count: 0)

    static let magic = "paperboy page records 2"

    package init() {}

    /// Records in the order given; of two with one key, the first is found.
    package init(keys: [UInt64], records: [Record]) {
        precondition(keys.count == records.count)
        self.keys = keys
        self.records = records
        table = PositionTable(count: keys.count)
        for (position, key) in keys.enumerated() { _ = table.insert(position, hash: key) { _ in true } }
    }

    package var count: Int { keys.count }

    /// The record of the page whose path has the ``Digest/of(_:)`` `key`.
    package func record(key: UInt64) -> Record? {
        table.find(hash: key) { _ in true }.map { records[$0] }
    }

    /// Where the records of an output folder are kept (see ``CacheFolder``).
    static func file(output: String) -> String? {
        CacheFolder.file(.pages, for: output)
    }

    /// The records of an output folder; empty when there are none or they cannot be read.
    package static func load(output: String) -> PageRecords {
        guard let file = file(output: output), let bytes = FileIO.map(file, populate: true) else { return PageRecords() }
        var reader = BinaryReader(bytes)
        guard reader.string() == magic, let count = reader.int(), count >= 0, count <= bytes.count else { return PageRecords() }
        var keys: [UInt64] = [], records: [Record] = []
        keys.reserveCapacity(count)
        records.reserveCapacity(count)
        for _ in 0..<count {
            guard let key = reader.uint64(), let fingerprint = reader.uint64(), let identity = reader.identity() else {
                return PageRecords()
            }
            keys.append(key)
            records.append(Record(fingerprint: fingerprint, file: identity))
        }
        return reader.isAtEnd ? PageRecords(keys: keys, records: records) : PageRecords()
    }

    /// Writes the records of an output folder (see ``CacheFolder/write(_:to:)``).
    package func save(output: String) {
        guard let file = Self.file(output: output) else { return }
        var writer = BinaryWriter(capacity: 64 + records.count * 56)
        writer.add(Self.magic)
        writer.add(records.count)
        for (key, record) in zip(keys, records) {
            writer.add(key)
            writer.add(record.fingerprint)
            writer.add(record.file)
        }
        CacheFolder.write(writer.bytes, to: file)
    }
}
