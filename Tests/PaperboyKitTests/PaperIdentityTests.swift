@testable import PaperboyContent
import Testing
import TestSupport

@Suite("PaperIdentity")
struct PaperIdentityTests {
    func same(_ a: String, _ b: String) -> Bool {
        PaperIdentity(title: a, arxiv: nil) == PaperIdentity(title: b, arxiv: nil)
    }

    @Test func nfkc() {
        #expect(same("ﬁne-tuning", "fine-tuning"))  // ligature
        #expect(same("Ｆｕｌｌｗｉｄｔｈ ＧＰＴ", "Fullwidth GPT"))
        #expect(same("Caf\u{E9}", "Cafe\u{301}"))  // composed and decomposed é
        #expect(same("x²", "x2"))
        #expect(!same("Café", "Cafe"))  // accents matter: identity is not slug folding
    }

    @Test func caseIsFolded() {
        #expect(same("TÜLU 3", "tülu 3"))
        #expect(same("Attention Is All You Need", "ATTENTION IS ALL YOU NEED"))
        #expect(same("ΣΊΣΥΦΟΣ", "σίσυφοσ"))
        #expect(same("Straße", "STRASSE"))
    }

    @Test func whiteSpaceIsCollapsedAndTrimmed() {
        #expect(same("  A \t  Paper\u{A0}Title\u{3000} ", "a paper title"))
        #expect(same("A\u{2003}B", "A B"))
        #expect(!same("AB", "A B"))
        #expect(PaperIdentity.normalizedTitle("  TÜLU\t\t3  ") == "tülu 3")
        #expect(PaperIdentity.normalizedTitle("") == "")
        #expect(PaperIdentity.normalizedTitle(" \t ") == "")
    }

    @Test func punctuationIsKept() {
        #expect(!same("Attention Is All You Need", "Attention Is All You Need!"))
    }

    @Test func arxivIdsWinAndDropTheirVersion() {
        #expect(PaperIdentity.normalizedArxiv("2502.12345v2") == "2502.12345")
        #expect(PaperIdentity.normalizedArxiv("arXiv:2502.12345v12") == "2502.12345")
        #expect(PaperIdentity.normalizedArxiv(" 2502.12345 ") == "2502.12345")
        #expect(PaperIdentity.normalizedArxiv("hep-th/9901001v1") == "hep-th/9901001")
        #expect(PaperIdentity.normalizedArxiv("2502.12345v") == "2502.12345v")
        let a = PaperIdentity(title: "One title", arxiv: "2502.12345v1")
        let b = PaperIdentity(title: "One title", arxiv: "2502.12345v3")
        #expect(a == b)
        #expect(a.arxiv == "2502.12345")
    }

    @Test func theSampleHasNoTwoTitlesWithOneIdentity() throws {
        let identities = try TestFixtures.sampleEntries().map { PaperIdentity.normalizedTitle($0.title) }
        #expect(Set(identities).count == identities.count)
    }
}

@Suite("Paper identity fast path")
struct PaperIdentityFastPathTests {
    /// The byte-level ASCII path must agree with the Unicode path on every ASCII title.
    @Test func asciiPathMatchesUnicodePath() {
        let seed = SplitMix64.seed(from: "PAPERBOY_SEED", fixed: 0x1D_7171)
        var generator = SplitMix64(seed: seed)
        let alphabet = Array(0..<128).map { UInt8($0) }
        for _ in 0..<3000 {
            let length = Int.random(in: 0..<40, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            let title = String(decoding: bytes, as: UTF8.self)
            let fast = PaperIdentity.asciiNormalizedTitle(title)
            // The Unicode path, without the fast path in front of it.
            let folded = title.precomposedStringWithCompatibilityMapping.uppercased().lowercased()
            var slow = ""
            var pendingSpace = false
            for character in folded {
                if character.isWhitespace {
                    pendingSpace = !slow.isEmpty
                } else {
                    if pendingSpace { slow.append(" ") }
                    pendingSpace = false
                    slow.append(character)
                }
            }
            #expect(fast == slow, "\(bytes), seed \(seed) (PAPERBOY_SEED)")
        }
        #expect(PaperIdentity.asciiNormalizedTitle("Straße") == nil)
    }
}
