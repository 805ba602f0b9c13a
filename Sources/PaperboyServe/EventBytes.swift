import FlyingSocks

/// An `AsyncStream` of byte chunks as FlyingFox's buffered body: each chunk is written as it comes.
struct EventBytes: AsyncBufferedSequence {
    typealias Element = UInt8
    let stream: AsyncStream<[UInt8]>
    let token: Token

    /// Runs `ended` when the last copy of the body is gone.
    final class Token: Sendable {
        let ended: @Sendable () -> Void
        init(_ ended: @escaping @Sendable () -> Void) { self.ended = ended }
        deinit { ended() }
    }

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator(), token: token) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.Iterator
        let token: Token
        var pending: [UInt8] = []

        mutating func next() async -> UInt8? {
            if pending.isEmpty {
                guard let chunk = await base.next() else { return nil }
                pending = chunk
            }
            return pending.isEmpty ? nil : pending.removeFirst()
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            if !pending.isEmpty {
                defer { pending = [] }
                return pending
            }
            while let chunk = await base.next() {
                if !chunk.isEmpty { return chunk }
            }
            return nil
        }
    }
}
