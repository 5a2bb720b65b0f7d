import Foundation
import Geo
import History
import LinqModel
import Testing
import TextUI

@testable import MapApp

private typealias F = Fixtures

/// A viewer that records its polls, after one poll of `snapshot` at the start.
private func recordingState(_ snapshot: LocationSnapshot = F.group, width: Int = 120, height: Int = 40) -> AppState {
    var state = AppState(chatID: F.chatID, width: width, height: height)
    state.useHistorySettings(
        trailDuration: .seconds(2 * 3600), units: .km, home: nil, isRecorded: true, timeZone: TimeZone.gmt)
    _ = state.apply(.pollSucceeded(snapshot, now: F.start))
    return state
}

/// Ana `minutes` after the start, `metersNorth` north of her usual spot, her fix taken then.
private func ana(_ minutes: Double, north metersNorth: Double) -> Participant {
    let now = F.at(minutes * 60)
    return F.participant(
        "+14155550101", lat: 37.7749 + metersNorth / 111_195, lon: -122.4194, age: 0, locality: "San Francisco",
        now: now)
}

struct HistoryModeTests {
    @Test func theFirstPollOfARecordedChatAsksForItsPaths() {
        var state = AppState(chatID: F.chatID, width: 120, height: 40)
        state.useHistorySettings(
            trailDuration: .seconds(3600), units: .km, home: nil, isRecorded: true, timeZone: TimeZone.gmt)
        let first = state.apply(.pollSucceeded(F.group, now: F.start))
        #expect(first.contains(.loadTrails(chat: 0, since: F.at(-3600))))
        let second = state.apply(.pollSucceeded(F.group, now: F.at(60)))
        #expect(!second.contains { if case .loadTrails = $0 { true } else { false } })
    }

    @Test func withoutHistoryNothingIsReadAndStepsSaySo() {
        var state = AppState(chatID: F.chatID, width: 120, height: 40)
        let effects = state.apply(.pollSucceeded(F.group, now: F.start))
        #expect(effects == [.schedulePoll(at: F.at(60), chat: 0)])
        #expect(state.apply(.key(.character("["), now: F.start)) == [])
        #expect(state.notice == .history("no history: recording is off (--no-history)"))
        #expect(!state.isShowingHistory)
    }

    @Test func bracketAsksForTheStepOffTheScreenThread() {
        var state = recordingState()
        #expect(
            state.apply(.key(.character("["), now: F.at(5))) == [.stepHistory(.previousPoll, from: nil, request: 1)])
        // A second press waits for the first answer.
        #expect(state.apply(.key(.character("{"), now: F.at(5))) == [])
        let moment = LocationSnapshot(participants: [F.participant("+14155550101", lat: 40, lon: -100, age: 60)])
        _ = state.apply(
            .historyAnswered(.success(.moment(shownAt: F.at(-600), snapshots: [moment])), request: 1))
        #expect(state.history.shown == ShownMoment(shownAt: F.at(-600), snapshots: [moment]))
        #expect(
            state.apply(.key(.character("}"), now: F.at(6))) == [
                .stepHistory(.hourForward, from: F.at(-600), request: 2)
            ]
        )
    }

    @Test func theMomentShowsThenWhileTheStatusBarStaysLive() {
        var state = recordingState()
        _ = state.apply(.key(.character("["), now: F.at(5)))
        let then = F.participant("+14155550101", lat: 40, lon: -100, age: 60, now: F.at(-1500))
        _ = state.apply(
            .historyAnswered(
                .success(.moment(shownAt: F.at(-1500), snapshots: [LocationSnapshot(participants: [then])])),
                request: 1))
        let (shown, shownNow) = state.shown(now: F.at(0))
        #expect(shownNow == F.at(-1500))
        #expect(shown.participants.map(\.handle) == ["+14155550101"])
        #expect(shown.participants.first?.label == "1")
        #expect(shown.participants.first?.position == LatLon(lat: 40, lon: -100))
        #expect(SidePanel(state: shown, now: shownNow).rows.first?.staleness.text == "1m ago")
        let bar = StatusBar(state: state, now: F.at(0), isInteractive: true)
        #expect(bar.items.contains { $0.text == "history 07:35 (25m ago) · End: live" })
        // Polling goes on: a poll is taken in, the moment stays on screen.
        _ = state.apply(.pollSucceeded(F.group, now: F.at(60)))
        #expect(state.isShowingHistory)
        #expect(state.participants.count == 5)
    }

    @Test func followingFollowsThroughTheMomentShown() {
        var state = recordingState()
        _ = state.apply(.key(.character("c"), now: F.at(1)))
        _ = state.apply(.key(.character("["), now: F.at(5)))
        let then = F.participant("+14155550101", lat: 40, lon: -100, age: 60, now: F.at(-600))
        _ = state.apply(
            .historyAnswered(
                .success(.moment(shownAt: F.at(-600), snapshots: [LocationSnapshot(participants: [then])])),
                request: 1))
        #expect(state.shown(now: F.at(6)).state.viewport.center == LatLon(lat: 40, lon: -100))
        #expect(state.viewport.center != LatLon(lat: 40, lon: -100))
    }

    @Test func endReturnsLiveAndDropsALateAnswer() {
        var state = recordingState()
        _ = state.apply(.key(.character("["), now: F.at(5)))
        #expect(state.apply(.key(.end, now: F.at(6))) == [])
        _ = state.apply(
            .historyAnswered(.success(.moment(shownAt: F.at(-600), snapshots: [F.group])), request: 1))
        #expect(!state.isShowingHistory)
        #expect(state.shown(now: F.at(7)).now == F.at(7))
    }

    @Test func forwardPastTheLastPollIsLiveAndNothingEarlierIsANotice() {
        var state = recordingState()
        _ = state.apply(.key(.character("["), now: F.at(5)))
        _ = state.apply(.historyAnswered(.success(.moment(shownAt: F.at(-5), snapshots: [F.group])), request: 1))
        _ = state.apply(.key(.character("]"), now: F.at(6)))
        _ = state.apply(.historyAnswered(.success(.live), request: 2))
        #expect(!state.isShowingHistory)
        _ = state.apply(.key(.character("["), now: F.at(7)))
        _ = state.apply(.historyAnswered(.success(.nothingEarlier), request: 3))
        #expect(state.notice == .history("no earlier poll recorded"))
        _ = state.apply(.key(.character("["), now: F.at(8)))
        _ = state.apply(.historyAnswered(.failure(.locked(path: "/h.sqlite")), request: 4))
        #expect(state.notice == .history(HistoryError.locked(path: "/h.sqlite").message))
    }
}

