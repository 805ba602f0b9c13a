@testable import PaperboyContent
@testable import PaperboyCore
@testable import PaperboyMarkdown
import Testing

@Suite("Paper and Day files")
struct ContentFileTests {
    let date = CalendarDate("2026-11-26")!

    func paperRoundTrip(_ paper: Paper) throws -> Paper {
        try Paper(fileText: paper.fileText, file: "papers/\(paper.slug).md")
    }

    @Test func aMinimalPaper() throws {
        let paper = Paper(slug: "tulu-3", title: "TÜLU 3", firstSeen: date, abstract: "An abstract.\n")
        #expect(paper.fileText == "---\ntitle: \"TÜLU 3\"\nslug: tulu-3\nfirst_seen: 2026-11-26\n---\nAn abstract.\n")
        #expect(try paperRoundTrip(paper) == paper)
    }

    @Test func aFullPaperWithAwkwardValues() throws {
        let paper = Paper(
            slug: "a-b", title: "A \"quoted\" title: with # and \\ and 'single' and\ttab\u{1}",
            firstSeen: date, arxiv: "2502.12345", authors: ["Ana Ñ", "Bo \"B\" Li"],
            code: ["https://github.com/a/b_c", "https://github.com/d/e"], summary: "One line: *plain* text.",
            topics: ["language-models", "other"], abstract: "Line one \\*escaped\\*.\n\nSecond paragraph.\n",
            metadata: PaperMetadata(
                published: CalendarDate("2026-11-20"), project: "https://example.org/a?b=\"c\"", codeStars: 318,
                keywords: ["mixture-of-depths", "long: context"], categories: ["cs.LG", "cs.CL"]))
        let text = paper.fileText
        #expect(text.hasPrefix("---\ntitle: "))
        #expect(try paperRoundTrip(paper) == paper)
        // Written twice, the same bytes.
        #expect(try paperRoundTrip(paper).fileText == text)
    }

    @Test(arguments: YAMLTests.awkward.filter { !$0.isEmpty })
    func titlesRoundTrip(title: String) throws {
        let paper = Paper(slug: "x", title: title, firstSeen: date, summary: title, abstract: "")
        #expect(try paperRoundTrip(paper) == paper)
    }

    @Test func everySamplePaperRoundTrips() throws {
        for (title, text) in try TestFixtures.sampleEntries() {
            let paper = Paper(
                slug: Slug.make(from: title), title: title, firstSeen: date,
                code: PlainTextMarkdown.githubURLs(in: text), abstract: PlainTextMarkdown.escape(text) + "\n")
            #expect(try paperRoundTrip(paper) == paper)
        }
    }

    @Test func anEmptyAbstractAndAnAbstractWithoutFinalNewline() throws {
        let empty = Paper(slug: "x", title: "X", firstSeen: date, abstract: "")
        #expect(empty.fileText.hasSuffix("---\n"))
        #expect(try paperRoundTrip(empty) == empty)
        let noNewline = Paper(slug: "x", title: "X", firstSeen: date, abstract: "text")
        #expect(noNewline.fileText.hasSuffix("---\ntext\n"))
    }

