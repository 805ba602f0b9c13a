import Mustache

/// Templates rendered by swift-mustache, every time: the reference every faster
/// ``TemplateRendering`` is checked against.
package struct MustacheRendering: TemplateRendering {
    let library: MustacheLibrary

    package func output(_ template: String, _ context: TemplateObject) -> RenderedTemplate {
        .rendered(render(template, context))
    }

    /// `template` rendered with `context` by swift-mustache.
    package func render(_ template: String, _ context: TemplateObject) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

    package var renderCounts: (filled: Int, direct: Int)? { nil }
}