struct TrailStateTests {
    @Test func tTogglesTrailsAndPathsGrowWithEachMove() {
        var state = recordingState(LocationSnapshot(participants: [ana(0, north: 0)]))
        #expect(!state.history.showsTrails)
        _ = state.apply(.key(.character("t"), now: F.start))
        #expect(state.history.showsTrails)
        for minute in 1...3 {
            _ = state.apply(
                .pollSucceeded(
                    LocationSnapshot(participants: [ana(Double(minute), north: Double(minute) * 300)]),
                    now: F.at(Double(minute) * 60)))
        }
        // An unchanged poll adds nothing.
        _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [ana(3, north: 900)]), now: F.at(200)))
        #expect(state.history.paths["+14155550101"]?.count == 4)
        #expect(state.movementText(of: "+14155550101", now: F.at(200)) == "moved 900 m in 3m")
        #expect(state.mapOverlays(now: F.at(200)).trails.map { $0.runs.map(\.count) } == [[4]])
        _ = state.apply(.key(.character("t"), now: F.at(201)))
        #expect(state.mapOverlays(now: F.at(201)).trails.isEmpty)
    }

    @Test func loadedPathsComeBeforeThePollsOfThisRun() {
        var state = recordingState(LocationSnapshot(participants: [ana(0, north: 0)]))
        let recorded = Trail(
            handle: "+14155550101",
            points: [
                TrailPoint(position: LatLon(lat: 37.70, lon: -122.4194), time: F.at(-3000)),
                TrailPoint(position: LatLon(lat: 37.7749, lon: -122.4194), time: F.start),
            ])
        _ = state.apply(.trailsLoaded([recorded], chat: 0))
        #expect(state.history.paths["+14155550101"]?.map(\.time) == [F.at(-3000), F.start])
        #expect(state.movementText(of: "+14155550101", now: F.at(600)) == "here since 08:00")
    }

    @Test func fixesOlderThanTheTrailAreCutButOneBeforeIt() {
        var state = recordingState(LocationSnapshot(participants: [ana(0, north: 0)]))
        for minute in stride(from: 30, through: 180, by: 30) {
            _ = state.apply(
                .pollSucceeded(
                    LocationSnapshot(participants: [ana(Double(minute), north: Double(minute) * 10)]),
                    now: F.at(Double(minute) * 60)))
        }
        // Two hours back from 180 minutes is 60: the fix at 60 is kept as the one before the window.
        #expect(state.history.paths["+14155550101"]?.first?.time == F.at(60 * 60))
    }

    @Test func aRestartStartsANewRunAndGapsOverAnHourAreNotJoined() {
        var state = recordingState(LocationSnapshot(participants: [ana(0, north: 0), F.bo]))
        _ = state.apply(.key(.character("t"), now: F.start))
        _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [F.bo]), now: F.at(60)))
        _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [ana(2, north: 500), F.bo]), now: F.at(120)))
        _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [ana(75, north: 900), F.bo]), now: F.at(4500)))
        let runs = state.mapOverlays(now: F.at(4500)).trails.first?.runs.map(\.count)
        #expect(runs == [1, 1, 1])
    }
}

