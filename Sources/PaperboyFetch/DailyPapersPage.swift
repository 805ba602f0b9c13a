import Foundation

/// One page of the Hugging Face `daily_papers` API, checked to be what ingest expects: a JSON
/// array of objects, each with a `paper` object whose `id` and `title` are strings.
///
/// Only the shape is checked here (the full parse is ingest's); the bytes are kept as received,
/// so the saved feed is the server's own text and can be ingested again later.
package struct DailyPapersPage: Sendable, Equatable {
    /// The body as received.
    package var body: [UInt8]
    /// How many papers it lists.
    package var count: Int
    /// Where its elements are in ``body``: the bytes between the brackets, white space around
    /// them left out (empty for `[]`).
    package var elements: Range<Int>

    /// The page in `body`, or why it is not one (a sentence, for a message naming the URL).
    package static func check(_ body: [UInt8]) -> Result<DailyPapersPage, ShapeProblem> {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        } catch {
            return .failure(ShapeProblem("the body is not valid JSON (\(body.count) bytes: \(excerpt(body)))"))
        }
        guard let items = parsed as? [Any] else {
            return .failure(ShapeProblem("expected a JSON array of papers, found \(kind(of: parsed)): \(excerpt(body))"))
        }
        for (index, item) in items.enumerated() {
            let which = "item \(index + 1)"
            guard let object = item as? [String: Any] else {
                return .failure(ShapeProblem("\(which) is \(kind(of: item)), not an object"))
            }
            guard let paper = object["paper"] as? [String: Any] else {
                return .failure(ShapeProblem("\(which) has no \"paper\" object"))
            }
            for key in ["id", "title"] where !(paper[key] is String) {
                let found = paper[key].map { kind(of: $0) } ?? "nothing"
                return .failure(ShapeProblem("\(which): paper.\(key) should be a string, found \(found)"))
            }
        }
        // JSON over HTTP is UTF-8 (RFC 8259): the brackets are these bytes, at the ends once white space is left out.
        let whitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        guard let first = body.firstIndex(where: { !whitespace.contains($0) }), body[first] == UInt8(ascii: "["),
            let last = body.lastIndex(where: { !whitespace.contains($0) }), body[last] == UInt8(ascii: "]"), first < last
        else {
            return .failure(ShapeProblem("the array is not UTF-8 JSON text (a byte order mark, or another encoding?)"))
        }
        var start = first + 1
        var end = last
        while start < end, whitespace.contains(body[start]) { start += 1 }
        while end > start, whitespace.contains(body[end - 1]) { end -= 1 }
        return .success(DailyPapersPage(body: body, count: items.count, elements: start..<end))
    }

    /// The pages as one array, their elements' bytes as received. One page with papers is
    /// returned as it came, byte for byte; several are joined as `[` elements `,` elements `]`
    /// (an empty last page adds nothing); nil when no page lists a paper.
    package static func join(_ pages: [DailyPapersPage]) -> [UInt8]? {
        let listing = pages.filter { $0.count > 0 }
        guard let first = listing.first else { return nil }
        if listing.count == 1 { return first.body }
        var joined: [UInt8] = [UInt8(ascii: "[")]
        joined.reserveCapacity(listing.reduce(2) { $0 + $1.elements.count + 1 })
        for (index, page) in listing.enumerated() {
            if index > 0 { joined.append(UInt8(ascii: ",")) }
            joined += page.body[page.elements]
        }
        joined.append(UInt8(ascii: "]"))
        return joined
    }

    /// `an object`, `a string`: what a JSON value is, for messages.
    static func kind(of value: Any) -> String {
        switch value {
        case is [Any]: "an array"
        case is [String: Any]: "an object"
        case is String: "a string"
        case is NSNull: "null"
        // A boolean is an NSNumber too, of its own class.
        case let number as NSNumber: String(describing: type(of: number)).contains("Boolean") ? "a boolean" : "a number"
        default: "a JSON value"
        }
    }

    /// The start of the body, on one line, for messages.
    static func excerpt(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(80), as: UTF8.self).split(whereSeparator: \.isNewline).joined(separator: " ")
        return (body.count > 80 ? text + "…" : text).debugDescription
    }
}

/// Why a page is not the documented shape, in a sentence.
package struct ShapeProblem: Error, Sendable, Equatable, CustomStringConvertible {
    package var description: String

    package init(_ description: String) {
        self.description = description
    }
}
