import Foundation
import LinqModel
import Testing

@Test(arguments: [
    ("2026-11-28T10:00:00Z", 1_795_860_000.0),
    ("2026-11-28t10:00:00z", 1_795_860_000.0),
    ("2026-11-28T10:00Z", 1_795_860_000.0),
    ("2026-11-28T15:30:00+0530", 1_795_860_000.0),
    ("2026-11-28T12:00:00+02", 1_795_860_000.0),
    ("2026-11-28T10:00:00,5Z", 1_795_860_000.5),
    ("2026-11-28T10:00:00.123456789Z", 1_795_860_000.123456789),
    ("2026-11-28T10:00:00.1234567891234567Z", 1_795_860_000.123456789),
    ("2024-02-29T00:00:00Z", 1_709_164_800.0),
    ("2016-12-31T23:59:60Z", 1_483_228_800.0),
    ("9999-12-31T23:59:59Z", 253_402_300_799.0),
])
func timesWithAZoneAreRead(text: String, seconds: Double) throws {
    let reading = TimestampReading(text)
    guard case .time(let date) = reading else {
        Issue.record("\(text) read as \(reading)")
        return
    }
    #expect(abs(date.timeIntervalSince1970 - seconds) < 1e-6)
}

@Test func moreThanNineFractionalDigitsAreCutNotUnknown() throws {
    let date = try #require(LocationDecoder.parseTimestamp("2026-11-28T10:00:00.12345678999999Z"))
    #expect(abs(date.timeIntervalSince1970 - 1_795_860_000.123456789) < 1e-6)
}

@Test func aTimeWithoutAZoneIsUTC() {
    #expect(TimestampReading("2026-11-28T10:00:00") == .timeWithoutZone(Date(timeIntervalSince1970: 1_795_860_000)))
    #expect(TimestampReading("2026-11-28T10:00:00.25").date == Date(timeIntervalSince1970: 1_795_860_000.25))
}

@Test(arguments: ["0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1999-12-31T23:59:59Z"])
func timesBeforeTwoThousandAreImplausible(text: String) {
    #expect(TimestampReading(text) == .implausible)
    #expect(TimestampReading(text).date == nil)
}

@Test func theFirstPlausibleTimeIsTheYear2000() {
    #expect(TimestampReading("2000-01-01T00:00:00Z") == .time(Date(timeIntervalSince1970: 946_684_800)))
}
