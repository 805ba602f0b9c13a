import PaperboyCore

/// How Paperboy names itself to the servers it asks: an API operator seeing unusual traffic
/// can tell which program sent it, which version, and where to read about it.
package enum UserAgent {
    /// The project's home page, for the User-Agent's contact link.
    package static let homepage = "https://github.com/paperboy-archive/paperboy"

    /// `Paperboy/0.1.0 (+https://github.com/...)`.
    package static let paperboy = "Paperboy/\(PaperboyVersion.current) (+\(homepage))"
}
