import Foundation
import PaperboyCore

extension CalendarDate {
    /// Today's date in UTC: the day Hugging Face files its Daily Papers under, wherever the
    /// command runs.
    package static func todayUTC(now: Date = Date()) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
