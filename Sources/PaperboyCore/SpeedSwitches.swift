import Foundation

/// The speed mechanisms a run can turn off, to take the plain path instead.
///
/// Every mechanism is an optimization of a plain path that gives the same bytes; turning one off
/// shows it (a test builds a corpus every way and compares). `PAPERBOY_OFF` names those to turn
/// off, separated by commas, or `all`: `PAPERBOY_OFF=skeletons,page-records paperboy build`.
public struct SpeedSwitches: Sendable, Equatable {
    public enum Mechanism: String, CaseIterable, Sendable {
        /// Pages filled from template and list skeletons instead of rendered by swift-mustache.
        case skeletons
        /// Content files taken as last parsed from the cache folder instead of parsed again.
        case contentCache = "content-cache"
        /// Pages whose fingerprint and file are unchanged left as they are instead of rendered.
        case pageRecords = "page-records"
        /// Related papers extended from the index saved by the last build instead of computed anew.
        case relatedCache = "related-cache"
        /// The search index's words taken from the cache folder for unchanged papers instead of read again.
        case searchCache = "search-cache"
    }

    /// The mechanisms turned off.
    public var off: Set<Mechanism>

    public init(off: Set<Mechanism> = []) {
        self.off = off
    }

    public func isOn(_ mechanism: Mechanism) -> Bool { !off.contains(mechanism) }

    public static let variable = "PAPERBOY_OFF"

    /// The switches `PAPERBOY_OFF`'s text names; an unknown name is an error naming the known ones.
    public static func parse(_ text: String?) -> Result<SpeedSwitches, PaperboyError> {
        var switches = SpeedSwitches()
        for name in (text ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            if name == "all" {
                switches.off = Set(Mechanism.allCases)
            } else if let mechanism = Mechanism(rawValue: name) {
                switches.off.insert(mechanism)
            } else {
                let known = (Mechanism.allCases.map(\.rawValue) + ["all"]).joined(separator: ", ")
                return .failure(PaperboyError("\(variable): unknown mechanism \"\(name)\" (known: \(known))"))
            }
        }
        return .success(switches)
    }

    /// This process's switches, from its environment (unknown names are refused at start, see ``parse(_:)``).
    public static let current: SpeedSwitches = (try? parse(ProcessInfo.processInfo.environment[variable]).get()) ?? SpeedSwitches()
}
