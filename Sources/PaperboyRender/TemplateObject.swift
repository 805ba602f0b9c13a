import Mustache

/// A value in a template context.
///
/// Typed, so that ``ContextShape`` reads a page's context without a dynamic cast per value;
/// templates see each case as the type swift-mustache knows (see ``TemplateObject/child(named:)``).
package enum TemplateValue: Sendable {
    case text(String)
    /// A fragment put together by a faster ``TemplateRendering`` (a paper card, the site
    /// header): every text in it was checked for private-use characters already, so a page
    /// that holds it need not look through it again (see ``RenderedTemplate/value``).
    case html(String)
    case number(Int)
    case flag(Bool)
    case object(TemplateObject)
    case list([TemplateObject])

    /// The value as swift-mustache sees it.
    var mustacheValue: Any {
        switch self {
        case let .text(text), let .html(text): TemplateText(text)
        case let .number(number): TemplateNumber(number)
        case let .flag(flag): flag
        case let .object(object): object
        case let .list(list): TemplateList(items: list)
        }
    }
}

/// A list in a template context: a sequence to sections, like an array, and nothing as text.
///
/// `{{papers}}` renders nothing instead of Swift's description of the array (which no page
/// wants, and which would put its texts into the output escaped in Swift's own way).
struct TemplateList: Sendable, MustacheSequence, MustacheCustomRenderable, MustacheTransformable, MustacheParent {
    let items: [TemplateObject]

    /// Goes through the items, and tells a ``RenderWatch`` watching this list when a section
    /// went through all of them.
    struct Iterator: IteratorProtocol {
        var items: IndexingIterator<[TemplateObject]>
        var watch: (any RenderWatch)?

        mutating func next() -> TemplateObject? {
            let item = items.next()
            if item == nil, let watch {
                watch.sectionFinished()
                self.watch = nil
            }
            return item
        }
    }

    func makeIterator() -> Iterator {
        let watch = RenderWatching.current
        let watched = watch?.watchedList != nil && watch?.watchedList == RenderWatching.storage(of: items)
        return Iterator(items: items.makeIterator(), watch: watched ? watch : nil)
    }

    var renderText: String { "" }
    var isNull: Bool { false }
    /// No children, as an array has none (not `items` through a `Mirror`).
    func child(named: String) -> Any? { nil }
    /// An array's transforms (`count`, `first`, `reversed`…).
    func transform(_ name: String) -> Any? { items.transform(name) }
}

/// An object in a template context: named values, in the order they were first set.
///
/// Templates see it as swift-mustache sees a `[String: Any]` (`{{page.title}}`,
/// `{{#page}}…{{/page}}`, the `count` and `empty` transforms). Unlike a dictionary it lists its
/// names in one order every time, which ``ContextShape`` walks without sorting, and a page's
/// twenty names are found faster by comparing them than by hashing.
package struct TemplateObject: Sendable, MustacheParent, MustacheTransformable, MustacheCustomRenderable, ExpressibleByDictionaryLiteral {
    package private(set) var names: [String] = []
    package private(set) var values: [TemplateValue] = []

    package init() {}

    /// The same names with other values, in the same order (a copy that keeps any repeated name).
    package init(names: [String], values: [TemplateValue]) {
        precondition(names.count == values.count)
        self.names = names
        self.values = values
    }

    package init(dictionaryLiteral elements: (String, TemplateValue)...) {
        names = elements.map(\.0)
        values = elements.map(\.1)
        assert(Set(names).count == names.count, "a name set twice in one literal")
    }

    package var count: Int { names.count }

    /// The value named `name`; setting nil removes it, setting a new name adds it last.
    package subscript(name: String) -> TemplateValue? {
        get { names.firstIndex(of: name).map { values[$0] } }
        set {
            if let index = names.firstIndex(of: name) {
                if let newValue {
                    values[index] = newValue
                } else {
                    names.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                names.append(name)
                values.append(newValue)
            }
        }
    }

    /// Adds a value under a name not set yet, without looking for it first (a paper page sets
    /// twenty names; debug builds check).
    mutating func add(_ name: String, _ value: TemplateValue?) {
        assert(!names.contains(name), "\(name) set twice")
        guard let value else { return }
        names.append(name)
        values.append(value)
    }

    /// Changes the object named `name` in place.
    mutating func modifyObject(_ name: String, _ change: (inout TemplateObject) -> Void) {
        guard let index = names.firstIndex(of: name), case var .object(object) = values[index] else {
            preconditionFailure("no object named \(name)")
        }
        // The slot lets go of the object first, so that changing it copies nothing.
        values[index] = .flag(false)
        change(&object)
        values[index] = .object(object)
    }

    /// Every value of `other` set here, in its order.
    mutating func merge(_ other: TemplateObject) {
        for (name, value) in zip(other.names, other.values) { self[name] = value }
    }

    package func child(named name: String) -> Any? { self[name]?.mustacheValue }

    /// `{{page}}` renders nothing, as ``TemplateList`` does.
    package var renderText: String { "" }
    package var isNull: Bool { false }

    /// A dictionary's transforms; `enumerated` and `sorted` list name-value pairs, in the
    /// object's order and by name.
    package func transform(_ name: String) -> Any? {
        let pairs = { zip(names, values).map { (key: $0, value: $1.mustacheValue) } }
        switch name {
        case "count": return count
        case "empty": return names.isEmpty
        case "enumerated": return pairs()
        case "sorted": return pairs().sorted { $0.key < $1.key }
        default: return nil
        }
    }
}
