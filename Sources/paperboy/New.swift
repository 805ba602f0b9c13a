import ArgumentParser
import PaperboyContent
import PaperboyCore
import PaperboyDefaults

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make a new archive that builds at once.",
        discussion: """
            Writes Content/site.yml (every key explained), the default Content/topics.yml, empty \
            Content/days and Content/papers, a .gitignore and a README. The theme is built into \
            paperboy; --templates copies it into Templates/ to edit (each file there overrides the \
            default of the same name; delete the ones you keep as they are).
            """
    )

    @Argument(help: "The folder to make; it must not exist or be empty.")
    var folder: String

    @Option(help: "The archive's title.")
    var title = "Trending papers"

    @Option(name: .customLong("base-url"), help: "Where the site will live (https://user.github.io/archive/).")
    var baseURL = "https://example.org/"

    @Flag(help: "Also copy the default templates into Templates/ for editing.")
    var templates = false

    func validate() throws {
        if case let .failure(error) = SiteConfig.parseBaseURL(baseURL) { throw ValidationError("--base-url: \(error)") }
        if title.trimmingWhitespace().isEmpty { throw ValidationError("--title is empty") }
    }

    func run() throws {
        switch FileIO.kind(folder) {
        case nil: break
        case .directory where FileIO.list(folder).isEmpty: break
        case .directory:
            throw PaperboyError("\(folder): the folder is not empty; paperboy new makes a new archive in a new or empty folder")
        default: throw PaperboyError("\(folder): exists and is not a folder")
        }
        var files: [(path: String, text: [UInt8])] = [
            ("Content/site.yml", Array(siteFile.utf8)),
            ("Content/topics.yml", Array(DefaultFiles.topics.utf8)),
            ("Content/days/.gitkeep", []),
            ("Content/papers/.gitkeep", []),
            ("feeds/.gitkeep", []),
            (
                ".gitignore",
                Array("# Built output and paperboy's in-flight journal: never commit them.\nPublic/\nContent/.paperboy-transaction/\n".utf8)
            ),
            ("README.md", Array(readme.utf8)),
        ]
        if templates {
            for path in DefaultFiles.templatePaths { files.append(("Templates/" + path, DefaultFiles.template(path) ?? [])) }
        }
        // Made beside the folder and renamed into place: a failure leaves nothing half made.
        let staging = folder + ".paperboy-new"
        guard FileIO.kind(staging) == nil else { throw PaperboyError("\(staging): in the way; remove it first") }
        var made: [String] = [staging]
        do {
            for file in files {
                let path = staging + "/" + file.path
                var folders: [String] = []
                var parent = FileIO.parentDirectory(of: path)
                while let folder = parent, FileIO.kind(folder) == nil {
                    folders.insert(folder, at: 0)
                    parent = FileIO.parentDirectory(of: folder)
                }
                try FileIO.createDirectory(folders.last ?? staging)
                made += folders
                made.append(path)
                try FileIO.write(file.text, to: path)
            }
            if FileIO.kind(folder) == .directory { FileIO.remove(folder) }
            try FileIO.rename(staging, to: folder)
        } catch {
            // Only what this command made, deepest first.
            for path in made.reversed() { FileIO.remove(path) }
            throw error
        }
        print("Made \(folder): \(files.count) files. Next:")
        print("  cd \(folder) && paperboy ingest ~/feed.txt && paperboy build    # or: paperboy fetch hf-trending --ingest")
    }

    var siteFile: String {
        """
        # The archive's settings. Every key is required; text in double quotes.

        # The site's name: page titles, the header and every feed's title.
        title: \(YAMLWriter.quoted(title))
        # One sentence: the home page's description and the feeds' subtitle.
        description: "A permanent, subscribable archive of the trending research papers of each day."
        # Where the site will live, ending in /: feeds and the sitemap need absolute links.
        # `paperboy build --base-url URL` overrides it for one build.
        base_url: \(YAMLWriter.quoted(baseURL))
        # The language of the pages (an HTML lang code).
        language: en
        # Who publishes the archive: the feeds' author.
        author: "Paperboy"
        # How many of the latest papers each feed lists.
        feed_items: 50

        """
    }

    var readme: String {
        """
        # \(title)

        An archive of trending research papers made with Paperboy. `paperboy fetch hf-trending --ingest` \
        (or `paperboy ingest FEED`) adds a day to `Content/`, `paperboy build` writes the site into \
        `Public/`, and `paperboy serve` shows it while you edit. Papers are Markdown files in \
        `Content/papers/`, days in `Content/days/`, the topic rules in `Content/topics.yml` and the \
        settings in `Content/site.yml`; commit `Content/`, never `Public/`.

        """
    }
}
