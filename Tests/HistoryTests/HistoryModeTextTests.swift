import Foundation
import History
import LinqModel
import Testing

struct HistoryModeTextTests {
    static let utc = TimeZone(identifier: "UTC") ?? .current
    static let now = Date(timeIntervalSince1970: 1_796_116_440)  // 2026-12-01T09:14:00Z

    @Test func statusSaysWhenAndHowLongAgoAndHowToLeave() {
        let shown = Self.now.addingTimeInterval(-25 * 60)
        #expect(
            HistoryModeText.status(shownAt: shown, now: Self.now, timeZone: Self.utc)
                == "history 08:49 (25m ago) · End: live")
        let yesterday = Self.now.addingTimeInterval(-26 * 3600)
        #expect(
            HistoryModeText.status(shownAt: yesterday, now: Self.now, timeZone: Self.utc)
                == "history Nov 30 07:14 (26h ago) · End: live")
    }

    @Test func stepsUseThePollsAroundOrAnHour() {
        let shown = Self.now
        let moment = HistoryMoment(
            polledAt: shown, previousPoll: shown.addingTimeInterval(-5), nextPoll: nil,
            snapshot: LocationSnapshot(participants: []))
        #expect(
            HistoryModeText.target(from: moment, shownAt: shown, step: .previousPoll) == shown.addingTimeInterval(-5))
        #expect(HistoryModeText.target(from: moment, shownAt: shown, step: .nextPoll) == nil)
        #expect(
            HistoryModeText.target(from: moment, shownAt: shown, step: .hourBack) == shown.addingTimeInterval(-3600))
        #expect(HistoryModeText.target(from: moment, shownAt: shown, step: .hourForward) == nil)
    }
}
