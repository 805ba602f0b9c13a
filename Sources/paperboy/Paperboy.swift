import ArgumentParser
import Foundation
import PaperboyKit

/// The `paperboy` command: a thin shell over PaperboyKit.
///
/// Exit status: 0 success, 1 bad input (message `FILE:LINE: reason`), 2 usage error.
@main
struct Paperboy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paperboy",
        abstract: "A permanent, subscribable archive of trending research papers.",
        version: PaperboyVersion.current,
        subcommands: [Ingest.self, Build.self, Check.self, Serve.self]
    )

    static func main() {
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
            var command = command
            try command.run()
        } catch let error as UsageError {
            report(error.message)
            Foundation.exit(2)
        } catch {
            if exitCode(for: error) == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            report(String(describing: error))
            Foundation.exit(1)
        }
    }
}

/// A problem with how the command was called (exit status 2).
struct UsageError: Error {
    var message: String
}

func report(_ message: String) {
    FileHandle.standardError.write(Data(("paperboy: " + message.replacingOccurrences(of: "\n", with: "\npaperboy: ") + "\n").utf8))
}

func warn(_ message: String) {
    FileHandle.standardError.write(Data(("warning: " + message + "\n").utf8))
}
