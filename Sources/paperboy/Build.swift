import ArgumentParser
import PaperboyKit

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Render Content into a static site.")

    @Option(help: "The Content folder.")
    var content: String = "Content"

    @Option(help: "The templates folder.")
    var templates: String = "Templates"

    @Option(help: "The output folder.")
    var output: String = "Public"

    @Option(name: .customLong("base-url"), help: "Override site.yml's base_url (https://example.org/sub/).")
    var baseURL: String?

    func run() throws {
        throw UsageError(message: "build is not implemented yet")
    }
}