struct DistanceTests {
    static let london = F.participant("+442075550113", lat: 51.5074, lon: -0.1278, locality: "London")
    static let newYork = F.participant("+12125550112", lat: 40.7128, lon: -74.0060, locality: "New York")

    @Test func everyOtherRowShowsDistanceAndBearingFromTheSelected() {
        let state = recordingState(LocationSnapshot(participants: [Self.london, Self.newYork]))
        let rows = SidePanel(state: state, now: F.start).rows
        #expect(rows[0].distance == nil)
        #expect(rows[1].distance == "5,570 km W")
        var buffer = CellBuffer(width: 40, height: 4)
        SidePanel(state: state, now: F.start).render(in: buffer.bounds, into: &buffer, ascii: false)
        #expect(buffer.text.split(separator: "\n")[3] == "  New York                    5,570 km W")
    }

    @Test func milesAndHomeWhenNobodyIsSelected() {
        var state = AppState(chatID: F.chatID, width: 120, height: 40)
        state.useHistorySettings(
            trailDuration: .seconds(7200), units: .mi, home: LatLon(lat: 51.5074, lon: -0.1278), isRecorded: false,
            timeZone: TimeZone.gmt)
        _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [Self.newYork]), now: F.start))
        state.selectedHandle = nil
        #expect(SidePanel(state: state, now: F.start).rows[0].distance == "3,461 mi W")
        let near = F.participant("+1", lat: 51.5074 + 0.0216, lon: -0.1278 + 0.0346)
        #expect(
            state.distanceText(
                to: TrackedParticipant(label: "2", participant: near, isSharing: true, lastListedAt: F.start))
                == "2.1 mi NE")
    }

    @Test func aRowOfSomeoneWhoStoppedSharingKeepsItsWholeLine() {
        var state = recordingState(LocationSnapshot(participants: [Self.london, Self.newYork]))
        _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [Self.london]), now: F.at(60)))
        let rows = SidePanel(state: state, now: F.at(60)).rows
        #expect(rows[1].distance == nil)
        #expect(rows[1].detail == "stopped sharing, last seen 1m ago")
    }

    @Test func aTextFrameMeasuresFromHomeOnly() {
        var state = recordingState(LocationSnapshot(participants: [Self.london, Self.newYork]))
        state.isTextFrame = true
        #expect(SidePanel(state: state, now: F.start).rows.allSatisfy { $0.distance == nil })
    }

    @Test func aTextFrameWithHomeMarksItAndMeasuresFromIt() {
        let frame = ViewerFrame.textFrame(
            chats: [(F.chatID, LocationSnapshot(participants: [Self.newYork]))], now: F.start, width: 120, height: 40,
            composer: MapComposer(), home: LatLon(lat: 40.6782, lon: -73.9442), units: .mi)
        let text = frame.text
        #expect(text.contains("⌂"))
        #expect(text.contains("4.0 mi NW"))
        #expect(text.contains(" mi / "))
    }

    @Test func theScaleBarPutsTheChosenUnitFirst() {
        let projection = Projection(
            viewport: Viewport(center: LatLon(lat: 0, lon: 0), zoom: 3), size: CellSize(width: 80, height: 24))
        let metric = MapComposer.scaleBar(for: projection)
        let imperial = MapComposer.scaleBar(for: projection, units: .mi)
        #expect(metric?.text.hasSuffix(" mi") == true)
        #expect(metric?.text.contains(" km / ") == true)
        #expect(imperial?.text.contains(" mi / ") == true)
        #expect(imperial?.text.hasSuffix(" km") == true)
    }
}

struct PrivacyModeTrailTests {
    @Test func trailsHomeAndDistancesUseTheRoundedPositions() {
        var state = AppState(chatID: F.chatID, width: 120, height: 40)
        let home = LatLon(lat: 37.77, lon: -122.40)
        state.useHistorySettings(
            trailDuration: .seconds(2 * 3600), units: .km, home: home, isRecorded: true, timeZone: TimeZone.gmt)
        _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [ana(0, north: 0)]), now: F.start))
        _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [ana(3, north: 333)]), now: F.at(180)))
        _ = state.apply(.key(.character("t"), now: F.at(181)))
        state.isRedacted = true
        let overlays = state.mapOverlays(now: F.at(181))
        #expect(overlays.home == Redaction.position(home))
        let points = overlays.trails.flatMap { $0.runs.flatMap { $0 } }
        #expect(!points.isEmpty)
        #expect(points.allSatisfy { $0 == Redaction.position($0) }, "every trail point rounded")
    }
}
