import Foundation
import PaperboyRender

/// A template's output for one ``ContextShape``, with a slot where each text goes.
///
/// Made by rendering the shape's ``ContextShape/sentinelContext(_:)`` with swift-mustache:
/// each text is a sentinel (private-use characters around its number), and the escaper marks
/// the sentinels it escapes (see ``Rendering``), so the output says where every text went
/// and whether it went in escaped. Filling the slots with another context's texts of the
/// same shape gives, byte for byte, what swift-mustache would have rendered for that context.
struct TemplateSkeleton: Sendable {
    /// Every literal's bytes, one after the other, and where each text goes: filling copies
    /// from one buffer and reads plain numbers (pieces held as strings cost two reference
    /// counts each, which were a tenth of filling a page).
    let literals: [UInt8]
    let slots: [Slot]

    struct Slot: Sendable {
        /// Where the literal before the text ends in ``literals``.
        let literalEnd: Int
        let text: Int
        let escaped: Bool
    }

    // U+E000 opens a raw slot, U+E002 an escaped one, U+E001 closes either; UTF-8 EE 80 8x.
    static let open = "\u{E000}", openEscaped = "\u{E002}", close = "\u{E001}"

    /// The line ending a text's sentinel keeps after its close.
    ///
    /// swift-mustache indents an indented partial's next line when the output so far ends
    /// with the character `"\n"`, so a sentinel must end that way exactly when its text does:
    /// with a line feed, and with a carriage return, which joins a line feed after it into one
    /// character (`"\r\n"`, not `"\n"`).
    enum Ending: UInt8, Sendable {
        case none = 0, lineFeed = 1, carriageReturn = 2

        /// The ending of `text` (a static function, not an initializer: its argument is
        /// borrowed, not retained).
        static func of(_ text: String) -> Ending {
            // By bytes: a line feed is a character of its own unless a carriage return is
            // before it (grapheme rules break after both, whatever follows).
            let bytes = text.utf8
            switch bytes.last {
            case 0x0A: return bytes.dropLast().last == 0x0D ? .none : .lineFeed
            case 0x0D: return .carriageReturn
            default: return .none
            }
        }

        var byte: UInt8? {
            switch self {
            case .none: nil
            case .lineFeed: 0x0A
            case .carriageReturn: 0x0D
            }
        }
    }

    /// The sentinel of text number `index`, ending as its text does.
    static func sentinel(_ index: Int, ending: Ending) -> String {
        open + String(index) + close + (ending.byte.map { String(UnicodeScalar($0)) } ?? "")
    }

    /// Whether `text` has a character of the sentinels' range (U+E000 to U+EFFF, to test one byte).
    static func mayHoldSentinel(_ text: String) -> Bool {
        // memchr: abstracts and rendered cards are long, and every text of every page is looked at.
        text.utf8.withContiguousStorageIfAvailable { bytes in bytes.baseAddress.map { memchr($0, 0xEE, bytes.count) != nil } ?? false }
            ?? text.utf8.contains(0xEE)
    }

    /// The skeleton in `rendered`, whose context's texts ended with `endings`; nil if
    /// `rendered` holds a sentinel character that is not part of a well-formed slot.
    init?(rendered: String, endings: [Ending]) {
        var literals: [UInt8] = []
        var slots: [Slot] = []
        let bytes = Array(rendered.utf8)
        literals.reserveCapacity(bytes.count)
        var literalStart = 0
        var position = 0
        func isSentinelCharacter(at index: Int, _ last: UInt8) -> Bool {
            index + 2 < bytes.count && bytes[index] == 0xEE && bytes[index + 1] == 0x80 && bytes[index + 2] == last
        }
        while position < bytes.count {
            guard bytes[position] == 0xEE else {
                position += 1
                continue
            }
            // Every 0xEE byte is a sentinel's: texts and templates with one are not made skeletons.
            let escaped: Bool
            if isSentinelCharacter(at: position, 0x80) {
                escaped = false
            } else if isSentinelCharacter(at: position, 0x82) {
                escaped = true
            } else {
                return nil
            }
            literals.append(contentsOf: bytes[literalStart..<position])
            var cursor = position + 3
            var index = 0
            let digitsStart = cursor
            while cursor < bytes.count, (0x30...0x39).contains(bytes[cursor]), cursor - digitsStart < 9 {
                index = index * 10 + Int(bytes[cursor] - 0x30)
                cursor += 1
            }
            guard cursor > digitsStart, index < endings.count, isSentinelCharacter(at: cursor, 0x81) else { return nil }
            cursor += 3
            if let ending = endings[index].byte {
                guard cursor < bytes.count, bytes[cursor] == ending else { return nil }
                cursor += 1
            }
            slots.append(Slot(literalEnd: literals.count, text: index, escaped: escaped))
            position = cursor
            literalStart = cursor
        }
        literals.append(contentsOf: bytes[literalStart...])
        self.init(literals: literals, slots: slots)
    }

