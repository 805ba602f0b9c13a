extension StringProtocol {
    /// Without leading and trailing white space (spaces, tabs, no-break spaces, CR).
    package func trimmingWhitespace() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let end = lastIndex(where: { !$0.isWhitespace })!
        return String(self[start...end])
    }
}
