/// What a faster ``TemplateRendering`` watches while swift-mustache renders a context it made
/// (PaperboyTemplateCache renders contexts whose texts are numbered placeholders, to learn
/// where each text goes): set for the task that renders, nil otherwise.
package protocol RenderWatch: AnyObject, Sendable {
    /// `text`, which holds a character of U+E000 to U+EFFF, as ``HTMLEscaping`` outputs it.
    func escape(_ text: String) -> String
    /// The storage of the list whose sections are counted (see ``RenderWatching/storage(of:)``).
    var watchedList: UnsafeRawPointer? { get }
    /// A section went through every item of the watched list.
    func sectionFinished()
}

package enum RenderWatching {
    @TaskLocal package static var current: (any RenderWatch)?

    /// Where a list's items are stored: the same for every copy of it.
    package static func storage(of items: [TemplateObject]) -> UnsafeRawPointer? {
        items.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
    }
}
