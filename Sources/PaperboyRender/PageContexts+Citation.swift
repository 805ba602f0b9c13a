import PaperboyCore
import PaperboyFeeds
import PaperboySite

/// What makes a paper's page citable by machines and people: Highwire Press `citation_*`
/// meta tags (Zotero, Google Scholar), schema.org `ScholarlyArticle` JSON-LD and, for a
/// paper with an arXiv id, the BibTeX arXiv gives.
extension PageContexts {
    /// Sets `citationDate`, `arxiv` and `pdfURL` (the meta tags), `jsonLD` and `bibtex`.
    func addCitation(_ paper: PaperPageContent, _ context: inout TemplateObject, canonical: String) {
        // Highwire's format; without the arXiv date, the year the paper first trended, as in the BibTeX.
        let date = paper.metadata.published.map { "\($0.year)/\(pad($0.month))/\(pad($0.day))" } ?? String(paper.firstSeen.year)
        context.add("citationDate", .text(date))
        if let arxiv = paper.arxiv {
            context.add("arxiv", .text(arxiv))
            context.add("pdfURL", URLEscaping.httpURL("https://arxiv.org/pdf/\(arxiv)").map(TemplateValue.text))
        }
        context.add("jsonLD", .text(Self.scholarlyArticle(paper, canonical: canonical)))
        context.add("bibtex", paper.bibTeX.map(TemplateValue.text))
    }

    private func pad(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }

    /// The paper as a schema.org `ScholarlyArticle`, in JSON that is safe inside a `<script>`
    /// element: ``JSONEscaping`` writes `<`, `>` and `&` as `\u003c`..., so no text closes it.
    static func scholarlyArticle(_ paper: PaperPageContent, canonical: String) -> String {
        // Written into one buffer: every paper page of a build has one.
        var json: [UInt8] = []
        json.reserveCapacity(1024)
        var first = true
        func member(_ name: String) {
            json += Array((first ? "{" : ", ").utf8)
            first = false
            JSONEscaping.append(name, to: &json)
            json += Array(": ".utf8)
        }
        func text(_ name: String, _ value: String) {
            member(name)
            JSONEscaping.append(value, to: &json)
        }
        func list(_ name: String, _ values: [String], _ item: (String) -> Void) {
            member(name)
            json.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { json += Array(", ".utf8) }
                item(value)
            }
            json.append(UInt8(ascii: "]"))
        }
        text("@context", "https://schema.org")
        text("@type", "ScholarlyArticle")
        text("headline", paper.title)
        text("name", paper.title)
        text("url", canonical)
        if !paper.authors.isEmpty {
            list("author", paper.authors) { name in
                json += Array("{\"@type\": \"Person\", \"name\": ".utf8)
                JSONEscaping.append(name, to: &json)
                json.append(UInt8(ascii: "}"))
            }
        }
        if let published = paper.metadata.published { text("datePublished", published.description) }
        let description = paper.excerpt.string
        if !description.isEmpty { text("description", description) }
        if !paper.metadata.keywords.isEmpty { list("keywords", paper.metadata.keywords) { JSONEscaping.append($0, to: &json) } }
        if let arxiv = paper.arxiv {
            member("identifier")
            json += Array("{\"@type\": \"PropertyValue\", \"propertyID\": \"arXiv\", \"value\": ".utf8)
            JSONEscaping.append(arxiv, to: &json)
            json.append(UInt8(ascii: "}"))
            let sameAs = ["https://arxiv.org/abs/\(arxiv)", "https://huggingface.co/papers/\(arxiv)"].compactMap(URLEscaping.httpURL)
            list("sameAs", sameAs) { JSONEscaping.append($0, to: &json) }
        }
        json.append(UInt8(ascii: "}"))
        return String(decoding: json, as: UTF8.self)
    }
}
