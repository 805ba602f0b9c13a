/// A growing UTF-8 buffer for writing XML and JSON by hand.
///
/// Every piece of untrusted text goes through `text`, `attribute` or `json`; `raw` is for
/// markup the renderer itself spells out.
package struct FeedWriter {
    var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Markup written as is.
    mutating func raw(_ markup: String) {
        bytes.append(contentsOf: markup.utf8)
    }

    /// Markup written as is (already-rendered fragments).
    mutating func raw(_ markup: [UInt8]) {
        bytes.append(contentsOf: markup)
    }

    /// Text escaped for element content.
    mutating func text(_ text: String) {
        XMLEscaping.append(text, to: &bytes, attribute: false)
    }

    /// Text escaped for an attribute value (the caller writes the quotes).
    mutating func attribute(_ text: String) {
        XMLEscaping.append(text, to: &bytes, attribute: true)
    }

    /// `<name>text</name>`, text escaped.
    mutating func element(_ name: String, _ content: String) {
        bytes.append(UInt8(ascii: "<"))
        raw(name)
        bytes.append(UInt8(ascii: ">"))
        text(content)
        bytes.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
        raw(name)
        bytes.append(UInt8(ascii: ">"))
    }

    /// A JSON string literal, quotes included.
    mutating func json(_ text: String) {
        JSONEscaping.append(text, to: &bytes)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
