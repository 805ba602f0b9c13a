import PaperboyCore

/// Each paper's slug by one identity key (its normalized title, or its arXiv id), and which
/// papers repeat a key an earlier paper has.
///
/// Built for every paper by each `build` and `ingest` (to find repeats), but looked up only
/// by ingest, a hundred times: so it is a ``PositionTable`` over the loaded papers, filled
/// from hashes taken while they were read, not a `[String: String]` of copied keys.
package struct SlugIndex: Sendable {
    private var table = PositionTable(count: 0)
    /// The key and slug of the paper at a position (nil: it has no such key).
    private var owner: @Sendable (Int) -> (key: String, slug: String)? = { _ in nil }
    /// Keys set after the index was built (papers ingest creates).
    private var added: [String: String] = [:]

    /// A paper whose key an earlier paper has: its position, and the slug of the first paper
    /// with that key.
    package struct Repeat: Sendable, Equatable {
        package var position: Int
        package var owner: String
    }

    package init() {}

    /// Indexes `count` papers, in position order: the first paper with a key owns it, and
    /// every later one is returned as a ``Repeat``. `hashes` holds ``Digest/of(_:)`` of each
    /// paper's key (nil: none), `owner` its key and slug.
    static func build(
        hashes: [UInt64?], owner: @escaping @Sendable (Int) -> (key: String, slug: String)?
    ) -> (SlugIndex, [Repeat]) {
        var index = SlugIndex()
        index.table = PositionTable(count: hashes.count)
        index.owner = owner
        var repeats: [Repeat] = []
        for (position, hash) in hashes.enumerated() {
            guard let hash else { continue }
            let first = index.table.insert(position, hash: hash) { other in owner(other)?.key == owner(position)?.key }
            if let first { repeats.append(Repeat(position: position, owner: owner(first)!.slug)) }
        }
        return (index, repeats)
    }

    /// The slug that owns `key`. Setting one adds a key for a new paper.
    package subscript(key: String) -> String? {
        get {
            if let slug = added[key] { return slug }
            let found = table.find(hash: Digest.of(key)) { owner($0)?.key == key }
            return found.flatMap { owner($0)?.slug }
        }
        set { added[key] = newValue }
    }
}
