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
        (-3600, "just now", .fresh),
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
