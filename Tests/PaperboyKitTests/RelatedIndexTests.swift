import Foundation
@testable import PaperboyContent
@testable import PaperboyCore
@testable import PaperboyIncremental
@testable import PaperboySite
import Testing
import TestSupport

/// Related papers: right on the bundled sample, short rather than padded, and the same
/// whether the index is built at once or extended a day at a time.
@Suite("Related papers")
struct RelatedIndexTests {
    /// The bundled archive's model, with related papers from an index built at once.
    static let sample: Result<SiteModel, any Error> = Result {
        let loaded = ContentLoader(content: TestFixtures.repositoryRoot.path + "/Content", needsDerived: true, contentCache: nil).load()
        var model = SiteModel(archive: try #require(loaded.archive))
        _ = model.findRelated()
        return model
    }

    static func related(_ slug: String, in model: SiteModel) throws -> [String] {
        let position = try #require(model.newestFirst.firstIndex { $0.slug == slug })
        return model.related.of(position).map { model.newestFirst[$0].slug }
    }

    @Test("a mixture-of-experts paper lists mixture-of-experts papers")
    func mixtureOfExperts() throws {
        let model = try Self.sample.get()
        let related = try Self.related("drop-upcycling-training-sparse-mixture-of-experts-with-partial-re-initialization", in: model)
        #expect(related.count >= 3)
        for slug in related.prefix(3) { #expect(model.papers[slug]!.topics.contains("mixture-of-experts"), "\(slug)") }
    }

    @Test("a few papers on one subject list each other; at most five, never the paper itself")
    func listsOnTheSample() throws {
        let model = try Self.sample.get()
        let operators = try Self.related("dgno-a-novel-physics-aware-neural-operator-for-solving-forward-and-inverse-pde", in: model)
        #expect(operators.contains("accelerating-data-generation-for-neural-operators-via-krylov-subspace-recycling"))
        var listed = 0
        for position in model.newestFirst.indices {
            let list = model.related.of(position)
            #expect(list.count <= RelatedIndex.listLength)
            #expect(!list.contains(position) && Set(list).count == list.count)
            listed += list.isEmpty ? 0 : 1
        }
        #expect(listed * 4 >= model.newestFirst.count, "only \(listed) papers have related papers")
    }

    @Test("papers that share only common words are not listed")
    func commonWordsOnly() {
        let day = CalendarDate(year: 2026, month: 1, day: 1)!
        // Sixty papers on sixty subjects, all in the same words of method and results.
        let subjects = (0..<60).map { "subject\(String(UnicodeScalar(UInt8(97 + $0 % 26))))\(String(UnicodeScalar(UInt8(97 + $0 / 26))))" }
        let documents = subjects.enumerated().map { number, subject in
            Self.document(
                String(format: "p%02d", number), digest: UInt64(number), day: day, title: "A model of \(subject)",
                abstract: "We train a neural network on \(subject) data and report accuracy on benchmarks. The model scales.")
        }
        let index = RelatedIndex.updating(nil, to: documents).index
        #expect(index.listEntries.allSatisfy { $0 < 0 })
    }

    static func document(_ slug: String, digest: UInt64, day: CalendarDate, title: String, abstract: String) -> RelatedIndex.Document {
        RelatedIndex.Document(paper: LoadedPaper(Paper(slug: slug, title: title, firstSeen: day, abstract: abstract)), digest: digest)
    }

    /// A random archive: days of papers drawn from a few subjects' words and common ones.
    static func randomDays(seed: UInt64, days: Int) -> [[RelatedIndex.Document]] {
        var random = SplitMix64(seed: seed)
        let subjects = (0..<8).map { subject in (0..<12).map { "w\(subject)x\($0)" } }
        let common = ["model", "data", "training", "neural", "learning", "benchmark", "accuracy", "large"]
        var result: [[RelatedIndex.Document]] = []
        for dayNumber in 0..<days {
            let date = CalendarDate(year: 2026, month: 3, day: 1 + dayNumber)!
            let count = Int.random(in: 1...12, using: &random)
            let papers = (0..<count).map { number -> RelatedIndex.Document in
                let subject = subjects[Int.random(in: 0..<subjects.count, using: &random)]
                let words = (0..<25).map { _ in
                    Bool.random(using: &random) ? subject.randomElement(using: &random)! : common.randomElement(using: &random)!
                }
                return Self.document(
                    "d\(dayNumber)-p\(number)", digest: UInt64(dayNumber * 100 + number), day: date,
                    title: words.prefix(5).joined(separator: " "), abstract: words.joined(separator: " "))
            }
            result.append(papers.sorted { $0.slug < $1.slug })
        }
        return result
    }

    @Test("an index extended day by day is the index built at once", arguments: [1, 2, 3, 4] as [UInt64])
    func extendedEqualsWhole(seed: UInt64) {
        let days = Self.randomDays(seed: seed, days: 24)
        let whole = RelatedIndex.updating(nil, to: Array(days.joined())).index
        var random = SplitMix64(seed: seed &+ 99)
        var index = RelatedIndex()
        var added = 0
        while added < days.count {
            let step = Int.random(in: 1...5, using: &random)
            let upTo = min(days.count, added + step)
            // As a build does it: the saved index, then the papers since.
            let update = RelatedIndex.updating(index, to: Array(days[..<upTo].joined()))
            #expect(update.reused == index.count)
            index = update.index
            added = upTo
        }
        #expect(index == whole)
        #expect(whole.listEntries.contains { $0 >= 0 })
    }

    @Test("an index made in batches of any size is the same index", arguments: [1, 5, 40] as [Int])
    func batchesOfAnySize(batchSize: Int) {
        let days = Self.randomDays(seed: 7, days: 24)
        let whole = RelatedIndex.updating(nil, to: Array(days.joined())).index
        var index = RelatedIndex()
        index.add(days: days, batchSize: batchSize)
        #expect(index == whole)
    }

    @Test("the lists are those of a plain comparison of every pair the index may compare", arguments: [1, 2] as [UInt64])
    func listsMatchPlainComparison(seed: UInt64) {
        let days = Self.randomDays(seed: seed, days: 24)
        let documents = Array(days.joined())
        let index = RelatedIndex.updating(nil, to: documents).index
        let vectors = (0..<index.count).map { entry in
            Dictionary(
                uniqueKeysWithValues: (Int(index.vectorStarts[entry])..<Int(index.vectorStarts[entry + 1])).map {
                    (index.vectorTerms[$0], index.vectorWeights[$0])
                })
        }
        // A paper is compared with each paper of its own day, and with the papers of earlier
        // days among the last `postingsWindow` before its day to have one of its terms.
        var compared = Set<[Int]>()
        for entry in documents.indices {
            let dayStart = documents.firstIndex { $0.firstSeen == documents[entry].firstSeen }!
            for other in dayStart..<entry { compared.insert([other, entry]) }
            for term in vectors[entry].keys {
                let earlier = (0..<dayStart).filter { vectors[$0][term] != nil }
                for other in earlier.suffix(RelatedIndex.postingsWindow) { compared.insert([other, entry]) }
            }
        }
        var lists = [[(entry: Int, score: Float)]](repeating: [], count: documents.count)
        for pair in compared {
            let (a, b) = (vectors[pair[0]], vectors[pair[1]])
            let shared = a.keys.filter { b[$0] != nil }.sorted()
            let score = shared.reduce(Float(0)) { $0 + a[$1]! * b[$1]! }
            guard shared.count >= RelatedIndex.minimumShared, score >= RelatedIndex.minimumScore else { continue }
            lists[pair[0]].append((pair[1], score))
            lists[pair[1]].append((pair[0], score))
        }
        var expected: [Int32] = []
        for list in lists {
            let best = list.sorted { $0.score != $1.score ? $0.score > $1.score : documents[$0.entry].slug < documents[$1.entry].slug }
                .prefix(RelatedIndex.listLength)
            expected += best.map { Int32($0.entry) } + repeatElement(-1, count: RelatedIndex.listLength - best.count)
        }
        #expect(index.listEntries == expected)
        #expect(expected.contains { $0 >= 0 })
    }

    @Test("a saved index reads back as it was, and resumes as the whole index; damaged bytes read as none")
    func savedIndex() throws {
        let days = Self.randomDays(seed: 11, days: 12)
        let saved = RelatedIndex.updating(nil, to: Array(days[..<9].joined())).index
        let bytes = saved.encoded()
        let read = try #require(RelatedIndex.decode(ByteBuffer(bytes)))
        let all = Array(days.joined())
        let resumed = RelatedIndex.updating(read, to: all)
        #expect(resumed.reused == saved.count)
        #expect(resumed.index == RelatedIndex.updating(nil, to: all).index)
        #expect(RelatedIndex.decode(ByteBuffer(Array(bytes.dropLast()))) == nil)
        // One bit of a list's score flipped: still a well-formed index, but not the one saved.
        var flipped = bytes
        flipped[flipped.count - 8 - 4 * saved.listScores.count / 2] ^= 1
        #expect(RelatedIndex.decode(ByteBuffer(flipped)) == nil)
        // Parts that do not fit together: a list naming an entry out of range, a vector a term out of range.
        func rebuilt(listEntries: [Int32]? = nil, vectorTerms: [Int32]? = nil) -> RelatedIndex? {
            RelatedIndex(
                terms: saved.terms, documentFrequency: saved.documentFrequency, keys: saved.keys, lastDay: saved.lastDay,
                vectorStarts: saved.vectorStarts, vectorTerms: vectorTerms ?? saved.vectorTerms, vectorWeights: saved.vectorWeights,
                listEntries: listEntries ?? saved.listEntries, listScores: saved.listScores)
        }
        #expect(rebuilt() != nil)
        var entries = saved.listEntries
        entries[entries.count - 1] = Int32(saved.count)
        #expect(rebuilt(listEntries: entries) == nil)
        var terms = saved.vectorTerms
        terms[0] = Int32(saved.terms.count)
        #expect(rebuilt(vectorTerms: terms) == nil)
    }

    @Test("a changed, removed or back-dated paper makes the index anew")
    func notResumable() {
        let days = Self.randomDays(seed: 7, days: 10)
        let all = Array(days.joined())
        let saved = RelatedIndex.updating(nil, to: Array(days[..<8].joined())).index
        #expect(RelatedIndex.updating(saved, to: all).reused == saved.count)
        var edited = all
        edited[3].digest &+= 1
        #expect(RelatedIndex.updating(saved, to: edited).reused == 0)
        var removed = all
        removed.remove(at: 5)
        #expect(RelatedIndex.updating(saved, to: removed).reused == 0)
        // A paper first seen on the saved index's last day, added later.
        var late = Array(days[..<8].joined())
        let first = days[7][0]
        let extra = Self.document("zzz", digest: 1, day: first.firstSeen, title: first.paper.title, abstract: "more")
        late.append(extra)
        #expect(RelatedIndex.updating(saved, to: late).reused == 0)
        #expect(RelatedIndex.updating(saved, to: late).index.count == late.count)
    }

    @Test("title words weigh more than abstract words; stop words, numbers and plurals")
    func titleWeighsMore() {
        let counts = RelatedTerms.counts(title: "Sparse Experts", abstract: StoredText("sparse routing of experts, and the expert"))
        let experts = counts.first { $0.term == RelatedTerms.term("expert") }
        #expect(experts?.count == RelatedTerms.titleWeight + 2)
        #expect(RelatedTerms.term("the") == nil && RelatedTerms.term("2024") == nil)
        #expect(RelatedTerms.term("Models") == RelatedTerms.term("model") && RelatedTerms.term("loss") != RelatedTerms.term("los"))
    }
}
