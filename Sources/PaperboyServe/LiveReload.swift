import Foundation
import PaperboyRender

/// The state open pages follow: a generation that grows with every build, good or failed, and
/// the failed build's `FILE:LINE: message` lines. Each page is served with the generation it
/// shows; the events endpoint sends the current one on connect and after each build, and the
/// page reloads when they differ (so a build that ends between the page and its connection is
/// not missed). Nothing of this is ever written into the output.
package actor LiveReload {
    package static let eventsPath = "/__paperboy/events"

    package private(set) var generation = 0
    package private(set) var failure: [String]?
    private var listeners: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]

    package init() {}

    /// After a build: `failure` nil when it succeeded.
    package func finished(failure: [String]?) {
        generation += 1
        self.failure = failure
        let event = Self.event(generation)
        for listener in listeners.values { listener.yield(event) }
    }

    /// A stream of Server-Sent Events: the generation now, then one per build, and a comment
    /// every 15 s so that a closed page's connection is noticed and dropped.
    func subscribe() -> EventBytes {
        let id = UUID()
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(8))
        continuation.yield(Array("retry: 500\n\n".utf8) + Self.event(generation))
        listeners[id] = continuation
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(15))
                continuation.yield(Array(": ping\n\n".utf8))
            }
        }
        continuation.onTermination = { _ in heartbeat.cancel() }
        // The connection's end drops the body, and with it this token: the listener goes too.
        return EventBytes(stream: stream, token: .init { Task { await self.remove(id) } })
    }

    /// Ends every stream (the server stops).
    package func close() {
        for listener in listeners.values { listener.finish() }
        listeners = [:]
    }

    private func remove(_ id: UUID) { listeners.removeValue(forKey: id)?.finish() }

    static func event(_ generation: Int) -> [UInt8] { Array("data: \(generation)\n\n".utf8) }

    /// `html` with the reload script (and the failure overlay, if the last build failed) added
    /// before its `</body>`.
    package func decorate(_ html: Data) -> Data {
        var insert = Self.script(generation: generation)
        if let failure { insert = Self.overlay(failure) + insert }
        let text = String(decoding: html, as: UTF8.self)
        guard let body = text.range(of: "</body>", options: [.backwards, .caseInsensitive]) else {
            return Data((text + insert).utf8)
        }
        return Data((text[..<body.lowerBound] + insert + text[body.lowerBound...]).utf8)
    }

    static func script(generation: Int) -> String {
        "<script>(()=>{const s=new EventSource(\"\(eventsPath)\");"
            + "s.onmessage=e=>{if(e.data!==\"\(generation)\"){s.close();location.reload()}}})()</script>"
    }

    static func overlay(_ lines: [String]) -> String {
        let text = lines.map(HTMLEscaping.escape).joined(separator: "\n")
        return "<div id=\"paperboy-error\" style=\"position:fixed;inset:0 0 auto 0;z-index:2147483647;"
            + "margin:0;padding:1em;background:#fff0f0;color:#900;border-bottom:3px solid #900;"
            + "font:14px/1.4 ui-monospace,monospace;white-space:pre-wrap;max-height:60vh;overflow:auto\">"
            + "<strong>The build failed; this is the last good site.</strong>\n\(text)</div>"
    }
}
