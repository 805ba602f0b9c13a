import Foundation
import PaperboyContent
import PaperboyCore

/// Up to five papers of the archive like each paper, by the words of their titles and abstracts.
///
/// A paper is a vector of its strongest terms (``RelatedTerms``), weighted by tf-idf and of unit
/// length; two papers are as similar as the dot product of their vectors. A term found in more
/// than a tenth of the papers weighs nothing, and a pair that shares fewer than two terms or
/// scores under ``minimumScore`` is not listed: a short list rather than one padded with papers
/// that share only common words. Ties go to the slug first in order.
///
/// Papers are added a day at a time, oldest first, and a paper's vector is weighted by the
/// document frequencies of the day it was added: a new day never changes an earlier paper's
/// vector, it only enters the new papers in the lists where they rank. So an index extended
/// day by day is the index of the whole archive built at once, and a build that resumes from
/// a saved index (PaperboyIncremental) renders the same pages as one that starts from nothing.
///
/// Entries (papers, in the order added: by first day, then as listed that day) are kept as flat
/// arrays, so that a saved index loads as a few copies of bytes.
package struct RelatedIndex: Sendable, Equatable {
    /// Papers listed at most.
    package static let listLength = 5
    /// Terms a paper's vector keeps: its strongest.
    static let vectorLength = 12
    /// The least similarity of a listed paper.
    static let minimumScore: Float = 0.15
    /// The fewest terms a listed paper shares.
    static let minimumShared: UInt32 = 2
    /// Terms in more papers than this share are left out, once there are `commonFloor` papers.
    static let commonShare = 0.1
    static let commonFloor = 50
    /// A paper is compared, for each of its terms, with the latest papers of earlier days that
    /// have the term among theirs, this many at most: a term shared by hundreds says little
    /// about any pair, and the comparisons stay bounded however large the archive grows.
    static let postingsWindow = 48

    /// A paper as the index reads it: its text is read only when it is added.
    package struct Document: Sendable {
        package var paper: LoadedPaper
        /// Changes whenever the paper's text does (the paper page content's digest).
        package var digest: UInt64
        package var slug: String { paper.slug }
        package var firstSeen: CalendarDate { paper.firstSeen }

        package init(paper: LoadedPaper, digest: UInt64) {
            self.paper = paper
            self.digest = digest
        }

        /// What an entry keeps of the paper to know it again: slug, digest and first day.
        package var key: UInt64 {
            var key = Digest()
            key.add(slug)
            key.add(digest)
            key.add(firstSeen)
            return key.value
        }
    }

    /// A related paper: its entry and how like it is.
    package struct Match: Sendable, Equatable {
        package var entry: Int32
        package var score: Float
    }

    /// Each term's hash (``RelatedTerms``), numbered as first met.
    package internal(set) var terms: [UInt64] = []
    /// Papers with each term.
    package internal(set) var documentFrequency: [Int32] = []
    /// Each entry's ``Document/key``.
    package internal(set) var keys: [UInt64] = []
    /// Each entry's slug (not saved: a resumed index takes them from its documents).
    package internal(set) var slugs: [String] = []
    /// The first day of the last entry.
    package internal(set) var lastDay: CalendarDate?
    /// Entry `i`'s vector is `vectorTerms[vectorStarts[i]..<vectorStarts[i + 1]]` (term numbers,
    /// ascending) with `vectorWeights` beside them.
    package internal(set) var vectorStarts: [Int32] = [0]
    package internal(set) var vectorTerms: [Int32] = []
    package internal(set) var vectorWeights: [Float] = []
    /// Entry `i`'s list is the `listLength` slots from `i * listLength`, best first; an empty
    /// slot's entry is -1.
    package internal(set) var listEntries: [Int32] = []
    package internal(set) var listScores: [Float] = []

    /// Term number by term hash (a term is known by its hash alone).
    private var termNumbers = PositionTable(count: 512)
    /// For each term, the entries whose vector has it, in the order they were added.
    private var postings: [[Posting]] = []
    private var logarithms = Logarithms()

    private struct Posting: Sendable {
        var entry: Int32
        var weight: Float
    }

    package init() {}

    package var count: Int { keys.count }

    /// Adds days of papers, each day's papers first seen that day, the days oldest first and
    /// later than every paper already in, ``batchSize`` papers or more at a time. Returns how
    /// many papers already in had their list changed.
    @discardableResult
    package mutating func add(days: [[Document]], batchSize: Int = Self.batchSize) -> Int {
        // Reading the words is most of the work, and independent for each paper.
        let documents = Array(days.joined())
        let counts = documents.parallelMap { RelatedTerms.counts(title: $0.paper.title, abstract: $0.paper.abstract ?? "") }
        let before = count
        var changed = Set<Int32>()
        let accumulators = (0..<ProcessInfoCores.count).map { _ in Accumulator(capacity: count + documents.count) }
        var batch: [[Document]] = [], batchStart = 0, batchCount = 0
        var previousDay = lastDay
        for day in days where !day.isEmpty {
            precondition(day.allSatisfy { $0.firstSeen == day[0].firstSeen } && (previousDay.map { $0 < day[0].firstSeen } ?? true))
            previousDay = day[0].firstSeen
            batch.append(day)
            batchCount += day.count
            if batchCount >= batchSize {
                addBatch(
                    batch, counts: counts[batchStart..<batchStart + batchCount], accumulators: accumulators, before: before,
                    changed: &changed)
                batchStart += batchCount
                batch = []
                batchCount = 0
            }
        }
        if !batch.isEmpty {
            addBatch(
                batch, counts: counts[batchStart..<batchStart + batchCount], accumulators: accumulators, before: before, changed: &changed)
        }
        return changed.count
    }

    /// Papers added in one pass at least (whole days): each pass compares its papers on all
    /// cores at once, and holds their matches until they enter the lists.
    static let batchSize = 4096

    /// Adds whole days of papers. Each paper is compared with the papers of earlier days through
    /// the postings as they stood before its day, and with its own day's papers before it
    /// directly; the comparisons, the costly part, run for the whole batch on all cores.
    ///
    /// A list keeps the best papers by score, then slug: a total order, so the lists come out
    /// the same in whatever order the matches are offered.
    private mutating func addBatch(
        _ days: [[Document]], counts: ArraySlice<[RelatedTerms.Count]>, accumulators: [Accumulator], before: Int,
        changed: inout Set<Int32>
    ) {
        // Number the terms and count document frequencies a day at a time: a paper's weights
        // use the frequencies of its own day, the whole day counted.
        var papers: [PaperTerms] = []
        papers.reserveCapacity(counts.count)
        var paperCount = count
        var next = counts.startIndex
        for day in days {
            let dayStart = papers.count
            for _ in day {
                let terms = counts[next].map { count -> (term: Int32, count: Float) in
                    let number = self.number(of: count.term)
                    documentFrequency[Int(number)] += 1
                    return (number, count.count)
                }
                papers.append(PaperTerms(dayStart: dayStart, terms: terms))
                next += 1
            }
            paperCount += day.count
            for paper in dayStart..<papers.count {
                papers[paper].frequencies = papers[paper].terms.map { documentFrequency[Int($0.term)] }
                papers[paper].paperCount = paperCount
            }
        }
        logarithms.extend(through: paperCount)
        let vectors = papers.parallelMap { [logarithms] in Self.vector($0, logarithms: logarithms) }

        // Enter the papers; each compares with the postings as they stood before its day.
        let first = count
        var windowEnds: [[Int32]] = []
        windowEnds.reserveCapacity(papers.count)
        var entry = first
        for day in days {
            let dayStart = entry - first
            for (number, document) in day.enumerated() {
                let vector = vectors[dayStart + number]
                windowEnds.append(vector.map { Int32(postings[Int($0.term)].count) })
                keys.append(document.key)
                slugs.append(document.slug)
                vectorTerms += vector.map(\.term)
                vectorWeights += vector.map(\.weight)
                vectorStarts.append(Int32(vectorTerms.count))
                listEntries += repeatElement(-1, count: Self.listLength)
                listScores += repeatElement(0, count: Self.listLength)
                entry += 1
            }
            for number in day.indices {
                for item in vectors[dayStart + number] {
                    postings[Int(item.term)].append(Posting(entry: Int32(entry - day.count + number), weight: item.weight))
                }
            }
            lastDay = day[0].firstSeen
        }

        let matches = Self.matches(
            of: vectors, windowEnds: windowEnds, papers: papers, first: first, in: postings, accumulators: accumulators)
        for (number, matches) in matches.enumerated() {
            let entry = Int32(first + number)
            for match in matches {
                offer(Match(entry: match.entry, score: match.score), to: entry)
                if offer(Match(entry: entry, score: match.score), to: match.entry), Int(match.entry) < before {
                    changed.insert(match.entry)
                }
            }
        }
    }

    /// A paper's numbered terms, with what its vector is weighted by.
    private struct PaperTerms: Sendable {
        /// The paper of the batch its day starts at.
        var dayStart: Int
        var terms: [(term: Int32, count: Float)]
        /// Each term's document frequency once the paper's day is counted.
        var frequencies: [Int32] = []
        /// Papers in the index once the paper's day is counted.
        var paperCount = 0

        init(dayStart: Int, terms: [(term: Int32, count: Float)]) {
            self.dayStart = dayStart
            self.terms = terms
        }
    }

    /// Each paper's matches: among the papers of earlier days through the postings that stood
    /// before its day (`windowEnds`, one per term of its vector), and among its own day's
    /// papers before it directly. On all cores, one accumulator to a core.
    private static func matches(
        of vectors: [[(term: Int32, weight: Float)]], windowEnds: [[Int32]], papers: [PaperTerms], first: Int,
        in postings: [[Posting]], accumulators: [Accumulator]
    ) -> [[Match]] {
        @Sendable func matches(_ number: Int, _ accumulator: Accumulator) -> [Match] {
            var matches = accumulator.matches(of: vectors[number], windowEnds: windowEnds[number], in: postings)
            for other in papers[number].dayStart..<number {
                let (score, shared) = similarity(vectors[number], vectors[other])
                if shared >= minimumShared, score >= minimumScore { matches.append(Match(entry: Int32(first + other), score: score)) }
            }
            return matches
        }
        let lanes = Swift.min(accumulators.count, vectors.count)
        guard lanes > 1 else { return vectors.indices.map { matches($0, accumulators[0]) } }
        let perLane = Array(0..<lanes).parallelMap { lane in
            stride(from: lane, to: vectors.count, by: lanes).map { matches($0, accumulators[lane]) }
        }
        return vectors.indices.map { perLane[$0 % lanes][$0 / lanes] }
    }

    /// The dot product of two vectors (terms ascending) and how many terms they share.
    private static func similarity(_ a: [(term: Int32, weight: Float)], _ b: [(term: Int32, weight: Float)]) -> (Float, UInt32) {
        var score: Float = 0, shared: UInt32 = 0
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i].term == b[j].term {
                score += a[i].weight * b[j].weight
                shared += 1
                i += 1
                j += 1
            } else if a[i].term < b[j].term {
                i += 1
            } else {
                j += 1
            }
        }
        return (score, shared)
    }

    private mutating func number(of term: UInt64) -> Int32 {
        if let number = termNumbers.find(hash: term, matches: { _ in true }) { return Int32(number) }
        let number = Int32(terms.count)
        terms.append(term)
        if termNumbers.isFull { termNumbers.grow() }
        _ = termNumbers.insert(Int(number), hash: term) { _ in true }
        documentFrequency.append(0)
        postings.append([])
        return number
    }

    /// The strongest terms by tf-idf (sublinear tf), of unit length, by term number.
    private static func vector(_ paper: PaperTerms, logarithms: Logarithms) -> [(term: Int32, weight: Float)] {
        let paperCount = paper.paperCount
        let common = paperCount >= Self.commonFloor ? Int32(Double(paperCount) * Self.commonShare) : Int32.max
        let logPapers = logarithms.of(paperCount)
        var weighted: [(term: Int32, weight: Float)] = []
        weighted.reserveCapacity(paper.terms.count)
        for ((term, count), frequency) in zip(paper.terms, paper.frequencies) {
            guard frequency <= common else { continue }
            let idf = logPapers - logarithms.of(Int(frequency))
            guard idf > 0 else { continue }
            weighted.append((term, (1 + logarithms.of(Int(count))) * idf))
        }
        weighted.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term }
        if weighted.count > Self.vectorLength { weighted.removeLast(weighted.count - Self.vectorLength) }
        var length: Float = 0
        for item in weighted { length += item.weight * item.weight }
        length = length.squareRoot()
        var vector = weighted.map { (term: $0.term, weight: $0.weight / length) }
        vector.sort { $0.term < $1.term }
        return vector
    }

    /// Puts `match` in entry `entry`'s list if it ranks there; whether the list changed.
    @discardableResult
    private mutating func offer(_ match: Match, to entry: Int32) -> Bool {
        let first = Int(entry) * Self.listLength, last = first + Self.listLength - 1
        // Most offers lose to a full list's last paper: told without comparing slugs.
        if listEntries[last] >= 0, match.score < listScores[last] { return false }
        var slot = first
        while slot <= last, listEntries[slot] >= 0, !ranks(match, before: Match(entry: listEntries[slot], score: listScores[slot])) {
            slot += 1
        }
        guard slot <= last else { return false }
        var moving = slot
        var next = match
        while moving <= last {
            let held = Match(entry: listEntries[moving], score: listScores[moving])
            listEntries[moving] = next.entry
            listScores[moving] = next.score
            if held.entry < 0 { break }
            next = held
            moving += 1
        }
        return true
    }

    /// The lists' order: higher score first, then the slug first in order.
    private func ranks(_ match: Match, before listed: Match) -> Bool {
        match.score != listed.score ? match.score > listed.score : slugs[Int(match.entry)] < slugs[Int(listed.entry)]
    }

    /// Scores vectors against the postings, one at a time, reusing its buffers from vector to
    /// vector: one for each core, each used by one core at a time.
    private final class Accumulator: @unchecked Sendable {
        /// Per entry, the score so far and the terms shared so far: side by side, one memory
        /// access per posting.
        private let slots: UnsafeMutablePointer<(score: Float, shared: UInt32)>
        private var touched: [Int32] = []

        /// For postings of entries below `capacity`.
        init(capacity: Int) {
            slots = .allocate(capacity: Swift.max(1, capacity))
            slots.initialize(repeating: (0, 0), count: Swift.max(1, capacity))
        }

        deinit { slots.deallocate() }

        /// The papers that share enough of `vector` and score enough, in the order first touched:
        /// for each term, the last ``postingsWindow`` postings before its window end.
        func matches(of vector: [(term: Int32, weight: Float)], windowEnds: [Int32], in postings: [[Posting]]) -> [Match] {
            for (item, end) in zip(vector, windowEnds) {
                postings[Int(item.term)].withUnsafeBufferPointer { list in
                    let end = Int(end)
                    for posting in list[Swift.max(0, end - RelatedIndex.postingsWindow)..<end] {
                        let slot = slots + Int(posting.entry)
                        if slot.pointee.shared == 0 { touched.append(posting.entry) }
                        slot.pointee.score += item.weight * posting.weight
                        slot.pointee.shared += 1
                    }
                }
            }
            var matches: [Match] = []
            for entry in touched {
                let slot = slots + Int(entry)
                if slot.pointee.shared >= RelatedIndex.minimumShared, slot.pointee.score >= RelatedIndex.minimumScore {
                    matches.append(Match(entry: entry, score: slot.pointee.score))
                }
                slot.pointee = (0, 0)
            }
            touched.removeAll(keepingCapacity: true)
            return matches
        }
    }

    /// Natural logarithms of whole numbers, each computed once.
    private struct Logarithms: Sendable {
        private var table: [Float] = [0]

        /// Makes sure the table holds every number up to `number`: a larger one is computed
        /// each time it is asked for, the same way.
        mutating func extend(through number: Int) {
            guard number >= table.count else { return }
            let start = table.count
            let end = Swift.max(number + 1, table.count * 2)
            table.append(contentsOf: (start..<end).map { Self.compute($0) })
        }

        func of(_ number: Int) -> Float { number < table.count ? table[number] : Self.compute(number) }

        private static func compute(_ number: Int) -> Float { Float(log(Double(number))) }
    }

    package static func == (a: RelatedIndex, b: RelatedIndex) -> Bool {
        a.terms == b.terms && a.documentFrequency == b.documentFrequency && a.keys == b.keys && a.slugs == b.slugs
            && a.lastDay == b.lastDay && a.vectorStarts == b.vectorStarts && a.vectorTerms == b.vectorTerms
            && a.vectorWeights == b.vectorWeights && a.listEntries == b.listEntries && a.listScores == b.listScores
    }
}

