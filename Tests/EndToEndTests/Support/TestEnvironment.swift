import Foundation

/// The environment every `paperboy` a test starts runs with: the user's, with the cache
/// folder moved to a temporary one (tests never touch `~/.cache/paperboy`).
enum TestEnvironment {
    static let cacheFolder = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-test-cache").path

    static func environment(cache: String? = nil) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["PAPERBOY_CACHE_DIR"] = cache ?? cacheFolder
        return environment
    }
}
