import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// No arrangement of symbolic links makes a command write, overwrite or delete anything outside
/// the folder it was given. Each case puts a link somewhere in the output folder, the cache or
/// Content, pointing at a "victim" folder of the user's, and requires the victim's bytes to be
/// unchanged; a link where a write must go refuses the command (exit 1, the link named) before
/// anything is written.
@Suite("Symbolic links in the output, the cache and Content", .serialized)
struct SymlinkSafetyTests {
    /// A built site and a victim folder of the user's beside it.
    struct Arrangement {
        let site: SiteFixture
        var victim: String { site.folder.appendingPathComponent("victim").path }

        init() throws {
            site = try SiteFixture()
            #expect(try site.build().status == 0)
            try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: true)
            for name in ["index.html", "feed.xml", "atom.xml", "style.css", "keep.txt"] {
                try Data("the user's \(name)\n".utf8).write(to: URL(fileURLWithPath: victim + "/" + name))
            }
        }

        /// Replaces `path` (relative to the output) with a link to `target`.
        func link(_ path: String, to target: String) throws {
            let full = site.output + "/" + path
            try? FileManager.default.removeItem(atPath: full)
            try FileManager.default.createSymbolicLink(atPath: full, withDestinationPath: target)
        }
    }

    /// Every entry below `root`, without following links: a file's bytes, a link's target, a folder.
    static func tree(_ root: String) -> [String: String] {
        var entries: [String: String] = [:]
        func visit(_ relative: String) {
            let folder = relative.isEmpty ? root : root + "/" + relative
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                let path = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(root + "/" + path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFLNK:
                    entries[path] = "link -> " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: root + "/" + path)) ?? "?")
                case S_IFDIR:
                    entries[path] = "folder"
                    visit(path)
                default: entries[path] = String(decoding: FileManager.default.contents(atPath: root + "/" + path) ?? Data(), as: UTF8.self)
                }
            }
        }
        visit("")
        return entries
    }

    /// Builds with a link at `path`, which is where the build writes: refused, naming the link,
    /// with the output and the victim exactly as before.
    func expectRefused(_ arrangement: Arrangement, link path: String, _ note: Comment) throws {
        let output = Self.tree(arrangement.site.output)
        let victim = Self.tree(arrangement.victim)
        #expect(!victim.isEmpty)
        let result = try arrangement.site.build()
        #expect(result.status == 1, note)
        #expect(result.stderr.contains(arrangement.site.output + "/" + path + ": is a symbolic link"), "\(note): \(result.stderr)")
        #expect(result.stderr.contains("Nothing was written"), note)
        #expect(Self.tree(arrangement.site.output) == output, "\(note): the output changed")
        #expect(Self.tree(arrangement.victim) == victim, "\(note): the victim folder changed")
    }

    @Test(
        "a link to a folder outside, at every depth of a written path, refuses the build",
        arguments: [
            "papers", "assets", "topics/health-bio", "days/2026-11-26", "topics/language-models/page",
        ])
    func linkedFolder(_ path: String) throws {
        let arrangement = try Arrangement()
        defer { arrangement.site.remove() }
        #expect(FileIO_isFolder(arrangement.site.output + "/" + path), "\(path) is a folder the build writes")
        try arrangement.link(path, to: arrangement.victim)
        try expectRefused(arrangement, link: path, "\(path)")
    }

    @Test("a paper's own folder linked outside refuses the build")
    func linkedPageFolder() throws {
        let arrangement = try Arrangement()
        defer { arrangement.site.remove() }
        let paper = try FileManager.default.contentsOfDirectory(atPath: arrangement.site.output + "/papers").sorted().first {
            !$0.contains(".")
        }!
        try arrangement.link("papers/" + paper, to: arrangement.victim)
        try expectRefused(arrangement, link: "papers/" + paper, "papers/\(paper)")
    }

    @Test(
        "a link to a file, a dangling link, a link inside the output, and the manifest as a link are refused",
        arguments: [
            ("index.html", "victim/index.html"), ("assets/style.css", "victim/style.css"), ("feed.xml", "victim/missing.xml"),
            ("days/2026-11-26", "nowhere/at/all"), ("topics/health-bio", "Public/topics/language-models"), ("atom.xml", "Public/feed.xml"),
            (".paperboy-manifest", "victim/keep.txt"),
        ])
    func linkedFiles(_ path: String, _ target: String) throws {
        let arrangement = try Arrangement()
        defer { arrangement.site.remove() }
        let targetPath = arrangement.site.folder.appendingPathComponent(target).path
        try arrangement.link(path, to: targetPath)
        try expectRefused(arrangement, link: path, "\(path) -> \(target)")
        #expect(!FileManager.default.fileExists(atPath: arrangement.site.folder.appendingPathComponent("nowhere").path))
        #expect(!FileManager.default.fileExists(atPath: arrangement.victim + "/missing.xml"))
    }

    @Test("a topic folder linked outside, whose topic is then removed: its files stay, with a warning")
    func staleFilesBehindALink() throws {
        let arrangement = try Arrangement()
        defer { arrangement.site.remove() }
        let site = arrangement.site
        try arrangement.link("topics/health-bio", to: arrangement.victim)
        let victim = Self.tree(arrangement.victim)
        // Remove the health-bio topic (its lines, up to the next topic) from topics.yml.
        let topics = SiteFixture.read(site.content + "/topics.yml")
        var lines = topics.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "  - slug: health-bio"))
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("  - slug: ") } ?? lines.endIndex
        lines.removeSubrange(start..<end)
        let edited = lines.joined(separator: "\n")
        #expect(edited != topics && !edited.contains("health-bio"))
        try edited.write(toFile: site.content + "/topics.yml", atomically: true, encoding: .utf8)
        let result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("0 removed"), "\(result.stdout)")
        #expect(result.stderr.contains(site.output + "/topics/health-bio/index.html: warning: not removed"), "\(result.stderr)")
        #expect(Self.tree(arrangement.victim) == victim)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: site.output + "/topics/health-bio")) == arrangement.victim)
        // The next build has nothing more to say about it, and leaves the link alone.
        let again = try site.build()
        #expect(again.status == 0 && again.stderr.isEmpty, "\(again.stderr)")
        #expect(Self.tree(arrangement.victim) == victim)
    }

    @Test("manifest lines with ../, absolute paths, hidden and empty names are ignored with a warning naming the line")
    func hostileManifestLines() throws {
        let arrangement = try Arrangement()
        defer { arrangement.site.remove() }
        let site = arrangement.site
        let manifest = site.output + "/.paperboy-manifest"
        let original = SiteFixture.read(manifest)
        #expect(!original.isEmpty)
        try FileManager.default.createDirectory(atPath: site.output + "/.git", withIntermediateDirectories: true)
        try Data("[core]\n".utf8).write(to: URL(fileURLWithPath: site.output + "/.git/config"))
        let hostile = [
            "../victim/keep.txt", arrangement.victim + "/index.html", "papers/../../victim/feed.xml", ".git/config", "", "./index.html",
        ]
        try (original + hostile.joined(separator: "\n") + "\n").write(toFile: manifest, atomically: true, encoding: .utf8)
        let originalLines = original.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        let victim = Self.tree(arrangement.victim)
        let result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        for (offset, line) in hostile.enumerated() {
            #expect(
                result.stderr.contains("\(manifest):\(originalLines + offset + 1): warning: ignored \"\(line)\""),
                "\(line): \(result.stderr)")
        }
        #expect(Self.tree(arrangement.victim) == victim)
        #expect(SiteFixture.read(site.output + "/.git/config") == "[core]\n")
        #expect(FileManager.default.fileExists(atPath: site.output + "/index.html"))
        #expect(SiteFixture.read(manifest) == original, "the next manifest lists the build's files only")
    }

    @Test("a link in the cache folder is neither written through nor replaced")
    func linkedCacheFile() throws {
        let arrangement = try Arrangement()
        defer { arrangement.site.remove() }
        let site = arrangement.site
        let cacheFiles = try FileManager.default.contentsOfDirectory(atPath: site.cache).filter { $0.hasSuffix(".bin") }
        #expect(!cacheFiles.isEmpty, "\(cacheFiles)")
        for name in cacheFiles {
            try FileManager.default.removeItem(atPath: site.cache + "/" + name)
            try FileManager.default.createSymbolicLink(
                atPath: site.cache + "/" + name, withDestinationPath: arrangement.victim + "/keep.txt")
        }
        let victim = Self.tree(arrangement.victim)
        try "\n# an edit\n".appendLine(to: site.content + "/site.yml")
        let result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.tree(arrangement.victim) == victim)
        for name in cacheFiles {
            #expect(
                (try? FileManager.default.destinationOfSymbolicLink(atPath: site.cache + "/" + name)) == arrangement.victim + "/keep.txt")
        }
    }

    /// Ingests a feed of one new paper for `date`.
    func ingest(_ site: SiteFixture, date: String, _ extra: [String] = []) throws -> CommandResult {
        try CommandResult.run(
            CommandResult.paperboy, ["ingest", "-", "--date", date, "--content", site.content] + extra,
            input: Data("A Paper About Links\nAn abstract long enough to be one, about symbolic links.\n".utf8))
    }

    @Test(
        "ingest refuses a symlinked Content/papers, day file or journal folder, and writes nothing",
        arguments: [
            "papers", "days", "days/2026-11-26.md", ".paperboy-transaction",
        ])
    func linkedContent(_ path: String) throws {
        let arrangement = try Arrangement()
        defer { arrangement.site.remove() }
        let site = arrangement.site
        // A folder or day file moved outside Content, a link standing for it; the journal's
        // link stands for the victim folder itself.
        var target = arrangement.victim
        if path != ".paperboy-transaction" {
            target = arrangement.victim + "/" + path.replacingOccurrences(of: "/", with: "-")
            try FileManager.default.moveItem(atPath: site.content + "/" + path, toPath: target)
        }
        try FileManager.default.createSymbolicLink(atPath: site.content + "/" + path, withDestinationPath: target)
        let content = Self.tree(site.content)
        let victim = Self.tree(arrangement.victim)
        // A day's file is rewritten by --replace; every other case adds a day.
        let result = path.hasPrefix("days/") ? try ingest(site, date: "2026-11-26", ["--replace"]) : try ingest(site, date: "2026-12-01")
        #expect(result.status == 1, "\(path): \(result.stdout)")
        #expect(result.stderr.contains(site.content + "/" + path + ": is a symbolic link"), "\(path): \(result.stderr)")
        #expect(Self.tree(site.content) == content, "\(path): Content changed")
        #expect(Self.tree(arrangement.victim) == victim, "\(path): the victim folder changed")
    }

    @Test("a symlinked Content/papers is read, and the build does not write into it")
    func buildReadsLinkedContent() throws {
        let arrangement = try Arrangement()
        defer { arrangement.site.remove() }
        let site = arrangement.site
        let papers = site.folder.appendingPathComponent("papers-elsewhere").path
        try FileManager.default.moveItem(atPath: site.content + "/papers", toPath: papers)
        try FileManager.default.createSymbolicLink(atPath: site.content + "/papers", withDestinationPath: papers)
        let before = Self.tree(papers)
        let output = Self.tree(site.output)
        let result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.tree(papers) == before)
        #expect(Self.tree(site.output) == output)
    }
}

/// Whether `path` is a folder itself, not a link to one.
private func FileIO_isFolder(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
}

extension String {
    /// Appends this text to the file at `path`.
    fileprivate func appendLine(to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(utf8))
    }
}
