import Foundation
@testable import PaperboyCore
@testable import PaperboyIngest

/// Paths of the repository's test fixtures, found from this file's location.
enum TestFixtures {
    /// The repository root: this file is `Tests/PaperboyKitTests/TestFixtures.swift`.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures")

    /// The real trending capture of 2026-11-26 (281 papers).
    static let sampleURL = fixtures.appendingPathComponent("trending-2026-11-26.txt")

    static func sampleBytes() throws -> [UInt8] { Array(try Data(contentsOf: sampleURL)) }

    static func sampleText() throws -> String { String(decoding: try sampleBytes(), as: UTF8.self) }

    /// The sample's entries (title, text), parsed.
    static func sampleEntries() throws -> [(title: String, text: String)] {
        try TrendingFeedParser().parse(try sampleText(), file: "trending-2026-11-26.txt").entries.map { ($0.title, $0.text) }
    }
}

/// The diagnostic `body` throws, or nil when it throws none (or another error).
func diagnostic(_ body: () throws -> Void) -> Diagnostic? {
    do {
        try body()
        return nil
    } catch let error as Diagnostic {
        return error
    } catch {
        return nil
    }
}
