import PaperboyCore

/// Each day's and each topic's papers, in list order, as models.
///
/// Fingerprints and the archive page read them for every listing of every page (200,000 on a
/// large site): found through each paper's own appearances and topics, they are not looked up
/// by slug one listing at a time.
package struct ListedPapers: Sendable {
    /// By day, in the model's day order: the papers in rank order.
    package var days: [[PaperModel]]
    /// By topic, in the model's topic order: the papers newest first.
    package var topics: [[PaperModel]]
}

extension SiteModel {
    /// The papers ``DayModel/papers`` and ``TopicModel/papers`` name. A model made from an
    /// archive lists them exactly as the papers' appearances and topics say (it made both
    /// from the same days and topic slots); another one has its slugs looked up.
    package func listedPapers() -> ListedPapers {
        guard isMadeFromArchive else {
            return ListedPapers(
                days: days.map { $0.papers.compactMap { papers[$0] } }, topics: topics.map { $0.papers.compactMap { papers[$0] } })
        }
        var dayIndex: [CalendarDate: Int] = [:]
        for (index, day) in days.enumerated() { dayIndex[day.date] = index }
        var daySlots = days.map { [PaperModel?](repeating: nil, count: $0.papers.count) }
        var topicIndex: [String: Int] = [:]
        for (index, topic) in topics.enumerated() { topicIndex[topic.slug] = index }
        var topicLists = topics.map { _ in [PaperModel]() }
        for paper in newestFirst {
            for appearance in paper.appearances {
                guard let index = dayIndex[appearance.date], daySlots[index].indices.contains(appearance.rank - 1) else { continue }
                daySlots[index][appearance.rank - 1] = paper
            }
            for topic in paper.topics {
                if let index = topicIndex[topic] { topicLists[index].append(paper) }
            }
        }
        // A listed slug without a paper (only in an archive that failed its checks) is left out.
        return ListedPapers(days: daySlots.map { $0.compactMap { $0 } }, topics: topicLists)
    }
}
