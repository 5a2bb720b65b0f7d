import Foundation
import History
import Testing

struct TimeArgumentTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)

    @Test(arguments: [("2h", 7200.0), ("30m", 1800), ("7d", 604_800), ("45s", 45), ("1w", 604_800)])
    func durationsCountBackFromNow(text: String, seconds: Double) throws {
        let argument = try #require(TimeArgument(text))
        #expect(argument.date(now: Self.now) == Self.now.addingTimeInterval(-seconds))
    }

    @Test(arguments: [
        ("2026-12-01T09:14:00Z", 1_796_116_440.0), ("2026-12-01T11:14:00+02:00", 1_796_116_440),
        ("2026-12-01T09:14:00.500Z", 1_796_116_440.5), ("2026-12-01", 1_796_083_200),
    ])
    func instantsAreISO8601(text: String, seconds: Double) throws {
        let argument = try #require(TimeArgument(text))
        #expect(argument.date(now: Self.now) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: ["", "h", "2", "-2h", "2.5h", "2y", "yesterday", "2 h", "99999999999999999d"])
    func anythingElseIsRefused(text: String) {
        #expect(TimeArgument(text) == nil)
    }
}
