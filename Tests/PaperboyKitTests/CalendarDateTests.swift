@testable import PaperboyCore
import Testing

@Suite("CalendarDate")
struct CalendarDateTests {
    @Test(arguments: [
        ("2026-11-26", "Thu, 26 Nov 2026 00:00:00 +0000"),
        ("1970-01-01", "Thu, 01 Jan 1970 00:00:00 +0000"),
        ("2000-02-29", "Tue, 29 Feb 2000 00:00:00 +0000"),
        ("2024-02-29", "Thu, 29 Feb 2024 00:00:00 +0000"),
        ("2025-01-01", "Wed, 01 Jan 2025 00:00:00 +0000"),
        ("1969-12-31", "Wed, 31 Dec 1969 00:00:00 +0000"),
        ("1900-01-01", "Mon, 01 Jan 1900 00:00:00 +0000"),
        ("2026-12-31", "Thu, 31 Dec 2026 00:00:00 +0000"),
        ("0001-01-01", "Mon, 01 Jan 0001 00:00:00 +0000"),
        ("9999-12-31", "Fri, 31 Dec 9999 00:00:00 +0000"),
    ])
    func rfc822(text: String, expected: String) {
        #expect(CalendarDate(text)?.rfc822 == expected)
    }

    @Test func otherFormats() {
        let date = CalendarDate("2026-11-26")!
        #expect(date.description == "2026-11-26")
        #expect(date.rfc3339 == "2026-11-26T00:00:00Z")
        #expect(date.longDescription == "26 November 2026")
        #expect(date.monthDescription == "November 2026")
        #expect(date.monthKey == "2026-11")
        #expect(CalendarDate("0042-01-05")?.description == "0042-01-05")
        #expect(CalendarDate("1970-01-01")?.daysSinceEpoch == 0)
        #expect(CalendarDate("2026-11-26")?.daysSinceEpoch == 20_783)
    }

    @Test func leapYears() {
        #expect(CalendarDate("2024-02-29") != nil)
        #expect(CalendarDate("2000-02-29") != nil)
        #expect(CalendarDate("2400-02-29") != nil)
        #expect(CalendarDate("2026-02-29") == nil)
        #expect(CalendarDate("1900-02-29") == nil)
        #expect(CalendarDate("2100-02-29") == nil)
        #expect(CalendarDate("2024-02-28")?.next.description == "2024-02-29")
        #expect(CalendarDate("2024-02-29")?.next.description == "2024-03-01")
        #expect(CalendarDate("2026-02-28")?.next.description == "2026-03-01")
        #expect(CalendarDate("2026-12-31")?.next.description == "2027-01-01")
        #expect(CalendarDate("2026-04-30")?.next.description == "2026-05-01")
    }

    @Test(arguments: [
        "", "2026-11-2", "2026-11-260", "26-11-2026", "2026/11/26", "2026-00-10", "2026-13-01", "2026-01-00",
        "2026-01-32", "2026-04-31", "2026-06-31", "2026-09-31", "2026-11-31", "0000-01-01", "２０２６-11-26",
        "2026-1a-26", " 2026-11-26", "2026-11-26 ", "+026-11-26", "2026-+1-26", "notadate",
    ])
    func invalidDates(text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test func ordering() {
        let dates = ["2026-11-26", "2025-12-31", "2026-01-01", "2026-11-03", "2026-10-30"].compactMap { CalendarDate($0) }
        #expect(dates.sorted().map(\.description) == ["2025-12-31", "2026-01-01", "2026-10-30", "2026-11-03", "2026-11-26"])
        var day = CalendarDate("2023-12-25")!
        var previous = day.daysSinceEpoch
        for _ in 0..<800 {
            day = day.next
            #expect(day.daysSinceEpoch == previous + 1)
            previous = day.daysSinceEpoch
        }
    }

    @Test(
        arguments: [
            ("trending-2026-11-26.txt", "2026-11-26"),
            ("2026-11-26.txt", "2026-11-26"),
            ("feeds-2026-02-30-then-2026-03-01.txt", "2026-03-01"),
            ("12026-11-26.txt", nil),
            ("2026-11-261.txt", nil),
            ("trending.txt", nil),
            ("day 2026-11-26 (copy).txt", "2026-11-26"),
        ] as [(String, String?)])
    func datesInFileNames(name: String, expected: String?) {
        #expect(CalendarDate.firstDate(in: name)?.description == expected)
    }
}
