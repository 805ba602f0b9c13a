import PaperboyCore

extension HTTPResponse {
    /// The error for a response that is not a success: its status, what the server said, for a
    /// 429 how long it asked to wait, and for another 4xx what the user may check.
    package func refusal(clientErrorHint: String) -> PaperboyError {
        var message = "\(url.absoluteString): HTTP \(statusText)"
        let said = bodyExcerpt
        if !said.isEmpty, !statusText.hasSuffix(said) { message += " (\(said))" }
        if status == 429, let value = header("Retry-After"), let seconds = RetryAfter.seconds(value) {
            message += "; the server asks to wait \(formatSeconds(seconds.rounded(.up))) before asking again: try again later"
        } else if status == 429 {
            message += "; too many requests: try again later"
        } else if (400..<500).contains(status) {
            message += "; \(clientErrorHint)"
        }
        return PaperboyError(message + Self.attemptsNote(attempts))
    }

    /// ` (after 4 attempts)`, or nothing for one.
    package static func attemptsNote(_ attempts: Int) -> String {
        attempts > 1 ? " (after \(attempts) attempts)" : ""
    }
}
