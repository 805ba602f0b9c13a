import ArgumentParser
import Foundation
import PaperboyBuild
import PaperboyCore

/// The `paperboy` command: a thin shell over PaperboyKit.
///
/// Exit status: 0 success, 1 bad input (message `FILE:LINE: reason`), 2 usage error.
@main
struct Paperboy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paperboy",
        abstract: "A permanent, subscribable archive of trending research papers.",
        version: PaperboyVersion.current,
        subcommands: [New.self, Ingest.self, Enrich.self, Fetch.self, Build.self, Check.self, Topics.self, Serve.self]
    )

    static func main() async {
        ProcessLifetime.keepsStateUntilExit = true
        // A misspelt switch must not leave a mechanism on that the user meant to turn off.
        if case let .failure(error) = SpeedSwitches.parse(ProcessInfo.processInfo.environment[SpeedSwitches.variable]) {
            report(error)
            Foundation.exit(2)
        }
        let command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
        do {
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                var command = command
                try command.run()
            }
        } catch let error as UsageError {
            report(error)
            Foundation.exit(2)
        } catch {
            if exitCode(for: error) == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            report(error)
            Foundation.exit(1)
        }
    }
}

/// A problem with how the command was called (exit status 2).
struct UsageError: Error {
    var message: String
}

/// Prints an error to standard error: problems in the user's files as `FILE:LINE: message`, the
/// form editors and terminals jump to; anything else as `paperboy: error: message`.
func report(_ error: Error) {
    FileHandle.standardError.write(Data((errorLines(for: error).joined(separator: "\n") + "\n").utf8))
}

/// An error as the lines ``report(_:)`` prints (`paperboy serve` also shows them in the page).
@Sendable func errorLines(for error: Error) -> [String] {
    var lines: [String] = []
    func add(_ error: Error) {
        switch error {
        case let diagnostic as Diagnostic: lines.append(diagnostic.description)
        case let list as DiagnosticList: lines += list.diagnostics.map(\.description)
        case let step as SiteBuilder.StepError:
            lines.append("paperboy: error: build step \"\(step.step)\" failed:")
            add(step.underlying)
        case let usage as UsageError: lines.append("paperboy: error: \(usage.message)")
        default: lines += String(describing: error).split(separator: "\n").map { "paperboy: error: \($0)" }
        }
    }
    add(error)
    return lines
}

/// Prints a warning as `FILE:LINE: warning: message`.
func warn(_ diagnostic: Diagnostic) {
    FileHandle.standardError.write(Data("\(diagnostic.location): warning: \(diagnostic.message)\n".utf8))
}
