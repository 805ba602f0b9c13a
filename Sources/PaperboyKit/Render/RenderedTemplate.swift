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

    var bytes: [UInt8] {
        switch self {
        case let .rendered(text): Array(text.utf8)
        case let .filled(skeleton, texts): skeleton.fillBytes(texts)
        }
    }
}
