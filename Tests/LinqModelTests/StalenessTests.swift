import Foundation
import LinqModel
import Testing

private let now = Date(timeIntervalSince1970: 1_800_000_000)

@Test(
    arguments: [
        (0.0, "just now", AgeClass.fresh),
        (9.999, "just now", .fresh),
        (10, "10s ago", .fresh),
        (42.9, "42s ago", .fresh),
        (59.99, "59s ago", .fresh),
        (60, "1m ago", .fresh),
        (119.9, "1m ago", .fresh),
        (120, "2m ago", .recent),
        (5 * 60 + 59, "5m ago", .recent),
        (899, "14m ago", .recent),
        (900, "15m ago", .old),
        (3599, "59m ago", .old),
        (3600, "1h ago", .old),
        (3 * 3600 + 3599, "3h ago", .old),
        (48 * 3600 - 1, "47h ago", .old),
        (48 * 3600, "2d ago", .old),
        (3 * 86400 - 1, "2d ago", .old),
        (400 * 86400, "400d ago", .old),
        (-30, "just now", .fresh),
        (-60, "just now", .fresh),
        (-61, "clock ahead", .unknown),
        (-3600, "clock ahead", .unknown),
    ] as [(TimeInterval, String, AgeClass)]
)
func stalenessTextAndClassRoundDown(age: TimeInterval, text: String, ageClass: AgeClass) {
    let staleness = Staleness(updatedAt: now.addingTimeInterval(-age), now: now)
    #expect(staleness.text == text)
    #expect(staleness.ageClass == ageClass)
}

@Test func missingTimeIsUnknown() {
    #expect(
        Staleness(updatedAt: nil, now: now) == Staleness(text: "unknown", ageClass: .unknown, isTooFarInFuture: false))
}

@Test(arguments: [(-59.0, false), (-60, false), (-60.5, true), (-86400, true), (30, false)])
func futureTimesPastToleranceAreFlagged(age: TimeInterval, flagged: Bool) {
    #expect(Staleness(updatedAt: now.addingTimeInterval(-age), now: now).isTooFarInFuture == flagged)
}

@Test func nonFiniteAgeSaysJustNowRatherThanCrashing() {
    #expect(Staleness.text(forAge: .infinity) == "just now")
    #expect(Staleness.text(forAge: .nan) == "just now")
    #expect(Staleness.ageClass(forAge: .nan) == .unknown)
}

@Test func aYear9999TimeIsClockAheadAndWarnedOnce() throws {
    let year9999 = try #require(TimestampReading("9999-12-31T23:59:59Z").date)
    #expect(Staleness(updatedAt: year9999, now: now).text == "clock ahead")
    #expect(Staleness(updatedAt: year9999, now: now).ageClass == .unknown)
    let snapshot = LocationSnapshot(
        participants: [
            Participant(handle: "ahead", coordinate: Coordinate(longitude: 0, latitude: 0), updatedAt: year9999),
            Participant(handle: "fine", coordinate: Coordinate(longitude: 0, latitude: 0), updatedAt: now),
        ],
        warnings: ["from the decoder"])
    let warnings = snapshot.warnings(at: now)
    #expect(warnings.count == 2)
    #expect(warnings[0] == "from the decoder")
    #expect(warnings[1].hasPrefix("ahead: updated_at is "))
    #expect(warnings[1].hasSuffix(" in the future"))
}

@Test func clockSkewWithinToleranceIsNotAWarning() {
    let snapshot = LocationSnapshot(participants: [
        Participant(
            handle: "skewed", coordinate: Coordinate(longitude: 0, latitude: 0), updatedAt: now.addingTimeInterval(59))
    ])
    #expect(snapshot.warnings(at: now).isEmpty)
}
