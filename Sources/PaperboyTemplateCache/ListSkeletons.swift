import Foundation
import PaperboyCore
import PaperboyRender

/// Skeletons of pages around a long list, put together from one piece per kind of item.
///
/// A day lists a hundred papers, each new or returning, so hardly two day pages share a
/// ``ContextShape``. But swift-mustache renders a section over a list as its items' outputs
/// one after the other, each by the same section template and blind to its place (only
/// transforms see it, and templates with transforms get no skeletons). So with the list's
/// items of shapes u1 … un, a page renders to
///
///     head(u1) body(u1) join(u1, u2) body(u2) … join(un-1, un) body(un) tail(un)
///
/// where body(s) runs from an item's first text to its last, join(s, t) is what comes between
/// two items, and head(s) and tail(s) are the rest of the page. They are cut from probes: the
/// page rendered with sentinels (as for a ``TemplateSkeleton``) and a list of one item (head,
/// body, tail) or of two (join). A probe must go through the list in exactly one section (a
/// second section, or one inside an item that finds the page's list again, could render what
/// no item shows alone), and the two-item probe must give back the one-item probes' head,
/// bodies and tail around the join, with every text of its first item before every text of
/// its second. Pages of a frame that fails this are rendered as any other page (whole-page
/// skeletons or directly). Beyond that, the first page with a kind of item or a pair of kinds
/// not met before is rendered directly too, and compared.
final class ListSkeletons: @unchecked Sendable {
    /// Output in the form a page is put together from: its literals' bytes one after the
    /// other, and where each text goes, numbered as in the page around the list (as if the
    /// list had no texts) or in one item. Compared byte for byte (not as strings, which take
    /// canonically equivalent texts for equal).
    struct Part: Equatable {
        struct Slot: Equatable {
            let literalEnd: Int
            let text: Int
            let isItem: Bool
            let escaped: Bool
        }

        let literals: [UInt8]
        let slots: [Slot]

        /// The slots in `range`, with the literals from offset `start` to `end`.
        func cut(_ range: Range<Int>, from start: Int, to end: Int) -> Part {
            Part(
                literals: Array(literals[start..<end]),
                slots: slots[range].map { Slot(literalEnd: $0.literalEnd - start, text: $0.text, isItem: $0.isItem, escaped: $0.escaped) })
        }

        /// The slots from `first` to `last`, from the first one's place to the last one's.
        func cut(slots first: Int, through last: Int) -> Part {
            cut(first..<last + 1, from: slots[first].literalEnd, to: slots[last].literalEnd)
        }
    }

    /// A one-item probe cut at its item's first and last text.
    struct Single {
        let head: Part, body: Part, tail: Part
    }

    struct Pair: Hashable {
        let first: ShapeKey, second: ShapeKey
    }

    /// What is known of the pages of one frame: their shape but for their list's items.
    struct Frame {
        var singles: [ShapeKey: Single] = [:]
        var joins: [Pair: Part] = [:]
        /// Kinds of item and pairs in a page that was also rendered directly, with the same bytes.
        var checkedItems: Set<ShapeKey> = []
        var checkedPairs: Set<Pair> = []
        /// A probe or a page did not come out as the model says: pages are rendered as any other.
        var failed = false
    }

    /// How many frames are remembered (a site has a few per page template), and kinds of
    /// item per frame (a day's papers come in a handful).
    static let capacity = 2_000
    static let kindCapacity = 64

    private var frames: [ShapeKey: Frame] = [:]
    private let lock = NSLock()
    private var filled = 0

    /// Pages put together from their items so far.
    var filledCount: Int { lock.withLock { filled } }

