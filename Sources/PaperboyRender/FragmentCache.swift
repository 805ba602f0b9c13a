import Foundation
import PaperboySite

/// Rendered fragments (paper cards, site header and footer) shared by the threads that
/// render pages: each is rendered once per variant instead of once per page.
final class FragmentCache: @unchecked Sendable {
    /// A fragment, for a page at `root` (its relative path to the site's root).
    struct Key: Hashable {
        enum Kind: Hashable { case header, footer, cards }
        let kind: Kind
        let root: String
        /// Which navigation entry is current, whether cards show their date.
        let variant: String

        init(_ kind: Kind, root: String, variant: String = "") {
            self.kind = kind
            self.root = root
            self.variant = variant
        }
    }

    private var fragments: [Key: TemplateValue] = [:]
    private var cardTables: [Key: CardTable] = [:]
    private let lock = NSLock()

    /// The cached fragment for `key`, or `render()`'s result, stored for next time.
    func fragment(_ key: Key, render: () -> TemplateValue) -> TemplateValue {
        if let fragment = lock.withLock({ fragments[key] }) { return fragment }
        let fragment = render()
        lock.withLock { fragments[key] = fragment }
        return fragment
    }

    /// The cards of pages at `root`, with or without their date: a list page takes its table
    /// once, and each of its hundred cards is then found by its paper alone.
    func cards(root: String, showDate: Bool) -> CardTable {
        let key = Key(.cards, root: root, variant: showDate ? "date" : "")
        return lock.withLock {
            if let table = cardTables[key] { return table }
            let table = CardTable()
            cardTables[key] = table
            return table
        }
    }

    /// Paper cards of one root and variant, by paper.
    final class CardTable: @unchecked Sendable {
        private var cards: [ObjectIdentifier: TemplateValue] = [:]
        private let lock = NSLock()

        /// The cached card of `paper`, or `render()`'s result, stored for next time.
        func card(of paper: ListedPaper, render: () -> TemplateValue) -> TemplateValue {
            let key = paper.id
            if let card = lock.withLock({ cards[key] }) { return card }
            let card = render()
            lock.withLock { cards[key] = card }
            return card
        }
    }
}
