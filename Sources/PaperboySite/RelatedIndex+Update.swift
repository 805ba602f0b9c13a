import PaperboyCore

extension RelatedIndex {
    /// What a build makes of a saved index: `saved` extended by the papers added since, when
    /// it is the index of the same papers up to its last day (none changed, none removed, no
    /// new one on or before that day); else the index of every paper, built from nothing.
    ///
    /// `documents` are every paper of the archive, by first day (see
    /// ``SiteModel/relatedDocuments()``). Either way the result is the same index.
    package static func updating(_ saved: RelatedIndex?, to documents: [Document]) -> Update {
        var index = RelatedIndex()
        if var saved, saved.isPrefix(of: documents) {
            saved.takeSlugs(from: documents[..<saved.count])
            index = saved
        }
        let reused = index.count
        let changed = index.add(days: days(of: documents[reused...]))
        return Update(index: index, reused: reused, changed: changed)
    }

    /// An updated index and how it was made.
    package struct Update: Sendable {
        package var index: RelatedIndex
        /// Papers taken from the saved index (0 when it was built from nothing).
        package var reused: Int
        /// Papers taken from the saved index whose list changed.
        package var changed: Int
        /// Papers whose list this update made or changed.
        package var listsMade: Int { index.count - reused + changed }
    }

    /// Whether the index holds exactly the first of `documents`, and the rest come after its last day.
    private func isPrefix(of documents: [Document]) -> Bool {
        guard count <= documents.count else { return false }
        for (key, document) in zip(keys, documents) where key != document.key { return false }
        guard count < documents.count, let lastDay else { return true }
        return documents[count].firstSeen > lastDay
    }

    /// Documents in runs of one first day.
    private static func days(of documents: ArraySlice<Document>) -> [[Document]] {
        var days: [[Document]] = []
        for document in documents {
            if let last = days.last?.last, last.firstSeen == document.firstSeen {
                days[days.count - 1].append(document)
            } else {
                days.append([document])
            }
        }
        return days
    }
}
