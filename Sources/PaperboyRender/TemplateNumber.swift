import Mustache

/// A number in a template context (a rank, a count).
///
/// Renders like an `Int`, transforms included (`{{plusone(rank)}}`), but is known to
/// ``ContextShape`` as a value that is only ever copied into the output, like ``TemplateText``.
struct TemplateNumber: MustacheCustomRenderable, MustacheTransformable, MustacheParent, Sendable {
    let value: Int

    init(_ value: Int) { self.value = value }

    var renderText: String { String(value) }
    var isNull: Bool { false }
    func transform(_ name: String) -> Any? { value.transform(name) }
    /// No children: `{{rank.x}}` is nothing, as for an `Int`.
    func child(named: String) -> Any? { nil }
}
