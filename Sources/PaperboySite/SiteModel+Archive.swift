import PaperboyContent
import PaperboyCore
import PaperboyMarkdown

extension SiteModel {
    /// Resolves an archive: renders every abstract (in parallel), assigns topics, indexes appearances.
    ///
    /// `cached` gives what an earlier build derived from a paper whose file is unchanged
    /// (see ``ContentCache``); those papers are not rendered or classified again.
    package init(archive: Archive, markdown: MarkdownRenderer = MarkdownRenderer(), cached: ContentCache? = nil) {
        let classifier = TopicClassifier(taxonomy: archive.taxonomy)
        var appearances: [String: [PaperModel.Appearance]] = [:]
        appearances.reserveCapacity(archive.papers.count)
        for day in archive.days {
            for (index, slug) in day.papers.enumerated() {
                appearances[slug, default: []].append(.init(date: day.date, rank: index + 1, upvotes: day.upvotes[slug]))
            }
        }
        // Each topic's slot in the topic list (a topic outside the rules is never shown).
        var slots: [String: Int] = [:]
        for slug in archive.taxonomy.topics.map(\.slug) + [Taxonomy.otherSlug] where slots[slug] == nil { slots[slug] = slots.count }
        let topicSlots = slots
        // Any order: everything below sorts with a total order of its own. Besides its model,
        // each paper's sort key and topic slots are taken here, on both cores, while the model
        // is at hand: the loops below then read two flat arrays, not an object per paper scattered in memory.
        let entries = Array(archive.papers)
        let allAppearances = appearances
        let results: [Resolved] = entries.parallelMap { slug, paper in
            let model: PaperModel, fresh: Bool
            if let derived = cached?.derived(slug: slug) {
                model = PaperModel(
                    paper: paper, topics: derived.topics, abstractHTML: derived.abstractHTML, excerpt: derived.excerpt,
                    appearances: allAppearances[slug] ?? [], digests: (derived.cardDigest, derived.contentDigest))
                fresh = false
            } else {
                // A build's load reads every abstract (only a light load leaves them out).
                let rendered = markdown.render(paper.abstract?.string ?? "")
                model = PaperModel(
                    paper: paper,
                    topics: classifier.topics(for: paper, plainText: rendered.plainText),
                    abstractHTML: StoredText(rendered.html),
                    excerpt: StoredText(SiteModel.excerpt(of: rendered.plainText)),
                    appearances: allAppearances[slug] ?? [])
                fresh = true
            }
            return Resolved(model: model, fresh: fresh, key: Resolved.key(model), slots: Resolved.slots(model.topics, in: topicSlots))
        }
        // The index by slug on the other core, while this one sorts and files under topics.
        let indexing = Background { () -> [String: PaperModel] in
            var papers: [String: PaperModel] = [:]
            papers.reserveCapacity(results.count)
            for result in results { papers[result.model.slug] = result.model }
            return papers
        }
        let fresh = results.filter(\.fresh).map(\.model.slug)

        // Newest first: first day descending, then rank on it; slugs are compared only on a tie.
        let order = results.indices.sorted { a, b in
            results[a].key != results[b].key ? results[a].key > results[b].key : results[a].model.slug < results[b].model.slug
        }
        let newestFirst = order.map { entries[$0].key }

        var byTopic = Array(repeating: [String](), count: slots.count)
        for (position, index) in order.enumerated() {
            for slot in results[index].slots { byTopic[slot].append(newestFirst[position]) }
        }
        var topics: [TopicModel] = []
        for topic in archive.taxonomy.topics {
            let list = byTopic[topicSlots[topic.slug]!]
            if !list.isEmpty { topics.append(TopicModel(slug: topic.slug, name: topic.name, papers: list)) }
        }
        let other = byTopic[topicSlots[Taxonomy.otherSlug]!]
        if !other.isEmpty {
            topics.append(TopicModel(slug: Taxonomy.otherSlug, name: Taxonomy.otherName, papers: other))
        }

        let days = archive.days.map { day in
            DayModel(
                date: day.date, source: day.source, papers: day.papers,
                noteHTML: day.note.trimmingWhitespace().isEmpty ? "" : markdown.html(day.note))
        }
        self.init(
            site: archive.site, days: days, papers: indexing.take(), topics: topics, papersNewestFirst: newestFirst,
            newestFirst: order.map { results[$0].model })
        freshlyDerived = fresh
        isMadeFromArchive = true
        leftovers.add((entries, results, allAppearances, order))
    }

    /// One paper as the parallel phase of ``init(archive:markdown:cached:)`` leaves it.
    struct Resolved: Sendable {
        var model: PaperModel
        /// Derived now, not taken from the cache.
        var fresh: Bool
        /// Larger is newer: the first day, then the rank on it (smaller first). `firstRank` scans
        /// the appearances, so it runs once per paper here.
        var key: UInt64
        /// The slots of the paper's topics in the topic list, packed (see ``Slots``).
        var slots: Slots

