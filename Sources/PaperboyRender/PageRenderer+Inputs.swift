import PaperboySite

/// Each fingerprinted page's ``PageInputs``, made from the model: the one place a page's
/// values are taken from the model, for both its context and its fingerprint.
extension PageRenderer {
    package func dayInputs(_ index: Int) -> DayPageInputs {
        let day = model.days[index]
        let papers = listed.days[index]
        return DayPageInputs(
            date: day.date, noteHTML: day.noteHTML, paperCount: day.papers.count, papers: PaperCardList(papers[...]),
            upvotes: papers.map { $0.upvotes(on: day.date) },
            previousDate: index > 0 ? model.days[index - 1].date : nil,
            nextDate: index + 1 < model.days.count ? model.days[index + 1].date : nil)
    }

    package func topicInputs(_ index: Int, page number: Int) -> TopicPageInputs {
        let topic = model.topics[index]
        let count = topic.papers.count
        let position: TopicPageInputs.Position
        if number == 0 {
            position = .front(paperCount: count)
        } else {
            let archivePages = TopicPagination.archivePageCount(count)
            position = .archive(number: number, newer: number < archivePages ? number + 1 : 0)
        }
        let papers = listed.topics[index][TopicPagination.range(page: number, of: count)]
        return TopicPageInputs(
            slug: topic.slug, name: topic.name, position: position, papers: PaperCardList(papers),
            upvotes: papers.map { $0.upvotes(on: $0.paper.firstSeen) })
    }

    package func paperInputs(_ index: Int) -> PaperPageInputs {
        let paper = model.newestFirst[index]
        let related = model.related.of(index)
        return PaperPageInputs(
            paper: paper.pageSource, appearances: paper.appearances, firstSeenHasDay: contexts.dayDates[paper.paper.firstSeen] != nil,
            related: related.map { model.newestFirst[$0] })
    }
}