extension RelatedIndex {
    /// An index as saved, with each entry's slug from `documents` (entries in order); nil when
    /// its parts do not fit together.
    package init?(
        terms: [UInt64], documentFrequency: [Int32], keys: [UInt64], lastDay: CalendarDate?, vectorStarts: [Int32],
        vectorTerms: [Int32], vectorWeights: [Float], listEntries: [Int32], listScores: [Float]
    ) {
        let count = keys.count
        guard terms.count == documentFrequency.count, vectorStarts.count == count + 1, vectorStarts.first == 0,
            vectorStarts.last.map(Int.init) == vectorTerms.count, vectorTerms.count == vectorWeights.count,
            listEntries.count == count * Self.listLength, listScores.count == listEntries.count, (count == 0) == (lastDay == nil),
            zip(vectorStarts, vectorStarts.dropFirst()).allSatisfy({ $0 <= $1 }),
            vectorTerms.allSatisfy({ $0 >= 0 && Int($0) < terms.count }),
            listEntries.allSatisfy({ $0 >= -1 && Int($0) < count })
        else { return nil }
        self.terms = terms
        self.documentFrequency = documentFrequency
        self.keys = keys
        self.lastDay = lastDay
        self.vectorStarts = vectorStarts
        self.vectorTerms = vectorTerms
        self.vectorWeights = vectorWeights
        self.listEntries = listEntries
        self.listScores = listScores
        termNumbers = PositionTable(count: terms.count)
        for (number, term) in terms.enumerated() where termNumbers.insert(number, hash: term, isSame: { _ in true }) != nil {
            return nil
        }
        var lengths = [Int](repeating: 0, count: terms.count)
        for term in vectorTerms { lengths[Int(term)] += 1 }
        postings = lengths.map { length in
            var list: [Posting] = []
            list.reserveCapacity(length)
            return list
        }
        for entry in 0..<count {
            for slot in Int(vectorStarts[entry])..<Int(vectorStarts[entry + 1]) {
                postings[Int(vectorTerms[slot])].append(Posting(entry: Int32(entry), weight: vectorWeights[slot]))
            }
        }
    }

    /// The slugs of the entries, taken from the documents they were made from (the saved index
    /// does not keep them).
    mutating func takeSlugs(from documents: ArraySlice<Document>) {
        slugs = documents.map(\.slug)
    }
}
