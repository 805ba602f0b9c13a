import PaperboyCore
import PaperboySite

/// Where a paper's page sends its reader: the paper itself where it lives (arXiv, its PDF,
/// Hugging Face, code, project page), or searches by title for a paper without an arXiv id.
/// Every URL holds untrusted text: ids and titles are percent-encoded, and a URL from a file
/// is a link only when it is http(s) (``URLEscaping``).
extension PageContexts {
    /// The `links` of the paper page: `url` and `label` each.
    static func paperLinks(_ paper: PaperPageContent) -> [TemplateObject] {
        var links: [TemplateObject] = []
        func add(_ url: String?, _ label: String) {
            if let url { links.append(["url": .text(url), "label": .text(label)]) }
        }
        if let arxiv = paper.arxiv, let abstract = URLEscaping.httpURL("https://arxiv.org/abs/\(arxiv)") {
            add(abstract, "arXiv \(arxiv)")
            add(URLEscaping.httpURL("https://arxiv.org/pdf/\(arxiv)"), "PDF")
            add(URLEscaping.httpURL("https://huggingface.co/papers/\(arxiv)"), "Hugging Face")
        }
        for (index, url) in paper.code.enumerated() {
            guard let safe = URLEscaping.httpURL(url) else { continue }
            let name = url.split(separator: "/").dropFirst(2).prefix(2).joined(separator: "/")
            // The stars counted are the first repository's.
            let stars = index == 0 ? paper.metadata.codeStars.map { " (\(counted($0, "star")))" } ?? "" : ""
            add(safe, "Code: \(name.isEmpty ? url : name)\(stars)")
        }
        add(paper.metadata.project.flatMap(URLEscaping.httpURL), "Project page")
        return links
    }

    /// Searches for a paper known only by its title: arXiv (titles), Hugging Face papers and
    /// Semantic Scholar, the title a percent-encoded query value.
    static func findLinks(title: String) -> [TemplateObject] {
        let query = URLEscaping.queryValue(title)
        return [
            ["url": .text("https://arxiv.org/search/?query=\(query)&searchtype=title"), "label": .text("arXiv")],
            ["url": .text("https://huggingface.co/papers?q=\(query)"), "label": .text("Hugging Face")],
            ["url": .text("https://www.semanticscholar.org/search?q=\(query)"), "label": .text("Semantic Scholar")],
        ]
    }
}
