import Foundation
import Testing

/// The daily GitHub Actions workflow, checked by Tests/Validation/check_workflow.py (actionlint
/// does not install here): its shape, and that every `paperboy` command it runs exists.
@Suite("daily workflow")
struct WorkflowTests {
    static let checker = SiteFixture.repositoryRoot.appendingPathComponent("Tests/Validation/check_workflow.py").path
    static let workflow = SiteFixture.repositoryRoot.appendingPathComponent(".github/workflows/daily.yml").path

    func check(_ workflow: String) throws -> CommandResult {
        try #require(
            SiteFixture.pythonHas("yaml"), "PyYAML is not installed for python3: apt-get install python3-yaml (make test installs it)")
        return try CommandResult.run("/usr/bin/env", ["python3", Self.checker, CommandResult.paperboy, workflow])
    }

    @Test func theWorkflowRunsCommandsThatExist() throws {
        let result = try check(Self.workflow)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func theCheckerRefusesABrokenWorkflow() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-workflow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = folder.appendingPathComponent("broken.yml").path
        try """
        # 30 6 * * * paperboy fetchh hf-trending
        on:
          workflow_dispatch:
        jobs:
          update:
            runs-on: ubuntu-24.04
            steps:
              - uses: actions/checkout
              - run: .build/release/paperboy build --no-such-option
              - run: echo "${{ steps.later.outputs.x }}"
              - id: later
                run: paperboy ingest feeds/x.txt
          deploy:
            needs: publish
        """.write(toFile: broken, atomically: true, encoding: .utf8)
        let result = try check(broken)
        #expect(result.status == 1)
        for problem in [
            "must run on a schedule", "`actions/checkout` must name an action pinned", "has no option --no-such-option",
            "refers to step `later`", "needs unknown job publish", "job deploy: no runs-on",
            "`paperboy fetchh hf-trending` is not a command",
        ] {
            #expect(result.stdout.contains(problem), "\(problem) missing in \(result.stdout)")
        }
    }
}
