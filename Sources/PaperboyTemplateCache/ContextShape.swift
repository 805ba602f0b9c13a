import PaperboyRender

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

    /// The context's long list, walked item by item for ``ListSkeletons``: where it is in
    /// ``key`` and ``texts``.
    struct List {
        /// Its place among the context's values.
        let index: Int
        /// Its part of ``key``, replaced by one tag in ``frameKey``.
        let keyRange: Range<Int>
        /// How many of ``texts`` come before the list's.
        let textsBefore: Int
        /// Each item's shape (its part of ``key``) and texts.
        let items: [(key: Range<Int>, texts: Range<Int>)]

        var textCount: Int { (items.last?.texts.upperBound ?? textsBefore) - textsBefore }
    }

    /// The context's longest list of its own when it has at least ``minimumListLength``
    /// items: a day's hundred papers, each new or returning, make its page's shape one of a
    /// kind, so such pages are put together from the list's items (see ``ListSkeletons``).
    private(set) var list: List?

    private enum Tag {
        static let empty: UInt8 = 1, lineFeed: UInt8 = 2
        static let isTrue: UInt8 = 5, isFalse: UInt8 = 6, object: UInt8 = 7, list: UInt8 = 8
        /// A list of one or more items, whatever they are (in ``frameKey``).
        static let anyList: UInt8 = 9
        /// Plus the ending's raw value.
        static let text: UInt8 = 16
    }

    /// The shape of `context` rendered by the template `template`; nil if the context holds a
    /// value the walk does not know or a text that could be taken for a slot's sentinel.
    /// `findList: false` leaves ``list`` nil (whole-page shapes only).
    init?(template: String, context: TemplateObject, findList: Bool = true) {
        key.reserveCapacity(1024)
        texts.reserveCapacity(64)
        endings.reserveCapacity(64)
        addName(template)
        let listIndex = findList ? Self.longList(in: context) : nil
        key.append(Tag.object)
        addCount(context.count)
        for index in context.names.indices {
            addName(context.names[index])
            if index == listIndex, case let .list(items) = context.values[index] {
                let start = key.count, textsBefore = texts.count
                key.append(Tag.list)
                addCount(items.count)
                var marks: [(key: Range<Int>, texts: Range<Int>)] = []
                marks.reserveCapacity(items.count)
                for item in items {
                    let keyStart = key.count, textStart = texts.count
                    guard add(object: item) else { return nil }
                    marks.append((keyStart..<key.count, textStart..<texts.count))
                }
                list = List(index: index, keyRange: start..<key.count, textsBefore: textsBefore, items: marks)
            } else {
                guard add(context.values[index]) else { return nil }
            }
        }
    }

    /// Shorter lists (a page's feed links, a paper's topics) seldom make a page's shape one of
    /// a kind: their pages are filled from skeletons of the whole page.
    static let minimumListLength = 8

    /// Where the context's longest list of at least ``minimumListLength`` items is, if any.
    private static func longList(in context: TemplateObject) -> Int? {
        var found: (index: Int, count: Int)?
        for (index, value) in context.values.enumerated() {
            if case let .list(items) = value, items.count >= minimumListLength, items.count > found?.count ?? 0 {
                found = (index, items.count)
            }
        }
        return found?.index
    }

    /// The shape with its ``list`` taken for any list of one or more items: the same for every
    /// page that differs from another only in its list's items.
    func frameKey(_ list: List) -> [UInt8] {
        var frame = Array(key[..<list.keyRange.lowerBound])
        frame.reserveCapacity(key.count - list.keyRange.count + 1)
        frame.append(Tag.anyList)
        frame.append(contentsOf: key[list.keyRange.upperBound...])
        return frame
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
        // By index, not by zip: the zip's iterator copies (retains) every name and value.
        for index in object.names.indices {
            addName(object.names[index])
            guard add(object.values[index]) else { return false }
        }
        return true
    }

    private mutating func add(_ value: TemplateValue) -> Bool {
        switch value {
        case let .text(text): return add(text: text)
        case let .html(html): return add(text: html, checked: true)
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

    /// `checked`: the text is known to hold no sentinel character.
    private mutating func add(text: String, checked: Bool = false) -> Bool {
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
        // A checked text was filled from a skeleton: its literals and texts were all looked at.
        assert(!checked || !TemplateSkeleton.mayHoldSentinel(text), "a fragment filled from a skeleton holds a sentinel character")
        guard checked || !TemplateSkeleton.mayHoldSentinel(text) else { return false }
        let ending = TemplateSkeleton.Ending.of(text)
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
            case let .text(text), let .html(text): replace(text: text)
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
