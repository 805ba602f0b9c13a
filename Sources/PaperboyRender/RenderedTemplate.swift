/// A template's output: rendered, or a skeleton and the texts that fill it, taken as a
/// string (a fragment inside another page) or as bytes (a file).
enum RenderedTemplate {
    case rendered(String)
    case filled(TemplateSkeleton, texts: [String])

    var string: String {
        switch self {
        case let .rendered(text): text
        case let .filled(skeleton, texts): skeleton.fill(texts)
        }
    }

    /// The output as a value of another template's context: filled from a skeleton, it is
    /// known to hold no sentinel character.
    var value: TemplateValue {
        switch self {
        case let .rendered(text): .text(text)
        case let .filled(skeleton, texts): .html(skeleton.fill(texts))
        }
    }

    var bytes: [UInt8] {
        switch self {
        case let .rendered(text): Array(text.utf8)
        case let .filled(skeleton, texts): skeleton.fillBytes(texts)
        }
    }
}