    @Test func aDayRoundTrips() throws {
        let day = Day(date: date, source: "trending-2026-11-26.txt", papers: ["a", "b-c", "tulu-3"], note: "A *note*.\n")
        #expect(
            day.fileText
                == "---\ndate: 2026-11-26\nsource: \"trending-2026-11-26.txt\"\npapers:\n  - a\n  - b-c\n  - tulu-3\n---\nA *note*.\n")
        var lines: [Int] = []
        let read = try Day(fileText: day.fileText, file: "days/2026-11-26.md", slugLines: &lines)
        #expect(read == day)
        #expect(lines == [5, 6, 7])
    }

    @Test func aDayWithUpvotesRoundTrips() throws {
        let day = Day(date: date, source: "hf-daily-2026-11-26.json", papers: ["a", "b-c"], upvotes: ["b-c": 7, "a": 0])
        #expect(day.fileText.contains("upvotes:\n  a: 0\n  b-c: 7\n---\n"))
        var lines: [Int] = []
        #expect(try Day(fileText: day.fileText, file: "d.md", slugLines: &lines) == day)
        #expect(throws: Diagnostic.self) {
            try Day(fileText: "---\ndate: 2026-11-26\npapers: [a]\nupvotes:\n  b: 3\n---\n", file: "d.md", slugLines: &lines)
        }
        #expect(throws: Diagnostic.self) {
            try Day(fileText: "---\ndate: 2026-11-26\npapers: [a]\nupvotes:\n  a: many\n---\n", file: "d.md", slugLines: &lines)
        }
    }

    @Test func aDayWithNoPapers() throws {
        let day = Day(date: date, source: "<stdin>", papers: [])
        var lines: [Int] = []
        #expect(try Day(fileText: day.fileText, file: "d.md", slugLines: &lines) == day)
        #expect(try Day(fileText: "---\ndate: 2026-11-26\npapers: []\n---\n", file: "d.md", slugLines: &lines).papers == [])
    }

    @Test func handEditedFilesWithCRLFAndABOMAreRead() throws {
        let text = "\u{FEFF}---\r\ntitle: \"A\"\r\nslug: a\r\nfirst_seen: 2026-11-26\r\n---\r\nBody.\r\n"
        let paper = try Paper(fileText: text, file: "papers/a.md")
        #expect(paper.title == "A")
        #expect(paper.slug == "a")
        #expect(paper.abstract == "Body.\r\n")
        var lines: [Int] = []
        let day = try Day(fileText: "---\r\ndate: 2026-11-26\r\npapers:\r\n  - a\r\n  - b\r\n---\r\n", file: "d.md", slugLines: &lines)
        #expect(day.papers == ["a", "b"])
        #expect(lines == [4, 5])
    }

    @Test(
        arguments: [
            ("title: \"A\"\nslug: a\nfirst_seen: 2026-11-26\n", 1, "expected front matter"),
            ("---\ntitle: \"A\"\nslug: a\n", 3, "not closed"),
            ("---\nslug: a\nfirst_seen: 2026-11-26\n---\n", 1, "missing `title`"),
            ("---\ntitle: \"A\"\nfirst_seen: 2026-11-26\n---\n", 1, "missing `slug`"),
            ("---\ntitle: \"\"\nslug: a\nfirst_seen: 2026-11-26\n---\n", 2, "`title` must be a non-empty text"),
            ("---\ntitle: A\nslug: Not_A_Slug\nfirst_seen: 2026-11-26\n---\n", 3, "`slug`"),
            ("---\ntitle: A\nslug: a\nfirst_seen: 2026-02-30\n---\n", 4, "`first_seen`"),
            ("---\ntitle: A\nslug: a\nfirst_seen: 2026-11-26\nauthors:\n  x: y\n---\n", 6, "`authors` must be a list"),
            ("---\ntitle: A\nslug: a\nfirst_seen: 2026-11-26\ntopics: [Bad Topic]\n---\n", 5, "topic"),
            ("---\ntitle: A\nslug: a\nfirst_seen: 2026-11-26\ntitle: B\n---\n", 5, "duplicate key"),
            ("---\n- a\n- b\n---\n", 2, "front matter must be"),
        ] as [(String, Int, String)])
    func paperErrorsNameTheirLine(text: String, line: Int, message: String) {
        let error = diagnostic { _ = try Paper(fileText: text, file: "p.md") }
        #expect(error?.file == "p.md")
        #expect(error?.line == line, "\(error?.description ?? "no error")")
        #expect(error?.message.contains(message) == true, "\(error?.description ?? "no error")")
    }

    @Test(
        arguments: [
            ("---\npapers: []\n---\n", 1, "missing `date`"),
            ("---\ndate: 2026-13-01\npapers: []\n---\n", 2, "`date` is not a date"),
            ("---\ndate: 2026-11-26\n---\n", 1, "missing `papers`"),
            ("---\ndate: 2026-11-26\npapers:\n  - ok\n  - Not OK\n---\n", 5, "must be a paper slug"),
            ("---\ndate: 2026-11-26\npapers: just-one\n---\n", 3, "must be a list"),
        ] as [(String, Int, String)])
    func dayErrorsNameTheirLine(text: String, line: Int, message: String) {
        var lines: [Int] = []
        let error = diagnostic { _ = try Day(fileText: text, file: "d.md", slugLines: &lines) }
        #expect(error?.line == line, "\(error?.description ?? "no error")")
        #expect(error?.message.contains(message) == true, "\(error?.description ?? "no error")")
    }
}
