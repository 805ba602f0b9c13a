import PaperboyRender

/// Pages filled from skeletons (see ``TemplateSkeletons``) in front of swift-mustache: the
/// same bytes, most of them without its name lookups. Off with `PAPERBOY_OFF=skeletons`, and
/// for templates whose output skeletons cannot follow (``whyRenderedDirectly(_:)``).
package struct SkeletonRendering: TemplateRendering {
    let mustache: MustacheRendering
    let skeletons = TemplateSkeletons()

    package init(wrapping mustache: MustacheRendering) {
        self.mustache = mustache
    }

    /// Why `templates` must be rendered without skeletons: the first template that keeps
    /// them off (`paper: it uses a transform`), or nil.
    package static func whyRenderedDirectly(_ templates: TemplateLibrary) -> String? {
        templates.sources.lazy.compactMap { name, text in
            TemplateSkeletons.whyRenderedDirectly(text).map { "\(name): \($0)" }
        }.first
    }

    package func output(_ template: String, _ context: TemplateObject) -> RenderedTemplate {
        skeletons.render(template, context) { mustache.render(template, $0) }
    }

    package var renderCounts: (filled: Int, direct: Int)? { skeletons.renderCounts }
}

extension TemplateLibrary {
    /// Puts skeletons in front of swift-mustache, unless a template keeps them off: then
    /// returns why (see ``SkeletonRendering/whyRenderedDirectly(_:)``).
    package mutating func useSkeletons() -> String? {
        if let reason = SkeletonRendering.whyRenderedDirectly(self) { return reason }
        rendering = SkeletonRendering(wrapping: mustache)
        return nil
    }

    /// These templates with skeletons in front, when they allow them.
    package func withSkeletons() -> TemplateLibrary {
        var templates = self
        _ = templates.useSkeletons()
        return templates
    }
}
