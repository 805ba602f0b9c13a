/// A calendar day (`YYYY-MM-DD`), the only kind of date an archive of daily lists needs.
///
/// Kept free of Foundation's `Date` and formatters on purpose: a build formats tens of
/// thousands of dates, and these are plain integer computations.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Parses exactly `YYYY-MM-DD` and rejects days that do not exist (`2026-02-30`).
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public init?(year: Int, month: Int, day: Int) {
        guard year >= 1, (1...12).contains(month), day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Finds the first `YYYY-MM-DD` that is a real date inside a file name.
    package static func firstDate(in name: String) -> CalendarDate? {
        let scalars = Array(name.utf8)
        guard scalars.count >= 10 else { return nil }
        for start in 0...(scalars.count - 10) {
            let slice = scalars[start..<(start + 10)]
            if let text = String(bytes: slice, encoding: .utf8), let date = CalendarDate(text) {
                // Reject a date glued to more digits (`12026-11-26`).
                let before = start > 0 ? scalars[start - 1] : 0
                let after = start + 10 < scalars.count ? scalars[start + 10] : 0
                if !(48...57).contains(before), !(48...57).contains(after) { return date }
            }
        }
        return nil
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// `YYYY-MM`, the archive's grouping key.
    package var monthKey: String { pad(year, 4) + "-" + pad(month, 2) }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    package var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    /// The day after this one.
    package var next: CalendarDate {
        if day < CalendarDate.daysIn(month: month, year: year) { return CalendarDate(year: year, month: month, day: day + 1)! }
        if month < 12 { return CalendarDate(year: year, month: month + 1, day: 1)! }
        return CalendarDate(year: year + 1, month: 1, day: 1)!
    }

    static let weekdayNames = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let longMonthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// RFC 822 with a four-digit year, midnight UTC: `Thu, 26 Nov 2026 00:00:00 +0000` (RSS 2.0).
    package var rfc822: String {
        let weekday = CalendarDate.weekdayNames[((daysSinceEpoch % 7) + 7) % 7]
        return "\(weekday), \(pad(day, 2)) \(CalendarDate.monthNames[month - 1]) \(pad(year, 4)) 00:00:00 +0000"
    }

    /// RFC 3339 at midnight UTC: `2026-11-26T00:00:00Z` (Atom, JSON Feed, sitemap).
    package var rfc3339: String { description + "T00:00:00Z" }

    /// `26 November 2026`, for people.
    package var longDescription: String { "\(day) \(CalendarDate.longMonthNames[month - 1]) \(year)" }

    /// `November 2026`.
    package var monthDescription: String { "\(CalendarDate.longMonthNames[month - 1]) \(year)" }
}

@inline(__always)
package func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
