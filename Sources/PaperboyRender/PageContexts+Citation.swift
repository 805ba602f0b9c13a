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
        var members: [(String, String)] = [
            ("@context", JSONEscaping.quoted("https://schema.org")), ("@type", JSONEscaping.quoted("ScholarlyArticle")),
            ("headline", JSONEscaping.quoted(paper.title)), ("name", JSONEscaping.quoted(paper.title)),
            ("url", JSONEscaping.quoted(canonical)),
        ]
        if !paper.authors.isEmpty {
            let people = paper.authors.map { "{\"@type\": \"Person\", \"name\": \(JSONEscaping.quoted($0))}" }
            members.append(("author", "[" + people.joined(separator: ", ") + "]"))
        }
        if let published = paper.metadata.published { members.append(("datePublished", JSONEscaping.quoted(published.description))) }
        if !paper.excerpt.string.isEmpty { members.append(("description", JSONEscaping.quoted(paper.excerpt.string))) }
        if !paper.metadata.keywords.isEmpty {
            members.append(("keywords", "[" + paper.metadata.keywords.map(JSONEscaping.quoted).joined(separator: ", ") + "]"))
        }
        if let arxiv = paper.arxiv {
            members.append(
                (
                    "identifier",
                    "{\"@type\": \"PropertyValue\", \"propertyID\": \"arXiv\", \"value\": \(JSONEscaping.quoted(arxiv))}"
                ))
            let sameAs = ["https://arxiv.org/abs/\(arxiv)", "https://huggingface.co/papers/\(arxiv)"].compactMap(URLEscaping.httpURL)
            members.append(("sameAs", "[" + sameAs.map(JSONEscaping.quoted).joined(separator: ", ") + "]"))
        }
        return "{" + members.map { "\(JSONEscaping.quoted($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }
}
