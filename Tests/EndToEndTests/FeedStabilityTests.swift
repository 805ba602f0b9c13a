import Foundation
@testable import PaperboyContent
import Testing

/// Feeds through a real parser (`Tests/Validation/parse_feed.py`, feedparser): item ids never
/// change, a new day's papers come first, and hostile text round-trips exactly.
@Suite("Feeds end to end", .serialized)
struct FeedStabilityTests {
    static let parser = SiteFixture.repositoryRoot.appendingPathComponent("Tests/Validation/parse_feed.py").path

    struct Entry: Equatable {
        var id: String
        var title: String
        var link: String
        var published: String
        var content: String
    }

    func entries(_ file: String) throws -> (bozo: Int, entries: [Entry]) {
        let result = try CommandResult.run("/usr/bin/env", ["python3", Self.parser, file])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        let items = (json["entries"] as? [[String: Any]] ?? []).map { item in
            Entry(
                id: item["id"] as? String ?? "", title: item["title"] as? String ?? "", link: item["link"] as? String ?? "",
                published: item["published_iso"] as? String ?? item["published"] as? String ?? "",
                content: (item["content"] as? String) ?? (item["summary"] as? String) ?? "")
        }
        return (json["bozo"] as? Int ?? 1, items)
    }

    @Test("item ids are stable across a new day; the new day's papers come first")
    func stability() throws {
        try Validators.requireFeedparser()
        let site = try SiteFixture()
        defer { site.remove() }
        #expect(try site.build().status == 0)
        let files = ["feed.xml", "atom.xml", "feed.json", "topics/diffusion/feed.xml", "topics/diffusion/atom.xml"]
        var before: [String: [Entry]] = [:]
        for file in files {
            let parsed = try entries(site.output + "/" + file)
            #expect(parsed.bozo == 0, "\(file)")
            before[file] = parsed.entries
        }
        #expect(before["feed.xml"]!.count == 50, "feed_items is 50")
        #expect(before["feed.xml"]!.map(\.id) == before["atom.xml"]!.map(\.id))
        #expect(before["feed.xml"]!.map(\.id) == before["feed.json"]!.map(\.id))

        // Day two: the first paper of day one returns, two new diffusion papers arrive.
        let returning = before["feed.xml"]![0]
        let day1 = SiteFixture.read(
            site.content + "/papers/lanpaint-training-free-diffusion-inpainting-with-asymptotically-exact-and-fast.md")
        let abstract = day1.components(separatedBy: "---\n").last!.trimmingCharacters(in: .whitespacesAndNewlines)
        let feed = """
            A Brand New Diffusion Paper
            We study diffusion models for denoising and image generation, with a diffusion sampler.
            \(returning.title)
            \(abstract.replacingOccurrences(of: "\\", with: ""))
            Another New Diffusion Paper
            Latent diffusion models and flow matching for text-to-image generation, again diffusion.
            """
        let ingest = try CommandResult.run(
            CommandResult.paperboy, ["ingest", "-", "--date", "2026-11-27", "--content", site.content], input: Data(feed.utf8))
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("2026-11-27: 3 entries, 2 new papers, 1 returning"), "\(ingest.stdout)")
        #expect(try site.build().status == 0)

        for file in files {
            let after = try entries(site.output + "/" + file)
            #expect(after.bozo == 0, "\(file)")
            let old = before[file]!
            let new = after.entries
            #expect(
                new.prefix(2).map(\.title) == ["A Brand New Diffusion Paper", "Another New Diffusion Paper"],
                "\(file): the new day's papers first, in rank order")
            #expect(new.prefix(2).allSatisfy { $0.published.hasPrefix("2026-11-27") }, "\(file)")
            // Every item present in both builds is identical: same id, title, link, date and content.
            let oldByID = Dictionary(old.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var common = 0
            for entry in new {
                if let previous = oldByID[entry.id] {
                    #expect(previous == entry, "\(file): \(entry.id) changed")
                    common += 1
                }
            }
            #expect(common >= min(old.count, 50) - 2, "\(file): old items are kept")
            // The returning paper keeps its first day, so it does not jump to the top again.
            #expect(!new.prefix(2).contains { $0.id == returning.id })
        }
        let digest = try entries(site.output + "/days/feed.xml")
        #expect(digest.bozo == 0)
        #expect(digest.entries.map(\.link) == ["https://example.org/days/2026-11-27/", "https://example.org/days/2026-11-26/"])
        #expect(digest.entries[0].content.contains("https://example.org/papers/a-brand-new-diffusion-paper/"))
    }

    @Test("hostile titles come back exactly as written from RSS, Atom and JSON Feed")
    func hostileRoundTrip() throws {
        try Validators.requireFeedparser()
        let site = try SiteFixture(emptyContent: true)
        defer { site.remove() }
        let titles = [
            #"<script>alert("x")</script> & ]]> 'single' "double""#,
            "مرحبا بالعالم: نموذج لغوي 🚀",
            "Emoji only? 🚀🔥 and TÜLU 3 & Schrödinger",
        ]
        var feed = ""
        for title in titles {
            feed += title + "\nAn abstract mentioning <b>bold</b> & ]]> and https://github.com/a/b for \(title.prefix(5)).\n"
        }
        let ingest = try CommandResult.run(
            CommandResult.paperboy, ["ingest", "-", "--date", "2026-11-26", "--content", site.content], input: Data(feed.utf8))
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(try site.build().status == 0)
        for file in ["feed.xml", "atom.xml", "feed.json"] {
            let parsed = try entries(site.output + "/" + file)
            #expect(parsed.bozo == 0, "\(file)")
            #expect(parsed.entries.map(\.title) == titles, "\(file)")
            #expect(parsed.entries.allSatisfy { $0.link.hasPrefix("https://example.org/papers/") && $0.id == $0.link }, "\(file)")
            #expect(
                parsed.entries.allSatisfy { $0.content.contains("&lt;b&gt;bold&lt;/b&gt; &amp; ]]&gt;") },
                "\(file): the abstract's text is text")
            #expect(parsed.entries.allSatisfy { $0.content.contains(#"<a href="https://github.com/a/b">"#) }, "\(file)")
        }
    }
}
