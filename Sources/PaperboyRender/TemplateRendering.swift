/// How a template and its context become output. ``MustacheRendering`` is the reference: it
/// hands both to swift-mustache. A faster one (PaperboyTemplateCache's skeletons) wraps it
/// and must give the same bytes; ``PageRenderer`` sees only this protocol.
package protocol TemplateRendering: Sendable {
    /// `template` rendered with `context`.
    func output(_ template: String, _ context: TemplateObject) -> RenderedTemplate

    /// Templates put together from earlier output and rendered directly so far, when counted.
    var renderCounts: (filled: Int, direct: Int)? { get }
}

/// A template's output: rendered, or put together by a faster ``TemplateRendering`` from
/// earlier output and this context's texts, to take as a string (a fragment inside another
/// page) or as bytes (a file).
package enum RenderedTemplate {
    case rendered(String)
    case filled(any FilledTemplate)

    package var string: String {
        switch self {
        case let .rendered(text): text
        case let .filled(filled): filled.string
        }
    }

    /// The output as a value of another template's context (see ``TemplateValue/html(_:)``).
    package var value: TemplateValue {
        switch self {
        case let .rendered(text): .text(text)
        case let .filled(filled): .html(filled.string)
        }
    }

    package var bytes: [UInt8] {
        switch self {
        case let .rendered(text): Array(text.utf8)
        case let .filled(filled): filled.bytes
        }
    }
}

/// Output put together without swift-mustache, byte for byte what it would have rendered.
package protocol FilledTemplate {
    var string: String { get }
    var bytes: [UInt8] { get }
}
