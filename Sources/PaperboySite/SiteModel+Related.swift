import PaperboyCore

extension SiteModel {
    /// Sets every paper's related papers: from `saved` extended by the papers added since, or
    /// from nothing (see ``RelatedIndex/updating(_:to:)``, the same lists either way).
    package mutating func findRelated(saved: RelatedIndex? = nil) -> RelatedIndex.Update {
        let (documents, positions) = relatedDocuments()
        let update = RelatedIndex.updating(saved, to: documents)
        setRelated(update.index, positions: positions)
        return update
    }

    /// Every paper as ``RelatedIndex`` reads it, by first day and on a day in ``newestFirst``'s
    /// order (by rank), with its place in ``newestFirst``.
    package func relatedDocuments() -> (documents: [RelatedIndex.Document], positions: [Int]) {
        // Newest first is by first day, newest first: its runs of one day, in reverse order.
        var runs: [Range<Int>] = []
        var start = 0
        for position in newestFirst.indices.dropFirst()
        where newestFirst[position].paper.firstSeen != newestFirst[position - 1].paper.firstSeen {
            runs.append(start..<position)
            start = position
        }
        if !newestFirst.isEmpty { runs.append(start..<newestFirst.count) }
        let positions = runs.reversed().flatMap { $0 }
        let documents = positions.map { RelatedIndex.Document(paper: newestFirst[$0].paper, digest: newestFirst[$0].contentDigest) }
        return (documents, positions)
    }

    /// Each paper's related papers from `index`, whose entries are the documents at `positions`
    /// (see ``relatedDocuments()``).
    package mutating func setRelated(_ index: RelatedIndex, positions: [Int]) {
        var related = RelatedPositions(count: newestFirst.count)
        let length = RelatedIndex.listLength
        for (entry, position) in positions.enumerated() {
            for place in 0..<length {
                let other = index.listEntries[entry * length + place]
                guard other >= 0 else { break }
                related.set(position, place: place, to: positions[Int(other)])
            }
        }
        self.related = related
    }
}

/// Each paper's related papers, as places in ``SiteModel/newestFirst``, best first: flat, one
/// slot per list place, -1 in an empty one.
package struct RelatedPositions: Sendable {
    private var slots: [Int32]

    package init(count: Int = 0) {
        slots = Array(repeating: -1, count: count * RelatedIndex.listLength)
    }

    /// The related papers of the paper at `position` (none for a position out of range).
    package func of(_ position: Int) -> [Int] {
        let first = position * RelatedIndex.listLength
        guard first >= 0, first + RelatedIndex.listLength <= slots.count else { return [] }
        return slots[first..<first + RelatedIndex.listLength].prefix { $0 >= 0 }.map(Int.init)
    }

    mutating func set(_ position: Int, place: Int, to other: Int) {
        slots[position * RelatedIndex.listLength + place] = Int32(other)
    }
}
