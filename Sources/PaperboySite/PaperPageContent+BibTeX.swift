extension PaperPageContent {
    /// The BibTeX entry arXiv itself gives for the paper (its "Export BibTeX Citation"), so a
    /// citation copied from this page matches one copied from arXiv; nil without an arXiv id.
    package var bibTeX: String? {
        guard let arxiv else { return nil }
        return BibTeX.arxivEntry(
            title: title, authors: authors, year: (metadata.published ?? firstSeen).year, arxiv: arxiv,
            primaryClass: metadata.categories.first)
    }
}

/// BibTeX as arXiv writes it (arxiv-browse, `browse/formatting/cite.py`).
package enum BibTeX {
    /// An `@misc` entry: key, title, author, year, eprint, archivePrefix, primaryClass (when
    /// known) and url. Every value is braced with its braces balanced, so no title closes its field.
    package static func arxivEntry(title: String, authors: [String], year: Int, arxiv: String, primaryClass: String?) -> String {
        let title = collapsingWhitespace(title)
        var fields: [(String, String)] = [("title", title)]
        if !authors.isEmpty { fields.append(("author", authors.map(collapsingWhitespace).joined(separator: " and "))) }
        fields += [("year", String(year)), ("eprint", arxiv), ("archivePrefix", "arXiv")]
        if let primaryClass, !primaryClass.isEmpty { fields.append(("primaryClass", primaryClass)) }
        fields.append(("url", "https://arxiv.org/abs/\(arxiv)"))
        var entry = "@misc{\(key(title: title, firstAuthor: authors.first, year: year)),\n"
        for (name, value) in fields { entry += "      \(name)={\(balancingBraces(value))},\n" }
        return entry + "}"
    }

    /// arXiv's key: the first author's surname, the year and the first four title words that
    /// are not stop words, alphanumerics only, lower case (`nakamura2025dropupcyclingtrainingsparsemixture`).
    package static func key(title: String, firstAuthor: String?, year: Int) -> String {
        let words = title.split(separator: " ").filter { !stopWords.contains($0.lowercased()) }.prefix(4)
        let text = (firstAuthor.map(surname) ?? "") + String(year) + words.joined()
        return String(text.filter { $0.isLetter || $0.isNumber }).lowercased()
    }

    /// The family name in `Given Family` or `Family, Given`.
    static func surname(_ name: String) -> String {
        if let comma = name.firstIndex(of: ",") { return String(name[..<comma]) }
        return name.split(whereSeparator: \.isWhitespace).last.map(String.init) ?? ""
    }

    static func collapsingWhitespace(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// `text` without the braces that have no partner: a `}` before its `{` would end the
    /// field, a lone `{` would swallow the rest of the entry. BibTeX counts `\{` too.
    package static func balancingBraces(_ text: String) -> String {
        var characters = Array(text)
        var open: [Int] = []
        var unmatched: Set<Int> = []
        for (index, character) in characters.enumerated() {
            if character == "{" {
                open.append(index)
            } else if character == "}" {
                if open.popLast() == nil { unmatched.insert(index) }
            }
        }
        unmatched.formUnion(open)
        guard !unmatched.isEmpty else { return text }
        characters = characters.enumerated().filter { !unmatched.contains($0.offset) }.map(\.element)
        return String(characters)
    }

    /// Common English function words, left out of keys (arXiv uses a list of its own like it).
    static let stopWords: Set<String> = [
        "a", "about", "above", "across", "after", "again", "against", "all", "almost", "along", "also", "although", "always",
        "am", "among", "an", "and", "another", "any", "are", "around", "as", "at", "be", "because", "been", "before", "behind",
        "being", "below", "beside", "between", "beyond", "both", "but", "by", "can", "cannot", "could", "do", "does", "down",
        "during", "each", "either", "else", "enough", "even", "ever", "every", "few", "for", "from", "further", "had", "has",
        "have", "he", "her", "here", "his", "how", "however", "if", "in", "into", "is", "it", "its", "itself", "less", "many",
        "may", "me", "might", "more", "most", "much", "must", "my", "neither", "no", "nor", "not", "of", "off", "often", "on",
        "once", "one", "only", "onto", "or", "other", "our", "out", "over", "own", "per", "rather", "same", "she", "should",
        "since", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
        "those", "though", "through", "thus", "to", "too", "toward", "towards", "under", "until", "up", "upon", "us", "very",
        "via", "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why",
        "will", "with", "within", "without", "would", "yet", "you", "your",
    ]
}
