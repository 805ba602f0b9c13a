/// A template context split in two: its shape and its texts.
///
/// The shape is everything swift-mustache decides by: the names present, each list's length,
/// each boolean, which texts are empty or a lone line feed, and how each other text ends (see
/// ``endings``). The texts are every other text and number, in the walk's order. Templates with no transforms
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
    init?(template: String, context: TemplateObject) {
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

    private mutating func add(object: TemplateObject) -> Bool {
        key.append(Tag.object)
        addCount(object.count)
        for (name, value) in zip(object.names, object.values) {
            addName(name)
            guard add(value) else { return false }
        }
        return true
    }

    private mutating func add(_ value: TemplateValue) -> Bool {
        switch value {
        case let .text(text): return add(text: text)
        case let .number(number): return add(text: String(number))
        case let .flag(flag): key.append(flag ? Tag.isTrue : Tag.isFalse)
        case let .object(object): return add(object: object)
        case let .list(list):
            key.append(Tag.list)
            addCount(list.count)
            for item in list {
                guard add(object: item) else { return false }
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
    func sentinelContext(_ context: TemplateObject) -> TemplateObject {
        var next = 0
        func replace(object: TemplateObject) -> TemplateObject {
            TemplateObject(names: object.names, values: object.values.map(replace))
        }
        func replace(_ value: TemplateValue) -> TemplateValue {
            switch value {
            case let .text(text): replace(text: text)
            case let .number(number): replace(text: String(number))
            case .flag: value
            case let .object(object): .object(replace(object: object))
            case let .list(list): .list(list.map(replace(object:)))
            }
        }
        func replace(text: String) -> TemplateValue {
            if text.isEmpty || text == "\n" { return .text(text) }
            defer { next += 1 }
            return .text(TemplateSkeleton.sentinel(next, ending: endings[next]))
        }
        return replace(object: context)
    }
}
