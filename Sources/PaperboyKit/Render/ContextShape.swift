/// A template context split in two: its shape and its texts.
///
/// The shape is everything swift-mustache decides by: the keys present, each list's length,
/// each boolean, and which texts are empty or a lone line feed. The texts are every other
/// ``TemplateText`` and ``TemplateNumber``, in the walk's order. Templates with no transforms
/// (see ``TemplateSkeletons``) never look inside a text: they copy it into the output, escaped
/// or not. So two contexts of one shape render to one ``TemplateSkeleton`` filled with their texts.
struct ContextShape {
    /// The shape, exactly: equal keys are equal shapes.
    private(set) var key: [UInt8] = []
    /// The texts that fill a skeleton's slots, in walk order.
    private(set) var texts: [String] = []
    /// Per text, the line ending a sentinel keeps (see ``TemplateSkeleton/Ending``).
    private(set) var endings: [TemplateSkeleton.Ending] = []

    private enum Tag {
        static let empty: UInt8 = 1, lineFeed: UInt8 = 2
        static let isTrue: UInt8 = 5, isFalse: UInt8 = 6, object: UInt8 = 7, list: UInt8 = 8
        /// Plus the ending's raw value.
        static let text: UInt8 = 16
    }

    /// The shape of `context` rendered by the template `template`; nil if the context holds a
    /// value the walk does not know or a text that could be taken for a slot's sentinel.
    init?(template: String, context: [String: Any]) {
        key.reserveCapacity(1024)
        texts.reserveCapacity(64)
        endings.reserveCapacity(64)
        addName(template)
        guard add(object: context) else { return nil }
    }

    private mutating func addName(_ name: String) {
        addCount(name.utf8.count)
        key.append(contentsOf: name.utf8)
    }

    private mutating func addCount(_ count: Int) {
        var count = count
        repeat {
            key.append(UInt8(count & 0x7F) | (count > 0x7F ? 0x80 : 0))
            count >>= 7
        } while count > 0
    }

    private mutating func add(object: [String: Any]) -> Bool {
        key.append(Tag.object)
        addCount(object.count)
        for (name, value) in Self.ordered(object) {
            addName(name)
            guard add(value) else { return false }
        }
        return true
    }

    /// An object's entries by name: each dictionary lists its keys in an order of its own.
    private static func ordered(_ object: [String: Any]) -> [(key: String, value: Any)] {
        object.sorted { $0.key < $1.key }
    }

    private mutating func add(_ value: Any) -> Bool {
        switch value {
        case let text as TemplateText: return add(text: text.string)
        case let number as TemplateNumber: return add(text: number.renderText)
        case let flag as Bool: key.append(flag ? Tag.isTrue : Tag.isFalse)
        default:
            // Exact types only: a cast would also convert a `[String: Bool]`, into a new
            // dictionary each time, which need not list its keys in the same order twice.
            if type(of: value) == [String: Any].self {
                return add(object: value as! [String: Any])
            } else if type(of: value) == [[String: Any]].self {
                let list = value as! [[String: Any]]
                key.append(Tag.list)
                addCount(list.count)
                for item in list {
                    guard add(object: item) else { return false }
                }
            } else {
                return false
            }
        }
        return true
    }

    private mutating func add(text: String) -> Bool {
        // Rendered as they are: an empty text renders nothing (and so no indentation), and a
        // lone line feed may join a carriage return before it into one character.
        if text.isEmpty {
            key.append(Tag.empty)
            return true
        }
        if text == "\n" {
            key.append(Tag.lineFeed)
            return true
        }
        guard !TemplateSkeleton.mayHoldSentinel(text) else { return false }
        let ending = TemplateSkeleton.Ending(of: text)
        key.append(Tag.text + ending.rawValue)
        texts.append(text)
        endings.append(ending)
        return true
    }

    /// A copy of `context` with every text replaced by its slot's sentinel, walked in the same
    /// order as `init`: render it, and the output is the skeleton.
    func sentinelContext(_ context: [String: Any]) -> [String: Any] {
        var next = 0
        func replace(object: [String: Any]) -> [String: Any] {
            var copy: [String: Any] = [:]
            copy.reserveCapacity(object.count)
            for (name, value) in Self.ordered(object) { copy[name] = replace(value) }
            return copy
        }
        func replace(_ value: Any) -> Any {
            switch value {
            case let text as TemplateText: return replace(text: text.string)
            case let number as TemplateNumber: return replace(text: number.renderText)
            case let flag as Bool: return flag
            default:
                if type(of: value) == [String: Any].self { return replace(object: value as! [String: Any]) }
                return (value as! [[String: Any]]).map(replace(object:))
            }
        }
        func replace(text: String) -> TemplateText {
            if text.isEmpty || text == "\n" { return TemplateText(text) }
            defer { next += 1 }
            return TemplateText(TemplateSkeleton.sentinel(next, ending: endings[next]))
        }
        return replace(object: context)
    }
}
