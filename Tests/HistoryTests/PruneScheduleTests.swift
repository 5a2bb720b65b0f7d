import Foundation
import History
import Testing

struct PruneScheduleTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)

    @Test(
        arguments: [
            (nil, true),  // never pruned
            (-60.0, false),  // a minute ago
            (-86_399, false),  // a second short of a day
            (-86_400, true),  // a day ago
            (-40 * 86_400, true),
            (3600, true),  // in the future: the clock was set back
        ] as [(Double?, Bool)])
    func pruningIsDueOnceADay(lastPruned: Double?, isDue: Bool) {
        let last = lastPruned.map { Self.now.addingTimeInterval($0) }
        #expect(PruneSchedule.isDue(lastPrunedAt: last, now: Self.now) == isDue)
    }
}
