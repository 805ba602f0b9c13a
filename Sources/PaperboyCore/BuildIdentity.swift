import Foundation

/// Which Paperboy produced a cache or a page fingerprint: its version and its executable file.
///
/// Anything Paperboy stores between runs is keyed by it, so a rebuilt or upgraded binary
/// (new escaping, new Markdown rendering) never trusts what an older one stored.
package enum BuildIdentity {
    /// `version` plus the executable's size, times and inode.
    package static let current: String = {
        var text = "paperboy \(PaperboyVersion.current)"
        #if os(Linux)
            let executable = "/proc/self/exe"
        #else
            let executable = Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
        #endif
        if let identity = FileIO.identity(executable) {
            text += " \(identity.size) \(identity.modified) \(identity.changed) \(identity.inode) \(identity.device)"
        } else {
            // Unknown binary: a value no later run repeats, so nothing stored is ever reused.
            text += " unknown \(UInt64.random(in: 1...UInt64.max))"
        }
        return text
    }()
}
