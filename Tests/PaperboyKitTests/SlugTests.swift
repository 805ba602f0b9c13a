@testable import PaperboyContent
import Testing

@Suite("Slug")
struct SlugTests {
    @Test(arguments: [
        ("TÜLU 3", "tulu-3"),
        ("LanPaint: Training-Free Diffusion Inpainting", "lanpaint-training-free-diffusion-inpainting"),
        ("Ünïcödé Façade Crème Brûlée", "unicode-facade-creme-brulee"),
        ("Straße & Œuvre: Æsir Ørsted Łódź Þór", "strasse-oeuvre-aesir-orsted-lodz-thor"),
        ("ﬁne-tuning ½ the Ｍｏｄｅｌ", "fine-tuning-1-2-the-model"),
        ("  --Leading and trailing!!  ", "leading-and-trailing"),
        ("x_1 + y_2 = z^3 (really?)", "x-1-y-2-z-3-really"),
        ("GPT-4o vs. o1: a 10× study", "gpt-4o-vs-o1-a-10-study"),
        ("数学 Reasoning 🚀 with LLMs", "reasoning-with-llms"),
        ("Zürich\u{301}", "zurich"),
        ("A", "a"),
    ])
    func folding(title: String, slug: String) {
        #expect(Slug.make(from: title) == slug)
        #expect(Slug.isValid(Slug.make(from: title)))
    }

    @Test func longSlugsAreCutAtADashWithin80() {
        let title = "An Operator Preconditioning Perspective on Training in Physics-Informed Machine Learning Models for Everything"
        let slug = Slug.make(from: title)
        #expect(slug == "an-operator-preconditioning-perspective-on-training-in-physics-informed-machine")
        #expect(slug.count <= 80)
        #expect(!slug.hasSuffix("-"))
        // Whole words: the slug is a prefix of the full slug ending where a word ended.
        let full = "an-operator-preconditioning-perspective-on-training-in-physics-informed-machine-learning-models-for-everything"
        #expect(full.hasPrefix(slug + "-"))
    }

    @Test func aSlugOfExactly80IsKeptAndADashAt81CutsThere() {
        let eighty = String(repeating: "abcdefghi-", count: 8).dropLast() + "j"  // 80 characters
        #expect(eighty.count == 80)
        #expect(Slug.make(from: String(eighty)) == String(eighty))
        #expect(Slug.make(from: String(eighty) + " more") == String(eighty))
        #expect(Slug.make(from: String(eighty) + "k more").count <= 80)
    }

    @Test func aSingleWordLongerThan80IsCutAt80() {
        let word = String(repeating: "x", count: 100)
        #expect(Slug.make(from: word) == String(repeating: "x", count: 80))
        #expect(Slug.make(from: "a " + word) == "a")
    }

    @Test func everySlugOfTheSampleIsValidShortAndStable() throws {
        for (title, _) in try TestFixtures.sampleEntries() {
            let slug = Slug.make(from: title)
            #expect(Slug.isValid(slug), "\(title)")
            #expect(slug.count <= 80, "\(title)")
            #expect(Slug.make(from: title) == slug)
        }
    }

    @Test func disambiguationIsStableDistinctAndShort() {
        let base = Slug.make(from: "Attention Is All You Need")
        let a = Slug.disambiguated(base, title: "Attention Is All You Need!")
        let b = Slug.disambiguated(base, title: "Attention is all you need?")
        #expect(a != b)
        #expect(a != base && b != base)
        #expect(a.hasPrefix(base + "-") && b.hasPrefix(base + "-"))
        #expect(Slug.isValid(a) && Slug.isValid(b))
        // Stable: the same title always gives the same suffix (FNV-1a, no per-process seed).
        #expect(Slug.disambiguated(base, title: "Attention Is All You Need!") == a)
        // The suffix is a pure function of the title; pin one value so a change of hash is noticed.
        #expect(Slug.suffix(for: "Attention Is All You Need!") == Slug.suffix(for: "  attention is ALL you need! "))
        #expect(Slug.suffix(for: "Attention Is All You Need!").count == 6)
        // Later attempts lengthen the suffix.
        #expect(Slug.disambiguated(base, title: "x", attempt: 2).count == base.count + 1 + 8)
    }

    @Test func pinnedSuffixesAreTheSameOnEveryMachine() {
        // Computed once; if these change, every future disambiguated slug would change.
        let values = ["TÜLU 3", "🚀", "", "Attention Is All You Need"].map { Slug.suffix(for: $0) }
        #expect(values == ["ulnj21", "q8a04p", "54xu4j", "t4ku73"])
        #expect(Slug.suffix(for: "") == Self.fnvSuffix(""))
        #expect(Slug.suffix(for: "TÜLU 3") == Self.fnvSuffix("tülu 3"))
    }

    /// An independent FNV-1a 64 in base 36, the documented recipe for suffixes.
    static func fnvSuffix(_ normalized: String) -> String {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in normalized.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        let digits = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        var result = ""
        for _ in 0..<6 {
            result.append(digits[Int(hash % 36)])
            hash /= 36
            if hash == 0 { hash = 0x9e37_79b9_7f4a_7c15 }
        }
        return result
    }

    @Test func disambiguatedLongSlugsStayWithin80() {
        let title = String(repeating: "word ", count: 40)
        let base = Slug.make(from: title)
        let slug = Slug.disambiguated(base, title: title)
        #expect(slug.count <= 80)
        #expect(Slug.isValid(slug))
        #expect(slug.hasSuffix("-" + Slug.suffix(for: title)))
    }

    @Test func emojiOnlyAndPunctuationOnlyTitlesGetValidDistinctSlugs() {
        let titles = ["🚀", "🚀🚀", "🔥 🚀", "!!!", "???", "...", "数学", "—", "🤗"]
        let slugs = titles.map(Slug.make(from:))
        for (title, slug) in zip(titles, slugs) {
            #expect(Slug.isValid(slug), "\(title) -> \(slug)")
            #expect(slug.hasPrefix("paper-"), "\(title) -> \(slug)")
            #expect(Slug.make(from: title) == slug)
        }
        #expect(Set(slugs).count == titles.count)
    }

    @Test(arguments: ["", "-", "a-", "-a", "a--b", "A", "a_b", "a b", "ü", String(repeating: "a", count: 121)])
    func invalidSlugs(text: String) {
        #expect(!Slug.isValid(text))
    }

    @Test(arguments: ["a", "tulu-3", "0", "a-b-c", String(repeating: "a", count: 120)])
    func validSlugs(text: String) {
        #expect(Slug.isValid(text))
    }
}
