@testable import PaperboyCore
@testable import PaperboyIngest
import Testing

@Suite("TrendingFeedParser")
struct TrendingFeedParserTests {
    let header = "Get trending papers in your email inbox once a day!\nGet trending papers in your email inbox!\n"

    func parse(_ text: String) throws -> ParsedFeed {
        try TrendingFeedParser().parse(text, file: "feed.txt")
    }

    func titles(_ text: String) throws -> [String] { try parse(text).entries.map(\.title) }

    @Test func theSampleHas281EntriesInRankOrder() throws {
        let feed = try parse(try TestFixtures.sampleText())
        #expect(feed.entries.count == 281)
        #expect(feed.warnings.isEmpty)
        #expect(
            feed.entries[0].title == "LanPaint: Training-Free Diffusion Inpainting with Asymptotically Exact and Fast Conditional Sampling")
        #expect(feed.entries[0].line == 3)
        #expect(feed.entries[1].title == "Drop-Upcycling: Training Sparse Mixture of Experts with Partial Re-initialization")
        #expect(feed.entries[1].line == 5)
        #expect(feed.entries.allSatisfy { !$0.title.hasPrefix("Subscribe") && !$0.text.isEmpty })
        #expect(feed.entries.last!.line == 3 + 2 * 280)
    }

    @Test func chromeIsRemovedWhenPresent() throws {
        let feed = try parse(header + "SubscribeFirst Paper\nAbstract one.\nSecond Paper\nAbstract two.\n")
        #expect(feed.entries.map(\.title) == ["First Paper", "Second Paper"])
        #expect(feed.entries.map(\.text) == ["Abstract one.", "Abstract two."])
        #expect(feed.entries.map(\.line) == [3, 5])
    }

    @Test func withoutChromeEverythingIsData() throws {
        let feed = try parse("First Paper\nAbstract one.\nSecond Paper\nAbstract two.")
        #expect(feed.entries.map(\.title) == ["First Paper", "Second Paper"])
        #expect(feed.entries.map(\.line) == [1, 3])
    }

    @Test func subscribeIsOnlyChromeAfterTheHeaderLines() throws {
        // No header: a title that starts with "Subscribe" is a real title.
        #expect(try titles("SubscribeGPT: A Study\nText.\n") == ["SubscribeGPT: A Study"])
        #expect(try titles("Subscriber Churn Prediction\nText.\n") == ["Subscriber Churn Prediction"])
        // With the header: only the glued word goes.
        #expect(try titles(header + "SubscribeSubscriber Churn Prediction\nText.\n") == ["Subscriber Churn Prediction"])
        // `Subscribe` only strips from the first title, never from later ones.
        #expect(try titles(header + "SubscribeA\nText.\nSubscribeB\nText.\n") == ["A", "SubscribeB"])
    }

    @Test func oneHeaderLineOrASubscribeLineOfItsOwnIsChrome() throws {
        #expect(try titles("Get trending papers in your email inbox!\nSubscribeA\nText.\n") == ["A"])
        #expect(try titles(header + "Subscribe\nA\nText.\n") == ["A"])
        #expect(try titles(header + "A\nText.\n") == ["A"])
    }

    @Test func bomCRLFBlankLinesAndTrailingSpacesAreAccepted() throws {
        let text =
            "\u{FEFF}" + header.replacingOccurrences(of: "\n", with: "\r\n")
            + "SubscribeFirst Paper  \r\n\r\n   Abstract one. \t\r\n\r\n\r\nSecond Paper\r\nAbstract two.   "
        let feed = try parse(text)
        #expect(feed.entries.map(\.title) == ["First Paper", "Second Paper"])
        #expect(feed.entries.map(\.text) == ["Abstract one.", "Abstract two."])
        #expect(feed.entries.map(\.line) == [3, 8])
    }

    @Test func aBOMWithoutChromeIsNotPartOfTheTitle() throws {
        #expect(try titles("\u{FEFF}A Paper\nText.") == ["A Paper"])
    }

    @Test func crlfAndLFGiveTheSameEntries() throws {
        let lf = try parse(try TestFixtures.sampleText())
        let crlf = try parse(try TestFixtures.sampleText().replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
        #expect(lf.entries == crlf.entries)
    }

    @Test func aMissingTextIsAnErrorOnTheLineAfterTheTitle() throws {
        let error = diagnostic { _ = try parse("A\nText a.\nB\n") }
        #expect(error == Diagnostic(file: "feed.txt", line: 4, "expected an abstract after the title on line 3"))
        let chrome = diagnostic { _ = try parse(header + "SubscribeA\nText a.\n\nB") }
        #expect(chrome?.line == 7)
        #expect(chrome?.message == "expected an abstract after the title on line 6")
    }

    @Test func anAbstractInATitleSlotIsAnErrorOnItsLine() throws {
        let abstract = String(repeating: "We propose a method that does things. ", count: 20)
        // Paper A has no text: B's title becomes A's text and B's abstract lands in a title slot.
        let text = "A\n\(abstract)\nB\n\(abstract)\n"
        let error = diagnostic { _ = try parse("Title A\nB title\n\(abstract)\nC title\nText C.\n") }
        #expect(error?.file == "feed.txt")
        #expect(error?.line == 3)
        #expect(error?.message.contains("expected a title") == true)
        #expect(error?.message.contains("line 2") == true)
        #expect(try parse(text).entries.count == 2)
    }

    @Test func controlCharactersAreRemovedWithAWarningNamingTheLine() throws {
        let feed = try parse("A\u{7}lert\nText\u{1B}[0m with\u{0B}escapes\tand a tab.\nB\nClean.\n")
        #expect(feed.entries.map(\.title) == ["Alert", "B"])
        #expect(feed.entries[0].text == "Text[0m withescapes and a tab.")
        #expect(feed.warnings.map(\.line) == [1, 2])
        #expect(feed.warnings.allSatisfy { $0.file == "feed.txt" && $0.message.contains("control characters") })
    }

    @Test func emptyWhitespaceAndChromeOnlyFeedsAreErrors() throws {
        #expect(diagnostic { _ = try parse("") } == Diagnostic(file: "feed.txt", line: 1, "the feed is empty"))
        #expect(diagnostic { _ = try parse(" \n\t\r\n  \n") }?.message == "the feed is empty")
        #expect(diagnostic { _ = try parse("\u{FEFF}") }?.message == "the feed is empty")
        let chrome = diagnostic { _ = try parse(header + "Subscribe\n") }
        #expect(chrome?.message == "the feed has only page chrome and no papers")
        #expect(chrome?.line == 3)
        #expect(diagnostic { _ = try parse(header) }?.line == 2)
    }

    @Test func duplicatesAreKeptByTheParser() throws {
        // Deduplication is the ingester's job (it knows identities); the parser keeps ranks.
        #expect(try titles("A\nx\nB\ny\nA\nz\n") == ["A", "B", "A"])
    }

    @Test func aVeryLongLineIsRefusedWithItsLine() throws {
        let long = String(repeating: "a", count: TrendingFeedParser.maximumLineLength + 1)
        let error = diagnostic { _ = try parse("A\n\(long)\n") }
        #expect(error?.line == 2)
    }

    @Test func autoFormatRefusesUnnamedJSONAndXMLWithLine1() throws {
        #expect(diagnostic { _ = try FeedFormat.auto.parser(for: "\u{FEFF} [{\"a\":1}]", fileName: "f.json", file: "f.json") }?.line == 1)
        #expect(diagnostic { _ = try FeedFormat.auto.parser(for: "<?xml version=\"1.0\"?>", fileName: "f.xml", file: "f.xml") }?.line == 1)
        #expect(diagnostic { _ = try FeedFormat.auto.parser(for: "A\nB\n", fileName: "f.txt", file: "f.txt") } == nil)
        #expect(diagnostic { _ = try FeedFormat.auto.parser(for: "{\n  \"papers\": []\n}", fileName: "f.json", file: "f.json") }?.line == 1)
        #expect(
            diagnostic {
                _ = try FeedFormat.auto.parser(for: "<feed xmlns=\"http://www.w3.org/2005/Atom\">", fileName: "f.xml", file: "f.xml")
            }?.line == 1)
    }

    @Test func autoFormatKeepsTitlesThatStartWithBrackets() throws {
        for text in ["[Re] Reproducing X\nText.\n", "{CLS} Tokens\nText.\n", "<SEP> Tokens Matter\nText.\n", "[MASK]ed Models\nText.\n"] {
            #expect(diagnostic { _ = try FeedFormat.auto.parser(for: text, fileName: "f.txt", file: "f.txt") } == nil, "\(text)")
        }
    }
}
