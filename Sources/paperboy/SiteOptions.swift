import ArgumentParser
import PaperboyBuild
import PaperboyContent
import PaperboyCore

/// What `build` and `serve` both take: where the site's files are and where it goes.
struct SiteOptions: ParsableArguments {
    @Option(help: "The Content folder.")
    var content: String = "Content"

    @Option(help: "The site's own templates, each overriding the default theme's of the same name (default: Templates).")
    var templates: String?

    @Option(help: "The output folder.")
    var output: String = "Public"

    @Option(name: .customLong("base-url"), help: "Override site.yml's base_url (https://example.org/sub/).")
    var baseURL: String?

    func validate() throws {
        if let baseURL, case let .failure(error) = SiteConfig.parseBaseURL(baseURL) {
            throw ValidationError("--base-url: \(error)")
        }
        if output.isEmpty { throw ValidationError("--output needs a folder name") }
        // Templates/ may be missing (the default theme is built in); a folder named on purpose may not.
        if let templates, FileIO.kind(templates) != .directory {
            throw ValidationError("--templates \(templates): no such folder")
        }
    }

    /// The build these options describe.
    var builder: SiteBuilder.Options {
        SiteBuilder.Options(content: content, templates: templates ?? "Templates", output: output, baseURL: baseURL)
    }
}