    /// `template`'s output for `context`, whose `shape` has a long `list`: filled from its
    /// items' pieces, or rendered directly while a kind or pair is being checked. Nil when
    /// pages of its frame cannot be put together (then they are rendered as any other).
    func render(
        _ template: String, _ context: TemplateObject, shape: ContextShape, list: ContextShape.List,
        direct: (TemplateObject) -> String
    ) -> RenderedTemplate? {
        guard case let .list(items) = context.values[list.index] else { return nil }
        let frameKey = ShapeKey(shape.frameKey(list))
        // The page's kinds of item, each with its first item; and its pairs of neighbours.
        var kinds: [ShapeKey] = [], examples: [Int] = [], kindOfItem: [Int] = []
        kindOfItem.reserveCapacity(items.count)
        for (position, item) in list.items.enumerated() {
            // Compared in place: a key is made only for a kind not met on this page before.
            let bytes = shape.key[item.key]
            let digest = ShapeKey.digest(of: bytes)
            if let kind = kinds.firstIndex(where: { $0.digest == digest && $0.bytes.elementsEqual(bytes) }) {
                kindOfItem.append(kind)
            } else {
                kindOfItem.append(kinds.count)
                kinds.append(ShapeKey(Array(bytes)))
                examples.append(position)
            }
        }
        var pairs: [(first: Int, second: Int)] = []
        for (first, second) in zip(kindOfItem, kindOfItem.dropFirst()) where !pairs.contains(where: { $0 == (first, second) }) {
            pairs.append((first, second))
        }

        var frame = lock.withLock { frames[frameKey] } ?? Frame()
        if frame.failed { return nil }
        // A frame with items of very many kinds (and joins for each pair met) is not worth its memory.
        guard frame.singles.count + kinds.count(where: { frame.singles[$0] == nil }) <= Self.kindCapacity else { return nil }
        let probe = Probe(template: template, context: context, list: list, items: items)
        for kind in kinds.indices where frame.singles[kinds[kind]] == nil {
            guard let single = probe.single(examples[kind], direct) else { return failed(frameKey) }
            frame.singles[kinds[kind]] = single
        }
        for (first, second) in pairs where frame.joins[Pair(first: kinds[first], second: kinds[second])] == nil {
            let ends = (frame.singles[kinds[first]]!, frame.singles[kinds[second]]!)
            guard let join = probe.join(examples[first], examples[second], ends, direct) else { return failed(frameKey) }
            frame.joins[Pair(first: kinds[first], second: kinds[second])] = join
        }

        // The parts in order, their texts numbered as in the page.
        let singles = kinds.map { frame.singles[$0]! }
        var joins = [[Part?]](repeating: Array(repeating: nil, count: kinds.count), count: kinds.count)
        for (first, second) in pairs { joins[first][second] = frame.joins[Pair(first: kinds[first], second: kinds[second])] }
        var literals: [UInt8] = []
        var slots: [TemplateSkeleton.Slot] = []
        literals.reserveCapacity(
            kindOfItem.count * (singles[0].body.literals.count + 64) + singles[0].head.literals.count + singles[0].tail.literals.count)
        func append(_ part: Part, item: Int) {
            let base = literals.count
            literals.append(contentsOf: part.literals)
            for slot in part.slots {
                let text =
                    slot.isItem
                    ? list.items[item].texts.lowerBound + slot.text
                    : slot.text < list.textsBefore ? slot.text : slot.text + list.textCount
                slots.append(TemplateSkeleton.Slot(literalEnd: base + slot.literalEnd, text: text, escaped: slot.escaped))
            }
        }
        for (position, kind) in kindOfItem.enumerated() {
            if position == 0 {
                append(singles[kind].head, item: position)
            } else {
                append(joins[kindOfItem[position - 1]][kind]!, item: position)
            }
            append(singles[kind].body, item: position)
            if position == kindOfItem.count - 1 { append(singles[kind].tail, item: position) }
        }
        let skeleton = TemplateSkeleton(literals: literals, slots: slots)

        let pairKeys = pairs.map { Pair(first: kinds[$0.first], second: kinds[$0.second]) }
        guard kinds.allSatisfy(frame.checkedItems.contains) && pairKeys.allSatisfy(frame.checkedPairs.contains) else {
            let html = direct(context)
            // Bytes, not `==` on strings (which takes canonically equivalent texts for equal).
            let holds = skeleton.fillBytes(shape.texts).elementsEqual(html.utf8)
            lock.withLock {
                guard var stored = frames[frameKey] ?? (frames.count < Self.capacity ? Frame() : nil), !stored.failed else { return }
                if holds {
                    stored.singles.merge(frame.singles) { kept, _ in kept }
                    stored.joins.merge(frame.joins) { kept, _ in kept }
                    stored.checkedItems.formUnion(kinds)
                    stored.checkedPairs.formUnion(pairKeys)
                } else {
                    stored.failed = true
                }
                frames[frameKey] = stored
            }
            return .rendered(html)
        }
        lock.withLock { filled += 1 }
        return .filled(FilledSkeleton(skeleton: skeleton, texts: shape.texts))
    }

