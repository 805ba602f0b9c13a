/// One file of the built site: its path below the output folder and its bytes.
public struct OutputFile: Sendable {
    /// Relative path, `/`-separated, never starting with `/` (`papers/x/index.html`).
    public var path: String
    public var contents: [UInt8]

    public init(path: String, contents: [UInt8]) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Array(text.utf8))
    }
}
