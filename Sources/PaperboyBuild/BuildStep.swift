/// One named step of a build: it reads what earlier steps left in the ``BuildState``, adds
/// what it makes, and returns a line saying what it did. ``SiteBuilder`` runs its
/// ``SiteBuilder/steps`` in order, times each, and names the step in any error.
struct BuildStep: Sendable {
    let name: String
    let body: nonisolated(nonsending) @Sendable (inout BuildState) async throws -> String

    init(_ name: String, _ body: nonisolated(nonsending) @escaping @Sendable (inout BuildState) async throws -> String) {
        self.name = name
        self.body = body
    }
}
