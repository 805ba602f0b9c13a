import Foundation
import PaperboySite

/// Rendered fragments (paper cards, related-paper links, site header and footer) shared by the
/// threads that render pages: each is rendered once per variant instead of once per page.
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
    private var cardTables: [Key: PaperTable<TemplateValue>] = [:]
    private var linkTables: [String: PaperTable<TemplateObject>] = [:]
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
    func cards(root: String, showDate: Bool) -> PaperTable<TemplateValue> {
        let key = Key(.cards, root: root, variant: showDate ? "date" : "")
        return lock.withLock {
            if let table = cardTables[key] { return table }
            let table = PaperTable<TemplateValue>()
            cardTables[key] = table
            return table
        }
    }

    /// The links to related papers of pages at `root`: a paper is in the lists of about five
    /// paper pages, which take its link from here after the first.
    func relatedLinks(root: String) -> PaperTable<TemplateObject> {
        lock.withLock {
            if let table = linkTables[root] { return table }
            let table = PaperTable<TemplateObject>()
            linkTables[root] = table
            return table
        }
    }

    /// Fragments of one kind, root and variant, by paper.
    final class PaperTable<Fragment: Sendable>: @unchecked Sendable {
        private var fragments: [ObjectIdentifier: Fragment] = [:]
        private let lock = NSLock()

        /// The cached fragment of the paper `id` (``PaperModel/id``), or `render()`'s result,
        /// stored for next time.
        func fragment(of id: ObjectIdentifier, render: () -> Fragment) -> Fragment {
            let key = id
            if let fragment = lock.withLock({ fragments[key] }) { return fragment }
            let fragment = render()
            lock.withLock { fragments[key] = fragment }
            return fragment
        }
    }
}
