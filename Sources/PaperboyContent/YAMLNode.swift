/// A value of Paperboy's YAML subset: what site.yml, topics.yml and front matter use.
///
/// Supported: block mappings and sequences by indentation, flow sequences `[a, "b"]`,
/// plain, single- and double-quoted scalars, `#` comments. Anchors, tags, multi-line
/// scalars and flow mappings are reported as errors with their line instead of guessed at.
/// A parser of our own gives exact line numbers and keeps a build of many files fast.
package indirect enum YAMLNode: Sendable, Equatable {
    case scalar(String, line: Int)
    case sequence([YAMLNode], line: Int)
    case mapping([(key: String, value: YAMLNode)], line: Int)

    package static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
        switch (lhs, rhs) {
        case let (.scalar(a, _), .scalar(b, _)): return a == b
        case let (.sequence(a, _), .sequence(b, _)): return a == b
        case let (.mapping(a, _), .mapping(b, _)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The 1-based line the value starts on.
    package var line: Int {
        switch self {
        case let .scalar(_, line), let .sequence(_, line), let .mapping(_, line): return line
        }
    }

    /// The value for `key` when this is a mapping.
    package subscript(key: String) -> YAMLNode? {
        guard case let .mapping(pairs, _) = self else { return nil }
        return pairs.first(where: { $0.key == key })?.value
    }

    package var string: String? {
        if case let .scalar(value, _) = self { return value }
        return nil
    }

    /// A scalar reads as a one-element list, so `topics: vision` means `[vision]`.
    package var strings: [String]? {
        switch self {
        case let .scalar(value, _): return value.isEmpty ? [] : [value]
        case let .sequence(items, _):
            let strings = items.compactMap(\.string)
            return strings.count == items.count ? strings : nil
        case .mapping: return nil
        }
    }

    package var keys: [String] {
        if case let .mapping(pairs, _) = self { return pairs.map(\.key) }
        return []
    }
}
