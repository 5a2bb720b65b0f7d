import Foundation
import History
import LinqModel
import Testing

struct RecordPlanTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)

    static func point(_ lat: Double, kind: TrackPoint.Kind = .fix, updatedAt: Date? = nil) -> TrackPoint {
        TrackPoint(
            kind: kind, handle: "+1", coordinate: Coordinate(longitude: 10, latitude: lat), updatedAt: updatedAt,
            recordedAt: now.addingTimeInterval(-60))
    }

    static func poll(_ participants: [Participant]) -> PollRecord {
        PollRecord(chatID: "c", polledAt: now, participants: participants)
    }

    static func participant(_ lat: Double, handle: String = "+1", updatedAt: Date? = nil) -> Participant {
        Participant(handle: handle, coordinate: Coordinate(longitude: 10, latitude: lat), updatedAt: updatedAt)
    }

    @Test func theSameFixIsOnlyTouched() {
        let plan = RecordPlan.plan(for: Self.poll([Self.participant(50)]), last: ["+1": Self.point(50)])
        #expect(plan.inserts.isEmpty && plan.touched == ["+1"])
    }

    @Test func aNewTimeOrPositionIsANewFix() {
        let moved = RecordPlan.plan(for: Self.poll([Self.participant(50.001)]), last: ["+1": Self.point(50)])
        #expect(moved.inserts.map(\.kind) == [.fix] && moved.touched.isEmpty)
        let refreshed = RecordPlan.plan(
            for: Self.poll([Self.participant(50, updatedAt: Self.now)]), last: ["+1": Self.point(50)])
        #expect(refreshed.inserts.first?.updatedAt == Self.now)
        #expect(refreshed.inserts.first?.recordedAt == Self.now)
    }

    @Test func missingSharersStopAndComeBackAsStarted() {
        let stop = RecordPlan.plan(for: Self.poll([]), last: ["+1": Self.point(50)])
        #expect(stop.inserts.map(\.kind) == [.stopped])
        #expect(stop.inserts.first?.coordinate.latitude == 50)
        let stillAway = RecordPlan.plan(for: Self.poll([]), last: ["+1": Self.point(50, kind: .stopped)])
        #expect(stillAway.inserts.isEmpty)
        let back = RecordPlan.plan(
            for: Self.poll([Self.participant(50)]), last: ["+1": Self.point(50, kind: .stopped)])
        #expect(back.inserts.map(\.kind) == [.started])
    }

    @Test func aDuplicateHandleCountsOnce() {
        let plan = RecordPlan.plan(for: Self.poll([Self.participant(1), Self.participant(2)]), last: [:])
        #expect(plan.inserts.map(\.coordinate.latitude) == [1])
    }
}
