import Mustache

/// A string in a template context.
///
/// Renders exactly like a `String`, transforms included (`{{uppercase(title)}}`), but
/// swift-mustache recognizes it with one dynamic cast instead of four: for a `String` it
/// tries lambda, optional, custom-renderable and `CustomStringConvertible` in turn, and on
/// this machine's Swift runtime each protocol cast costs about 100 ns. Page contexts hold
/// tens of strings and a build renders every page.
struct TemplateText: MustacheCustomRenderable, MustacheTransformable, MustacheParent, Sendable {
    let string: String

    init(_ string: String) { self.string = string }

    var renderText: String { string }
    var isNull: Bool { false }
    func transform(_ name: String) -> Any? { string.transform(name) }
    /// No children, so a lookup inside `{{#title}}…{{/title}}` that passes this value on the
    /// stack costs one cast instead of a `Mirror`, and `{{title.x}}` is nothing, as for a `String`.
    func child(named: String) -> Any? { nil }
}
