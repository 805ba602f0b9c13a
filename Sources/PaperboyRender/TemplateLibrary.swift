import Mustache
import PaperboyCore
import PaperboyDefaults

/// The Mustache templates of a site: page templates at the top of its Templates folder, partials in
/// `partials/`, each one the default theme's where the folder does not have it.
package struct TemplateLibrary: Sendable {
    /// Page templates every build needs.
    package static let pageTemplates = ["layout", "index", "days", "day", "topics", "topic", "feeds", "search", "paper", "404"]
    /// Partials the default page templates use.
    package static let partials = ["site-header", "site-footer", "paper-item", "paper-card", "pagination", "day-nav"]

    /// Every template's name and text: page templates, then partials, in the order loaded.
    package let sources: [(name: String, text: String)]
    /// How many of ``sources`` are the default theme's (the folder did not have them).
    package let defaultCount: Int
    /// A digest of every template's name and text, and of the running binary: a page rendered
    /// with the same fingerprint and context is byte-identical.
    package let fingerprint: UInt64

    /// The templates rendered by swift-mustache: the reference.
    package let mustache: MustacheRendering
    /// How pages are rendered: ``mustache`` unless a build puts a faster rendering in front of it.
    package var rendering: any TemplateRendering

    /// Loads and parses every template: the folder's own where it has the file, else the
    /// default the binary carries (``DefaultFiles``), so a site overrides the theme file by
    /// file. A broken template is a diagnostic naming its file and line.
    package init(folder: String) throws(DiagnosticList) {
        _ = HTMLEscaping.registered
        var library = MustacheLibrary()
        var problems: [Diagnostic] = []
        var sources: [(String, String)] = []
        var defaultCount = 0
        func load(_ name: String, _ relative: String) {
            let path = "\(folder)/\(relative)"
            let text: String
            if FileIO.kind(path) == .file {
                do throws(PaperboyError) { text = try FileIO.readText(path) } catch {
                    problems.append(Diagnostic(file: path, error.description))
                    return
                }
            } else if FileIO.kind(path) != nil {
                problems.append(Diagnostic(file: path, "is not a file"))
                return
            } else if let bytes = DefaultFiles.template(relative) {
                text = String(decoding: bytes, as: UTF8.self)
                defaultCount += 1
            } else {
                problems.append(Diagnostic(file: path, "missing template"))
                return
            }
            do {
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
        for name in Self.pageTemplates { load(name, "\(name).mustache") }
        for name in Self.partials { load(name, "partials/\(name).mustache") }
        // Extra partials of a custom theme are welcome too.
        for file in FileIO.list(folder + "/partials") where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            if !Self.partials.contains(name) { load(name, "partials/\(file)") }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        self.mustache = MustacheRendering(library: library)
        self.rendering = mustache
        self.sources = sources
        self.defaultCount = defaultCount
        var hasher = Digest()
        hasher.add(BuildIdentity.current)
        for (name, text) in sources.sorted(by: { $0.0 < $1.0 }) {
            hasher.add(name)
            hasher.add(text)
        }
        self.fingerprint = hasher.value
    }

    /// Templates put together from earlier output and rendered directly so far; nil when
    /// ``rendering`` does not count them.
    package var renderCounts: (filled: Int, direct: Int)? { rendering.renderCounts }

    /// `template` rendered with `context` by ``rendering``.
    func render(_ template: String, _ context: TemplateObject) -> String {
        output(template, context).string
    }

    /// ``render(_:_:)``'s output, to take as a string or as bytes.
    func output(_ template: String, _ context: TemplateObject) -> RenderedTemplate {
        rendering.output(template, context)
    }
}
