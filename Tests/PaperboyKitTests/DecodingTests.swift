@testable import PaperboyCore
import Testing
import TestSupport

@Suite("FeedDecoding")
struct DecodingTests {
    func decode(_ bytes: [UInt8]) throws -> String {
        try FeedDecoding.decode(bytes, file: "feed.txt")
    }

    @Test func validUTF8IsDecodedUnchanged() throws {
        let text = "\u{FEFF}TÜLU 3 — 数学 🚀\r\nline two\n"
        #expect(try decode(Array(text.utf8)) == text)
        #expect(try decode([]) == "")
        let sample = try TestFixtures.sampleBytes()
        #expect(Array(try decode(sample).utf8) == sample)
    }

    @Test(
        arguments: [
            ([0xFF], 1),  // never valid
            ([0x61, 0x0A, 0x62, 0x0A, 0xC3], 3),  // truncated two-byte sequence at the end
            ([0x61, 0x0A, 0xC3, 0x28], 2),  // bad continuation byte
            ([0x0A, 0x0A, 0x0A, 0xE2, 0x82], 4),  // truncated three-byte sequence
            ([0xC0, 0xAF], 1),  // overlong encoding of "/"
            ([0xE0, 0x80, 0xAF], 1),  // overlong three-byte
            ([0xED, 0xA0, 0x80], 1),  // UTF-16 surrogate D800
            ([0x0A, 0xF4, 0x90, 0x80, 0x80], 2),  // above U+10FFFF
            ([0x0A, 0x0A, 0x80], 3),  // lone continuation byte
            ([0x0D, 0x0A, 0x0D, 0x0A, 0xFE], 3),  // CRLF lines count like LF lines
        ] as [([UInt8], Int)])
    func invalidUTF8NamesItsLine(bytes: [UInt8], line: Int) {
        let error = diagnostic { _ = try decode(bytes) }
        #expect(error?.file == "feed.txt")
        #expect(error?.line == line)
        #expect(error?.message.contains("invalid UTF-8") == true)
    }

    @Test func invalidUTF8DeepInTheSampleNamesItsLine() throws {
        var bytes = try TestFixtures.sampleBytes()
        // Break the first byte of line 100.
        var line = 1
        var index = 0
        while line < 100 { if bytes[index] == 0x0A { line += 1 }; index += 1 }
        bytes[index + 3] = 0xFF
        #expect(diagnostic { _ = try decode(bytes) }?.line == 100)
    }

    @Test func nulBytesAreRefusedWithTheirLine() {
        let error = diagnostic { _ = try decode(Array("a\nb\nc\0d\n".utf8)) }
        #expect(error?.line == 3)
        #expect(error?.message.contains("NUL") == true)
        #expect(diagnostic { _ = try decode([0]) }?.line == 1)
    }

    @Test func xmlCharacters() {
        for value: UInt32 in [0x0, 0x1, 0x8, 0xB, 0xC, 0xE, 0x1F, 0xFFFE, 0xFFFF] {
            #expect(!FeedDecoding.isXMLCharacter(Unicode.Scalar(value)!), "U+\(String(value, radix: 16))")
        }
        for value: UInt32 in [0x9, 0x20, 0x7F, 0x85, 0xA0, 0xD7FF, 0xE000, 0xFFFD, 0x10000, 0x1F680, 0x10FFFF] {
            #expect(FeedDecoding.isXMLCharacter(Unicode.Scalar(value)!), "U+\(String(value, radix: 16))")
        }
    }

    @Test func removingNonXMLCharacters() {
        #expect(FeedDecoding.removingNonXMLCharacters("plain text") == ("plain text", false))
        let (text, removed) = FeedDecoding.removingNonXMLCharacters("a\u{1}b\u{FFFE}c\td\u{1F}")
        #expect(text == "abc d")
        #expect(removed)
        // A tab alone becomes a space and is not worth a warning.
        #expect(FeedDecoding.removingNonXMLCharacters("a\tb") == ("a b", false))
    }

    @Test("the text policy finds the first scalar XML or HTML forbids, reading ASCII by bytes")
    func textPolicy() {
        let seed = SplitMix64.seed(from: "PAPERBOY_SEED", fixed: 11)
        var random = SplitMix64(seed: seed)
        let pieces =
            ["a", " ", "\t", "\n", "\r", "\u{0}", "\u{7}", "\u{1F}", "\u{7F}", "é", "\u{85}", "\u{9F}", "🚀"]
            + [0xFDD0, 0xFFFE, 0x1FFFF].map { String(Unicode.Scalar($0)!) }
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            for multiline in [false, true] {
                let expected = text.unicodeScalars.first { scalar in
                    !(multiline && (scalar == "\n" || scalar == "\r"))
                        && !(FeedDecoding.isXMLCharacter(scalar) && FeedDecoding.isHTMLCharacter(scalar))
                }
                #expect(
                    TextPolicy.forbiddenScalar(in: text, multiline: multiline) == expected,
                    "\(Array(text.unicodeScalars)), seed \(seed) (PAPERBOY_SEED)")
            }
        }
    }
}