    private func failed(_ frameKey: ShapeKey) -> RenderedTemplate? {
        lock.withLock {
            if frames[frameKey] != nil || frames.count < Self.capacity { frames[frameKey, default: Frame()].failed = true }
        }
        return nil
    }

    /// Renders a page with a short list in place of its long one, with sentinels.
    private struct Probe {
        let template: String
        let context: TemplateObject
        let list: ContextShape.List
        let items: [TemplateObject]

        /// The page with only the item at `position`, cut at that item's first and last text.
        func single(_ position: Int, _ direct: (TemplateObject) -> String) -> Single? {
            guard let page = render([position], direct),
                let first = page.slots.firstIndex(where: \.isItem), let last = page.slots.lastIndex(where: \.isItem)
            else { return nil }
            return Single(
                head: page.cut(0..<first, from: 0, to: page.slots[first].literalEnd),
                body: page.cut(slots: first, through: last),
                tail: page.cut(last + 1..<page.slots.count, from: page.slots[last].literalEnd, to: page.literals.count))
        }

        /// What comes between the items at `first` and `second`, when the page with just the
        /// two is the first's head and body, the join, and the second's body and tail.
        func join(_ first: Int, _ second: Int, _ ends: (Single, Single), _ direct: (TemplateObject) -> String) -> Part? {
            guard let page = render([first, second], direct) else { return nil }
            let firstCount = list.items[first].texts.count
            let ofFirst = page.slots.indices.filter { page.slots[$0].isItem && page.slots[$0].text < firstCount }
            let ofSecond = page.slots.indices.filter { page.slots[$0].isItem && page.slots[$0].text >= firstCount }
            guard let firstStart = ofFirst.first, let firstEnd = ofFirst.last,
                let secondStart = ofSecond.first, let secondEnd = ofSecond.last, firstEnd < secondStart
            else { return nil }
            let second = page.cut(slots: secondStart, through: secondEnd)
            let secondBody = Part(
                literals: second.literals,
                slots: second.slots.map { slot in
                    .init(
                        literalEnd: slot.literalEnd, text: slot.isItem ? slot.text - firstCount : slot.text, isItem: slot.isItem,
                        escaped: slot.escaped)
                })
            guard page.cut(0..<firstStart, from: 0, to: page.slots[firstStart].literalEnd) == ends.0.head,
                page.cut(slots: firstStart, through: firstEnd) == ends.0.body, secondBody == ends.1.body,
                page.cut(secondEnd + 1..<page.slots.count, from: page.slots[secondEnd].literalEnd, to: page.literals.count) == ends.1.tail
            else { return nil }
            return page.cut(firstEnd + 1..<secondStart, from: page.slots[firstEnd].literalEnd, to: page.slots[secondStart].literalEnd)
        }

        /// The page's skeleton with the items at `positions` as its list, its texts numbered
        /// as in a ``Part``; nil if it is no skeleton.
        private func render(_ positions: [Int], _ direct: (TemplateObject) -> String) -> Part? {
            var values = context.values
            values[list.index] = .list(positions.map { items[$0] })
            let probe = TemplateObject(names: context.names, values: values)
            guard let shape = ContextShape(template: template, context: probe, findList: false) else { return nil }
            let sentinels = shape.sentinelContext(probe)
            guard case let .list(sentinelItems) = sentinels.values[list.index] else { return nil }
            let rendering = TemplateSkeleton.Rendering()
            rendering.watchedList = RenderWatching.storage(of: sentinelItems)
            let rendered = RenderWatching.$current.withValue(rendering) { direct(sentinels) }
            // One section over the list, and nothing else going through it: a second section,
            // or one inside an item that finds the page's list, could render what one item
            // does not show alone.
            guard !rendering.isSpoiled, rendering.sectionsOverWatchedList == 1,
                let skeleton = TemplateSkeleton(rendered: rendered, endings: shape.endings)
            else { return nil }
            let before = list.textsBefore, itemTexts = positions.reduce(0) { $0 + list.items[$1].texts.count }
            return Part(
                literals: skeleton.literals,
                slots: skeleton.slots.map { slot in
                    let isItem = slot.text >= before && slot.text < before + itemTexts
                    let text = slot.text < before ? slot.text : isItem ? slot.text - before : slot.text - itemTexts
                    return .init(literalEnd: slot.literalEnd, text: text, isItem: isItem, escaped: slot.escaped)
                })
        }
    }
}