        static func key(_ model: PaperModel) -> UInt64 {
            let date = model.paper.firstSeen
            let day =
                UInt64(truncatingIfNeeded: date.year) << 9 | UInt64(truncatingIfNeeded: date.month) << 5
                | UInt64(truncatingIfNeeded: date.day)
            return day << 32 | (0xFFFF_FFFF - UInt64(min(max(model.firstRank, 0), 0xFFFF_FFFF)))
        }

        static func slots(_ topics: [String], in slots: [String: Int]) -> Slots {
            Slots(topics.compactMap { slots[$0] })
        }
    }

    /// Up to three small slot numbers in one word (a paper has at most three topics from the
    /// rules, plus any added by hand); more spill into an array.
    struct Slots: Sequence, Sendable {
        private var packed: UInt64 = 0
        private var spilled: [Int]? = nil

        init(_ slots: [Int]) {
            guard slots.count <= 3, slots.allSatisfy({ $0 < 0xFFFF }) else {
                spilled = slots
                return
            }
            for (index, slot) in slots.enumerated() { packed |= UInt64(slot + 1) << UInt64(16 * index) }
        }

        func makeIterator() -> AnyIterator<Int> {
            if let spilled { return AnyIterator(spilled.makeIterator()) }
            var rest = packed
            return AnyIterator {
                guard rest != 0 else { return nil }
                defer { rest >>= 16 }
                return Int(rest & 0xFFFF) - 1
            }
        }
    }

    /// The first sentence, or two when the first is short, cut at 300 characters.
    ///
    /// Works on the first bytes of the text only: an excerpt never needs more.
    static func excerpt(of text: String) -> String {
        let bytes = text.utf8.withContiguousStorageIfAvailable(collapsedPrefix) ?? Array(text.utf8).withUnsafeBufferPointer(collapsedPrefix)
        var sentenceEnds: [Int] = []
        var wordStart = 0
        var index = 0
        while index < bytes.count, sentenceEnds.count < 2 {
            let byte = bytes[index]
            if byte == 0x20 { wordStart = index + 1 }
            let isEnd = byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
            if isEnd, index + 1 == bytes.count || bytes[index + 1] == 0x20 {
                // `e.g.`, `i.e.`, `et al.`: a full stop after a short dotted token is not an end.
                let word = bytes[wordStart...index]
                let dotted = word.dropLast().contains(UInt8(ascii: "."))
                let isAbbreviation = word.count <= 4 && (dotted || word.elementsEqual("al.".utf8))
                if !isAbbreviation {
                    sentenceEnds.append(index + 1)
                    if sentenceEnds.count == 1, index >= 140 { break }
                }
            }
            index += 1
        }
        let body = bytes[..<(sentenceEnds.last ?? bytes.count)]
        let cutShort = sentenceEnds.isEmpty && text.utf8.count > bytes.count
        return body.allSatisfy { $0 < 0x80 } ? asciiExcerpt(body, cutShort: cutShort) : excerpt(body, cutShort: cutShort)
    }

    /// The first 1,600 bytes of `text` with line breaks and tabs as spaces, and runs of spaces as one.
    private static func collapsedPrefix(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1600)
        var previous: UInt8 = 0
        for var byte in text.prefix(1600) {
            if byte == 0x0A || byte == 0x0D || byte == 0x09 { byte = 0x20 }
            if byte == 0x20, previous == 0x20 { continue }
            bytes.append(byte)
            previous = byte
        }
        return bytes
    }

    /// The excerpt in `body`, trimmed, and cut to 300 characters when longer or when the
    /// text was `cutShort` (it goes on with no sentence's end).
    static func excerpt(_ body: ArraySlice<UInt8>, cutShort: Bool) -> String {
        let excerpt = String(decoding: body, as: UTF8.self).trimmingWhitespace()
        guard excerpt.count > 300 || cutShort else { return excerpt }
        return String(excerpt.prefix(299)).trimmingWhitespace() + "…"
    }

    /// ``excerpt(_:cutShort:)`` of ASCII, where each byte is a character (no line breaks are
    /// left to join): counted and cut by bytes, not by grapheme clusters.
    static func asciiExcerpt(_ body: ArraySlice<UInt8>, cutShort: Bool) -> String {
        func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            let isBlank = { (byte: UInt8) in byte == 0x20 || (0x09...0x0D).contains(byte) }
            guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else {
                return []
            }
            return bytes[first...last]
        }
        let excerpt = trimmed(body)
        guard excerpt.count > 300 || cutShort else { return String(decoding: excerpt, as: UTF8.self) }
        return String(decoding: trimmed(excerpt.prefix(299)), as: UTF8.self) + "…"
    }
}
