/// One file of the built site: its path below the output folder and its bytes.
package struct OutputFile: Sendable {
    /// Relative path, `/`-separated, never starting with `/` (`papers/x/index.html`).
    package var path: String
    package var contents: [UInt8]

    package init(path: String, contents: [UInt8]) {
        self.path = path
        self.contents = contents
    }

    package init(path: String, text: String) {
        self.init(path: path, contents: Array(text.utf8))
    }
}
