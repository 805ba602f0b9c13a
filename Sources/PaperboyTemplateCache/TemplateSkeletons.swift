import Foundation
import PaperboyCore
import PaperboyRender

/// A shape's bytes with their digest, to find it in a dictionary without hashing them all.
struct ShapeKey: Hashable, Sendable {
    let digest: UInt64
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.digest = Self.digest(of: bytes[...])
    }

    /// The digest a key of these bytes has.
    static func digest(of bytes: ArraySlice<UInt8>) -> UInt64 {
        var digest = Digest()
        bytes.withUnsafeBytes { digest.add(utf8: $0) }
        return digest.value
    }

    func hash(into hasher: inout Hasher) { hasher.combine(digest) }
}

/// Skeletons of the templates' output by context shape, shared by the threads that render pages.
///
/// swift-mustache spends most of its time finding values: every name is looked up through
/// the context stack with several dynamic casts per step. Yet a site's many paper
/// pages come in a few hundred ``ContextShape``s, and pages of one shape differ only in
/// their texts. So a shape's first page is rendered directly; its second is rendered directly
/// and as a ``TemplateSkeleton``, which is kept only if filling it with that page's texts
/// gives the same bytes; every later page of the shape is the skeleton filled.
final class TemplateSkeletons: @unchecked Sendable {
    private enum Entry {
        case seen
        case skeleton(TemplateSkeleton)
        /// A shape whose skeleton did not come out right (which no known template does): its
        /// pages are rendered directly.
        case direct
    }

    /// How many shapes are remembered: pages whose shape is one of a kind (a day's list, with
    /// its returning papers) are each one, and those past this many are rendered directly.
    static let capacity = 20_000

    private var entries: [ShapeKey: Entry] = [:]
    /// Pages around a long list, put together from its items.
    let lists = ListSkeletons()
    private let lock = NSLock()
    private var counts = (filled: 0, direct: 0)

    /// Pages filled from a skeleton and rendered directly so far.
    var renderCounts: (filled: Int, direct: Int) { lock.withLock { counts } }

    /// Whether templates with these texts render the same from skeletons as directly: not if
    /// one uses a transform (`{{uppercased(title)}}` looks inside a text), sets delimiters
    /// (its tags could not be read here) or a content type (its escaper knows no sentinels),
    /// or has a character of the sentinels' range.
    ///
    /// Read as bytes, while swift-mustache reads characters: a brace next to a non-ASCII byte
    /// could be one character with it (U+0600 joins the `{` after it), which would make the
    /// tags the parser sees differ from these, so such a template is rendered directly too.
    static func canRender(_ templateTexts: [String]) -> Bool {
        templateTexts.allSatisfy { whyRenderedDirectly($0) == nil }
    }

    /// Why a template with this text is always rendered directly (see ``canRender(_:)``), or nil.
    static func whyRenderedDirectly(_ text: String) -> String? {
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        let bytes = Array(text.utf8)
        if TemplateSkeleton.mayHoldSentinel(text) { return "it holds a private-use character, which skeletons use" }
        for (index, byte) in bytes.enumerated() where byte == open || byte == close {
            if index > 0 && bytes[index - 1] >= 0x80 || index + 1 < bytes.count && bytes[index + 1] >= 0x80 {
                return "a brace stands beside a non-ASCII character"
            }
        }
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == open && bytes[index + 1] == open else {
                index += 1
                continue
            }
            let start = index + 2
            var end = start
            while end + 1 < bytes.count && !(bytes[end] == close && bytes[end + 1] == close) { end += 1 }
            let tag = bytes[start..<min(end, bytes.count)]
            // A comment may say anything; `!` joined to a mark after it is no comment.
            let isComment = tag.first == UInt8(ascii: "!") && (tag.count < 2 || tag[start + 1] < 0x80)
            if !isComment {
                if tag.first == UInt8(ascii: "=") { return "it sets delimiters" }
                if tag.first == UInt8(ascii: "%") { return "it sets a pragma" }
                if tag.contains(UInt8(ascii: "(")) { return "it uses a transform" }
            }
            index = end + 2
        }
        return nil
    }

    /// `template` rendered with `context`: from the shape's skeleton when there is one.
    /// `direct` renders a context with swift-mustache.
    func render(_ template: String, _ context: TemplateObject, direct: (TemplateObject) -> String) -> RenderedTemplate {
        guard let shape = ContextShape(template: template, context: context) else {
            lock.withLock { counts.direct += 1 }
            return .rendered(direct(context))
        }
        if let list = shape.list, let output = lists.render(template, context, shape: shape, list: list, direct: direct) {
            let filled = if case .filled = output { true } else { false }
            lock.withLock { if filled { counts.filled += 1 } else { counts.direct += 1 } }
            return output
        }
        let key = ShapeKey(shape.key)
        // One lock per page: the entry is looked up and the page counted together.
        let entry: Entry? = lock.withLock {
            let entry = entries[key]
            if entry == nil && entries.count < Self.capacity { entries[key] = .seen }
            if case .skeleton? = entry { counts.filled += 1 } else { counts.direct += 1 }
            return entry
        }
        switch entry {
        case let .skeleton(skeleton)?:
            return .filled(FilledSkeleton(skeleton: skeleton, texts: shape.texts))
        case .seen?:
            let html = direct(context)
            let rendering = TemplateSkeleton.Rendering()
            let rendered = RenderWatching.$current.withValue(rendering) { direct(shape.sentinelContext(context)) }
            let skeleton = rendering.isSpoiled ? nil : TemplateSkeleton(rendered: rendered, endings: shape.endings)
            // Bytes, not `==` on strings (which takes canonically equivalent texts for equal).
            let holds = skeleton.map { $0.fillBytes(shape.texts).elementsEqual(html.utf8) } ?? false
            lock.withLock {
                // A shape shown wrong once stays direct, whatever another thread found.
                if !holds {
                    entries[key] = .direct
                } else if let skeleton, case .seen? = entries[key] {
                    entries[key] = .skeleton(skeleton)
                }
            }
            return .rendered(html)
        case .direct?, nil:
            return .rendered(direct(context))
        }
    }
}
