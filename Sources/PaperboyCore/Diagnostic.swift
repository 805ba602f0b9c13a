/// A problem found in the user's input, located by file and line.
///
/// Rendered as `FILE:LINE: message`, the form editors and terminals can jump to.
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file the problem is in, as the user named it.
    public var file: String
    /// The 1-based line, when one applies.
    public var line: Int?
    /// What is wrong, in a sentence without a trailing period.
    public var message: String

    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `FILE:LINE`, or `FILE` when there is no line.
    public var location: String { line.map { "\(file):\($0)" } ?? file }

    public var description: String { "\(location): \(message)" }
}

/// One or more diagnostics that stop a command; the whole list is reported.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// A failure of the tool's environment rather than of the user's input (I/O, a lock held).
public struct PaperboyError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
