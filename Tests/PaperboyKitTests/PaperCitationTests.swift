import Foundation
@testable import PaperboyContent
@testable import PaperboyCore
@testable import PaperboyFeeds
@testable import PaperboyRender
@testable import PaperboySite
import Testing

/// Paper pages as the best link to a paper: authors, links, the BibTeX arXiv gives, Highwire
/// meta tags and JSON-LD for citation managers, searches for a paper without an id, and the
/// authors and upvotes on the cards of day and topic pages.
@Suite("Paper pages: citations, links and cards")
struct PaperCitationTests {
    // MARK: BibTeX

    @Test("BibTeX as arXiv writes it: key, title, authors, year, eprint, primary class, url")
    func bibTeX() {
        let entry = BibTeX.arxivEntry(
            title: "Drop-Upcycling: Training Sparse Mixture of Experts\n  with Partial Re-initialization",
            authors: ["Taishi Nakamura", "Takuya  Akiba"], year: 2025, arxiv: "2502.19261", primaryClass: "cs.LG")
        #expect(
            entry == """
                @misc{nakamura2025dropupcyclingtrainingsparsemixture,
                      title={Drop-Upcycling: Training Sparse Mixture of Experts with Partial Re-initialization},
                      author={Taishi Nakamura and Takuya Akiba},
                      year={2025},
                      eprint={2502.19261},
                      archivePrefix={arXiv},
                      primaryClass={cs.LG},
                      url={https://arxiv.org/abs/2502.19261},
                }
                """)
        // Without a category the field is left out, not written as `unknown`.
        let plain = BibTeX.arxivEntry(title: "A Study", authors: [], year: 2024, arxiv: "2401.00001", primaryClass: nil)
        #expect(!plain.contains("primaryClass") && !plain.contains("author="))
        #expect(plain.hasPrefix("@misc{2024study,\n"))
    }

    @Test("keys: stop words skipped, four words, alphanumerics only, surname from either name order")
    func keys() {
        let key = BibTeX.key(title: "On the Use of A Transformer for All Things", firstAuthor: "Ada Lovelace", year: 2026)
        #expect(key == "lovelace2026usetransformerthings")
        #expect(BibTeX.key(title: "Attention Is All You Need", firstAuthor: "Vaswani, Ashish", year: 2017) == "vaswani2017attentionneed")
        let latex = BibTeX.key(title: "$\\mathcal{O}(n)$ Attention: Fast!", firstAuthor: "Jo Müller", year: 2025)
        #expect(latex == "müller2025mathcalonattentionfast")
    }

    @Test("a LaTeX title keeps its balanced braces; an unbalanced brace is dropped, so no field ends early")
    func braces() {
        #expect(BibTeX.balancingBraces("$\\mathcal{O}(n)$ and {BERT}") == "$\\mathcal{O}(n)$ and {BERT}")
        #expect(BibTeX.balancingBraces("a } b { c") == "a  b  c")
        #expect(BibTeX.balancingBraces("}{x}{") == "{x}")
        #expect(BibTeX.balancingBraces("{{a}") == "{a}")
        let entry = BibTeX.arxivEntry(
            title: "Closing} early, {never", authors: ["A {B"], year: 2025, arxiv: "2501.00001}", primaryClass: "cs.LG}")
        for line in entry.split(separator: "\n").dropFirst().dropLast() {
            var depth = 0
            for character in line {
                if character == "{" { depth += 1 }
                if character == "}" { depth -= 1 }
                #expect(depth >= 0, "\(line)")
            }
            #expect(depth == 0, "\(line)")
        }
        #expect(entry.contains("title={Closing early, never},"))
    }

    @Test("the year is the arXiv date's, else the year the paper first trended; no id, no entry")
    func bibTeXYear() throws {
        let published = try content(arxiv: "2401.00001", published: CalendarDate(year: 2024, month: 1, day: 2))
        #expect(published.bibTeX?.contains("year={2024},") == true)
        let trended = try content(arxiv: "2401.00001", published: nil)
        #expect(trended.bibTeX?.contains("year={2026},") == true)
        #expect(try content(arxiv: nil, published: nil).bibTeX == nil)
    }

    func content(arxiv: String?, published: CalendarDate?) throws -> PaperPageContent {
        let paper = Paper(
            slug: "p", title: "T", firstSeen: CalendarDate(year: 2026, month: 11, day: 26)!, arxiv: arxiv, abstract: "A.",
            metadata: PaperMetadata(published: published))
        let model = PaperModel(paper: LoadedPaper(paper), topics: [], abstractHTML: "", excerpt: "", appearances: [])
        return model.pageSource.content
    }

    // MARK: Query values

    @Test("a query value percent-encodes everything but unreserved characters")
    func queryValue() {
        #expect(URLEscaping.queryValue("a b&c=d#e+f/g?h") == "a%20b%26c%3Dd%23e%2Bf%2Fg%3Fh")
        #expect(URLEscaping.queryValue("Az09-._~") == "Az09-._~")
        #expect(URLEscaping.queryValue("  a \n\t b  ") == "a%20b")
        #expect(URLEscaping.queryValue("\"<é>\"") == "%22%3C%C3%A9%3E%22")
    }

    // MARK: Rendered pages

    static let hostileTitle = "Sparse {MoE}: </script><script>alert(1)</script> & \u{2028}more"

    /// A site of one day: a paper with every field (and a hostile title), a paper with no id,
    /// and a paper with five authors; upvotes for two of them.
    static func site() throws -> PageRenderer {
        let date = CalendarDate(year: 2026, month: 11, day: 26)!
        let full = Paper(
            slug: "full", title: hostileTitle, firstSeen: date, arxiv: "2502.19261",
            authors: ["Taishi Nakamura", "Takuya Akiba <b>", "Kazuki Fujii", "Yusuke Oda"],
            code: ["https://github.com/Taishi-N324/Drop-Upcycling"], abstract: "We upcycle </script> experts.",
            metadata: PaperMetadata(
                published: CalendarDate(year: 2025, month: 2, day: 6), project: "https://lab.example/drop?a=1&b=2", codeStars: 1234,
                keywords: ["mixture of experts"], categories: ["cs.LG", "cs.AI"]))
        let unknown = Paper(slug: "unknown", title: "Where & When: a \"Study\"", firstSeen: date, abstract: "Somewhere.")
        let many = Paper(slug: "many", title: "Many Hands", firstSeen: date, authors: ["A One", "B Two"], abstract: "Hands.")
        let archive = Archive(
            site: SiteConfig(title: "T", description: "D", baseURL: "https://example.org/"), taxonomy: Taxonomy(topics: []),
            days: [Day(date: date, source: "feed.txt", papers: ["full", "unknown", "many"], upvotes: ["full": 42, "many": 0])],
            papers: ["full": LoadedPaper(full), "unknown": LoadedPaper(unknown), "many": LoadedPaper(many)])
        let templates = try TemplateLibrary(folder: TestFixtures.repositoryRoot.appendingPathComponent("Templates").path)
        return PageRenderer(model: SiteModel(archive: archive), templates: templates)
    }

    static func paperPage(_ renderer: PageRenderer, _ slug: String) throws -> String {
        let index = try #require(renderer.model.newestFirst.firstIndex { $0.slug == slug })
        return renderer.render(.paper(index))
    }

    /// The `content` of every `<meta name="NAME">`, decoded.
    static func meta(_ html: String, _ name: String) -> [String] {
        html.components(separatedBy: "<meta name=\"\(name)\" content=\"").dropFirst().map {
            LinkResolver.decodingCharacterReferences(String($0.prefix { $0 != "\"" }))
        }
    }

    @Test("Highwire meta tags: title, one author each, date, arXiv id and PDF")
    func metaTags() throws {
        let html = try Self.paperPage(Self.site(), "full")
        #expect(Self.meta(html, "citation_title") == [Self.hostileTitle])
        #expect(Self.meta(html, "citation_author") == ["Taishi Nakamura", "Takuya Akiba <b>", "Kazuki Fujii", "Yusuke Oda"])
        #expect(Self.meta(html, "citation_publication_date") == ["2025/02/06"])
        #expect(Self.meta(html, "citation_arxiv_id") == ["2502.19261"])
        #expect(Self.meta(html, "citation_pdf_url") == ["https://arxiv.org/pdf/2502.19261"])
        let head = try #require(html.components(separatedBy: "</head>").first)
        #expect(head.contains("<meta name=\"citation_title\""))
    }

    @Test("the JSON-LD is one script that parses, whatever the title holds")
    func jsonLD() throws {
        let html = try Self.paperPage(Self.site(), "full")
        let scripts = html.components(separatedBy: "<script").dropFirst()
        #expect(scripts.count == 1)
        let open = "<script type=\"application/ld+json\">"
        let body = try #require(html.components(separatedBy: open).dropFirst().first?.components(separatedBy: "</script>").first)
        #expect(!body.contains("<") && !body.contains(">") && !body.contains("&") && !body.contains("\u{2028}"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect(json["@context"] as? String == "https://schema.org")
        #expect(json["@type"] as? String == "ScholarlyArticle")
        #expect(json["headline"] as? String == Self.hostileTitle)
        #expect(json["url"] as? String == "https://example.org/papers/full/")
        #expect(json["datePublished"] as? String == "2025-02-06")
        let authors = try #require(json["author"] as? [[String: String]])
        #expect(authors.map { $0["name"] } == ["Taishi Nakamura", "Takuya Akiba <b>", "Kazuki Fujii", "Yusuke Oda"])
        #expect(json["sameAs"] as? [String] == ["https://arxiv.org/abs/2502.19261", "https://huggingface.co/papers/2502.19261"])
        // A paper without an id has JSON-LD too, without identifier or sameAs.
        let unknown = try Self.paperPage(Self.site(), "unknown")
        let other = try #require(unknown.components(separatedBy: open).dropFirst().first?.components(separatedBy: "</script>").first)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(other.utf8)) as? [String: Any])
        #expect(parsed["name"] as? String == "Where & When: a \"Study\"" && parsed["sameAs"] == nil)
    }

    @Test("links: arXiv, PDF, Hugging Face, code with its stars, project page; a Cite block")
    func links() throws {
        let html = try Self.paperPage(Self.site(), "full")
        for link in [
            "<a href=\"https://arxiv.org/abs/2502.19261\">arXiv 2502.19261</a>", "<a href=\"https://arxiv.org/pdf/2502.19261\">PDF</a>",
            "<a href=\"https://huggingface.co/papers/2502.19261\">Hugging Face</a>",
            "<a href=\"https://github.com/Taishi-N324/Drop-Upcycling\">Code: Taishi-N324/Drop-Upcycling (1234 stars)</a>",
            "<a href=\"https://lab.example/drop?a=1&amp;b=2\">Project page</a>",
        ] {
            #expect(html.contains(link), "\(link)")
        }
        #expect(html.contains("<p class=\"authors\"><bdi>Taishi Nakamura, Takuya Akiba &lt;b&gt;, Kazuki Fujii, Yusuke Oda</bdi></p>"))
        #expect(!html.contains("find-links"))
        #expect(html.contains("<h2 id=\"cite\">Cite</h2>"))
        #expect(html.contains("@misc{nakamura2025sparsemoescriptscriptalert1script,\n"))
        #expect(html.contains("      title={Sparse {MoE}: &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; more},\n"))
        #expect(html.contains("      primaryClass={cs.LG},\n"))
        #expect(html.contains(": rank 1, 42 upvotes</li>"))
    }

    @Test("a paper without an id: searches by its title on arXiv, Hugging Face and Semantic Scholar; no Cite block")
    func findLinks() throws {
        let html = try Self.paperPage(Self.site(), "unknown")
        let query = "Where%20%26%20When%3A%20a%20%22Study%22"
        #expect(html.contains("<a href=\"https://arxiv.org/search/?query=\(query)&amp;searchtype=title\">arXiv</a>"))
        #expect(html.contains("<a href=\"https://huggingface.co/papers?q=\(query)\">Hugging Face</a>"))
        #expect(html.contains("<a href=\"https://www.semanticscholar.org/search?q=\(query)\">Semantic Scholar</a>"))
        #expect(!html.contains("paper-links") && !html.contains("id=\"cite\"") && !html.contains("citation_arxiv_id"))
        #expect(Self.meta(html, "citation_publication_date") == ["2026"])
    }

    @Test("cards name the first three authors, et al. after them, and the day's upvotes where known")
    func cards() throws {
        let renderer = try Self.site()
        let day = renderer.render(.day(0))
        #expect(day.contains("<p class=\"authors\"><bdi>Taishi Nakamura, Takuya Akiba &lt;b&gt;, Kazuki Fujii et al.</bdi></p>"))
        #expect(day.contains("<p class=\"authors\"><bdi>A One, B Two</bdi></p>"))
        #expect(day.contains("<p class=\"meta upvotes\">42 upvotes</p>") && day.contains("<p class=\"meta upvotes\">0 upvotes</p>"))
        #expect(day.components(separatedBy: "class=\"meta upvotes\"").count == 3, "no upvotes for the paper the day file does not count")
        // A topic page shows each paper's upvotes on the day it first trended.
        let topic = try #require(Page.all(in: renderer.model).first { if case .topic = $0 { true } else { false } })
        let html = renderer.render(topic)
        #expect(html.contains("<p class=\"meta upvotes\">42 upvotes</p>") && html.contains("et al."))
    }
}
