import Mustache
import PaperboyCore

/// The Mustache templates of a Templates folder: page templates at the top, partials in `partials/`.
package struct TemplateLibrary: Sendable {
    /// Page templates every build needs.
    package static let pageTemplates = ["layout", "index", "days", "day", "topics", "topic", "paper", "404"]
    /// Partials the default page templates use.
    package static let partials = ["site-header", "site-footer", "paper-item", "paper-card", "pagination", "day-nav"]

    let library: MustacheLibrary
    /// A digest of every template's name and text, and of the running binary: a page rendered
    /// with the same fingerprint and context is byte-identical.
    package let fingerprint: UInt64

    /// Skeletons of its output by context shape, when its templates allow them.
    let skeletons: TemplateSkeletons?

    /// Loads and parses every template; a missing or broken one is a diagnostic naming its file and line.
    /// `skeletons: false` renders every page with swift-mustache (for tests that compare).
    package init(folder: String, skeletons: Bool = true) throws(DiagnosticList) {
        _ = HTMLEscaping.registered
        var library = MustacheLibrary()
        var problems: [Diagnostic] = []
        var sources: [(String, String)] = []
        func load(_ name: String, at path: String) {
            guard FileIO.kind(path) == .file else {
                problems.append(Diagnostic(file: path, "missing template"))
                return
            }
            do {
                let text = try FileIO.readText(path)
                sources.append((name, text))
                // The pragma selects the fast escaper. On a line of its own, which the parser
                // drops (a standalone tag), so that a tag on the template's first line can be
                // standalone too; errors' line numbers are told back one line.
                library.register(try MustacheTemplate(string: HTMLEscaping.pragma + "\n" + text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                let line = max(1, error.context.lineNumber - 1)
                problems.append(
                    Diagnostic(
                        file: path, line: line, "template error: \(error.error) near \(error.context.line.trimmingWhitespace().prefix(60))")
                )
            } catch {
                problems.append(Diagnostic(file: path, "\(error)"))
            }
        }
        for name in Self.pageTemplates { load(name, at: "\(folder)/\(name).mustache") }
        for name in Self.partials { load(name, at: "\(folder)/partials/\(name).mustache") }
        // Extra partials of a custom theme are welcome too.
        for file in FileIO.list(folder + "/partials") where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            if !Self.partials.contains(name) { load(name, at: "\(folder)/partials/\(file)") }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        self.library = library
        var hasher = Digest()
        hasher.add(BuildIdentity.current)
        for (name, text) in sources.sorted(by: { $0.0 < $1.0 }) {
            hasher.add(name)
            hasher.add(text)
        }
        self.fingerprint = hasher.value
        whyRenderedDirectly =
            sources.lazy.compactMap { name, text in
                TemplateSkeletons.whyRenderedDirectly(text).map { "\(name): \($0)" }
            }.first
        self.skeletons = skeletons && whyRenderedDirectly == nil ? TemplateSkeletons() : nil
    }

    /// Why pages are rendered by swift-mustache without skeletons though they were asked for:
    /// the first template that keeps them off (`paper: it uses a transform`), or nil.
    package let whyRenderedDirectly: String?

    /// Templates filled from a skeleton and rendered directly so far; nil without skeletons.
    package var renderCounts: (filled: Int, direct: Int)? { skeletons?.renderCounts }

    /// Renders a template with its context: filled from a skeleton when it can (the same bytes).
    func render(_ template: String, _ context: TemplateObject) -> String {
        output(template, context).string
    }

    /// ``render(_:_:)``'s output, to take as a string or as bytes.
    func output(_ template: String, _ context: TemplateObject) -> RenderedTemplate {
        guard let skeletons else { return .rendered(renderDirectly(template, context)) }
        return skeletons.render(template, context) { renderDirectly(template, $0) }
    }

    /// Renders a template with its context by swift-mustache.
    func renderDirectly(_ template: String, _ context: TemplateObject) -> String {
        library.render(context, withTemplate: template) ?? ""
    }
}