    /// A skeleton from its literals' bytes and its slots (see ``ListSkeletons``).
    init(literals: [UInt8], slots: [Slot]) {
        self.literals = literals
        self.slots = slots
    }

    /// The output for a context of this skeleton's shape whose texts are `texts`.
    func fill(_ texts: [String]) -> String {
        String(decoding: fillBytes(texts), as: UTF8.self)
    }

    /// The same output as UTF-8 bytes, as files take it (no string to copy them out of).
    func fillBytes(_ texts: [String]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(literals.count + 2 * texts.reduce(0) { $0 + $1.utf8.count })
        literals.withUnsafeBufferPointer { literals in
            var start = 0
            for slot in slots {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: literals[start..<slot.literalEnd]))
                start = slot.literalEnd
                if slot.escaped {
                    HTMLEscaping.append(escaping: texts[slot.text], to: &output)
                } else if texts[slot.text].utf8.withContiguousStorageIfAvailable({ output.append(contentsOf: $0) }) == nil {
                    output.append(contentsOf: texts[slot.text].utf8)
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: literals[start...]))
        }
        return output
    }
}

/// A skeleton being rendered: watches swift-mustache render a sentinel context (see
/// ``RenderWatch``), so that the escaper marks the sentinels it escapes.
extension TemplateSkeleton {
    final class Rendering: RenderWatch, @unchecked Sendable {
        /// Set when a text that holds a sentinel but is not one was escaped: the output is
        /// not a skeleton (no known template does this: composite values render as nothing).
        var isSpoiled = false
        /// The storage of a list whose sections are counted (see ``ListSkeletons``), and how
        /// many sections went through all of its items.
        var watchedList: UnsafeRawPointer?
        var sectionsOverWatchedList = 0

        func sectionFinished() { sectionsOverWatchedList += 1 }

        /// `text`, which holds a sentinel character, as escaped while a skeleton renders: a
        /// sentinel marked as escaped.
        func escape(_ text: String) -> String {
            let open = TemplateSkeleton.open, close = TemplateSkeleton.close
            let body = text.utf8.dropFirst(open.utf8.count)
            guard text.hasPrefix(open), let closeAt = body.firstIndex(of: 0xEE),
                body[..<closeAt].allSatisfy({ (0x30...0x39).contains($0) }),
                text.utf8[closeAt...].starts(with: close.utf8)
            else {
                isSpoiled = true
                return text
            }
            let rest = text.utf8[text.utf8.index(closeAt, offsetBy: close.utf8.count)...]
            guard rest.isEmpty || (rest.count == 1 && (rest.first == 0x0A || rest.first == 0x0D)) else {
                isSpoiled = true
                return text
            }
            return TemplateSkeleton.openEscaped + text.dropFirst()
        }
    }
}

/// A skeleton filled with one context's texts: a page's output, made when taken.
struct FilledSkeleton: FilledTemplate {
    let skeleton: TemplateSkeleton
    let texts: [String]

    var string: String { skeleton.fill(texts) }
    var bytes: [UInt8] { skeleton.fillBytes(texts) }
}
