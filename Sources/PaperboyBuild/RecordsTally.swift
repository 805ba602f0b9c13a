import PaperboyIncremental

/// The records of the fingerprinted files a build wrote or kept (pages, then search index
/// files), in that order, gathered step by step and saved once.
struct RecordsTally {
    /// The records the build started from.
    let previous: PageRecords
    private var keys: [UInt64] = []
    private var kept: [PageRecords.Record] = []
    /// Whether a fingerprinted file was made again, so that its record is new.
    private var madeAgain = false

    init(previous: PageRecords, capacity: Int = 0) {
        self.previous = previous
        keys.reserveCapacity(capacity)
        kept.reserveCapacity(capacity)
    }

    /// A file's record, if it has one; `made` when the file was made again, not kept.
    mutating func add(key: UInt64, record: PageRecords.Record?, made: Bool) {
        guard let record else { return }
        if made { madeAgain = true }
        keys.append(key)
        kept.append(record)
    }

    /// The records to save: nil when no file was made again and none went away.
    var changedRecords: PageRecords? {
        madeAgain || keys.count != previous.count ? PageRecords(keys: keys, records: kept) : nil
    }
}
