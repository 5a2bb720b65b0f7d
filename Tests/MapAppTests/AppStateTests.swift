import Foundation
import Geo
import LinqModel
import MapApp
import Testing
import TextUI

private typealias F = Fixtures

/// A state that has seen the group chat once, at `Fixtures.start`.
private func loaded(width: Int = 120, height: Int = 40) -> AppState {
    var state = AppState(chatID: F.chatID, width: width, height: height)
    _ = state.apply(.pollStarted(now: F.start))
    _ = state.apply(.pollSucceeded(F.group, now: F.start))
    return state
}

private func press(_ state: inout AppState, _ keys: Key..., at seconds: Double = 1) -> [Effect] {
    keys.flatMap { state.apply(.key($0, now: F.at(seconds))) }
}

private func press(_ state: inout AppState, _ text: String, at seconds: Double = 1) -> [Effect] {
    text.flatMap { state.apply(.key(.character($0), now: F.at(seconds))) }
}

@Test func firstSnapshotLabelsInOrderSelectsFirstAndFitsEveryone() {
    let state = loaded()
    #expect(state.participants.map(\.label) == ["1", "2", "3", "4", "5"])
    #expect(state.selected?.handle == F.ana.handle)
    #expect(state.sharingCount == 5)
    #expect(
        state.viewport
            == Viewport.fitting(
                F.group.participants.map {
                    LatLon(lat: $0.coordinate.latitude, lon: $0.coordinate.longitude)
                }, size: state.mapSize))
    #expect(!state.hasUserMovedView)
    #expect(state.poll.nextPollAt == F.at(60))
    #expect(state.poll.lastSuccessAt == F.start)
}

@Test func tabAndNCycleForwardBackTabAndPBackwardWrapping() {
    var state = loaded()
    _ = press(&state, .tab)
    #expect(state.selected?.label == "2")
    _ = press(&state, "nnn")
    #expect(state.selected?.label == "5")
    _ = press(&state, .tab)
    #expect(state.selected?.label == "1")
    _ = press(&state, .backTab)
    #expect(state.selected?.label == "5")
    _ = press(&state, "p")
    #expect(state.selected?.label == "4")
}

@Test func digitsAndGThenLabelJump() {
    var state = loaded()
    _ = press(&state, "3")
    #expect(state.selected?.label == "3")
    _ = press(&state, "g5")
    #expect(state.selected?.label == "5")
    #expect(!state.isAwaitingLabel)
    _ = press(&state, "gq")
    #expect(state.selected?.label == "5", "an unknown label after g is ignored, and q is not a quit there")
    _ = press(&state, "9")
    #expect(state.selected?.label == "5")
}

@Test func gJumpsToLettersPastNine() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    let many = (0..<12).map { F.participant("+1555000\($0)", lat: Double($0), lon: Double($0)) }
    _ = state.apply(.pollSucceeded(LocationSnapshot(participants: many), now: F.start))
    _ = press(&state, "gb")
    #expect(state.selected?.handle == "+155500010")
    _ = press(&state, "gC")
    #expect(state.selected?.handle == "+155500011")
}

@Test func labelsPast35AreStarsAndCannotBeJumpedTo() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    let many = (0..<40).map { F.participant("user\($0)@example.com", lat: 0, lon: Double($0)) }
    _ = state.apply(.pollSucceeded(LocationSnapshot(participants: many), now: F.start))
    #expect(String(state.participants.map(\.label)) == "123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*****")
    _ = press(&state, "g*")
    #expect(state.selected?.label == "1")
}

@Test func helpOverlayClosesOnAnyKeyAndDoesNothingElse() {
    var state = loaded()
    _ = press(&state, "?")
    #expect(state.isHelpShown)
    #expect(press(&state, "q").isEmpty)
    #expect(!state.isHelpShown)
    _ = press(&state, "?")
    _ = press(&state, .tab)
    #expect(state.selected?.label == "1")
    #expect(press(&state, "q") == [.quit(.success, message: nil)])
}

@Test(arguments: [SIGINT, SIGTERM, SIGHUP])
func signalsQuitWithShellStatus(signal: Int32) {
    var state = loaded()
    #expect(state.apply(.signal(signal)) == [.quit(.signal(signal), message: nil)])
}

@Test func controlKeysRedrawAndSuspend() {
    var state = loaded()
    #expect(press(&state, .control("l")) == [.redrawAll])
    #expect(press(&state, .control("z")) == [.suspend])
    #expect(state.apply(.signal(SIGTSTP)) == [.suspend])
}

@Test func continueAfterAStopTakesTheTerminalBack() {
    var state = loaded()
    #expect(state.apply(.signal(SIGCONT)) == [.reclaimTerminal])
}

@Test func viewKeysMoveTheViewAndStopAutoFit() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [F.ana, F.bo]), now: F.start))
    let fitted = state.viewport
    #expect(fitted.zoom >= 1)
    _ = press(&state, "+")
    #expect(state.viewport.zoom == fitted.zoom + 1)
    #expect(state.hasUserMovedView)
    _ = press(&state, "--")
    #expect(state.viewport.zoom == fitted.zoom - 1)
    let before = state.viewport
    _ = press(&state, "l")
    #expect(state.viewport.center.lon > before.center.lon)
    _ = press(&state, "h")
    _ = press(&state, .left)
    #expect(state.viewport.center.lon < before.center.lon)
    _ = press(&state, "w")
    #expect(state.viewport == .world)
    _ = press(&state, "+++c")
    #expect(abs(state.viewport.center.lon - F.ana.latLon.lon) < 1e-9)
    #expect(abs(state.viewport.center.lat - F.ana.latLon.lat) < 1e-9)
    _ = press(&state, "f")
    #expect(state.viewport == fitted)
    #expect(!state.hasUserMovedView)
}

@Test func northAndSouthPanLatitude() {
    var state = loaded()
    _ = press(&state, "w++")
    let before = state.viewport.center.lat
    _ = press(&state, "k")
    #expect(state.viewport.center.lat > before)
    _ = press(&state, .down)
    _ = press(&state, "j")
    #expect(state.viewport.center.lat < before)
}

@Test func panelToggle() {
    var state = loaded()
    #expect(state.layout.panel != nil)
    _ = press(&state, "s")
    #expect(state.layout.panel == nil)
    _ = state.apply(.resized(width: 60, height: 20))
    #expect(state.layout.panel == nil)
    _ = press(&state, "s")
    #expect(state.layout.isPanelOverlay)
    _ = press(&state, "s")
    #expect(state.layout.panel == nil)
}

@Test func crossingEightyColumnsGoesBackToThatWidthsPanel() {
    var state = loaded()
    _ = state.apply(.resized(width: 60, height: 20))
    _ = press(&state, "s")
    #expect(state.layout.isPanelOverlay)
    _ = state.apply(.resized(width: 120, height: 40))
    #expect(state.layout.panel != nil && !state.layout.isPanelOverlay)
    _ = press(&state, "s")
    _ = state.apply(.resized(width: 70, height: 24))
    #expect(state.layout.panel == nil)
}

@Test func missingParticipantStaysDimmedAndGetsItsLabelBack() {
    var state = loaded()
    let withoutBo = LocationSnapshot(participants: [F.ana, F.chen, F.dara, F.eli])
    _ = state.apply(.pollSucceeded(withoutBo, now: F.at(60)))
    let bo = state.participants.first { $0.handle == F.bo.handle }
    #expect(bo?.isSharing == false)
    #expect(bo?.label == "2")
    #expect(bo?.lastListedAt == F.start)
    #expect(state.sharingCount == 4)
    let newcomer = F.participant("new@example.com", lat: 1, lon: 1)
    _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [newcomer, F.bo]), now: F.at(120)))
    #expect(state.participants.map(\.label) == ["1", "2", "3", "4", "5", "6"])
    #expect(state.participants[1].isSharing)
    #expect(state.participants[5].handle == "new@example.com")
    #expect(state.participants.filter(\.isSharing).map(\.label) == ["2", "6"])
}

@Test func firstFetchUnauthorizedOrNotFoundEndsTheViewer() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    _ = state.apply(.pollStarted(now: F.start))
    #expect(
        state.apply(.pollFailed(F.unauthorized, now: F.start))
            == [.quit(.noPermission, message: F.unauthorized.message)])
    var other = AppState(chatID: F.chatID, width: 120, height: 40)
    #expect(other.apply(.pollFailed(F.notFound, now: F.start)) == [.quit(.noInput, message: F.notFound.message)])
}

@Test func firstFetchUnavailableKeepsRunningAndBacksOff() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    #expect(state.apply(.pollFailed(F.serverDown, now: F.start)) == [.schedulePoll(at: F.at(120))])
    #expect(state.poll.lastError == F.serverDown)
    #expect(state.poll.nextPollAt == F.at(120))
}

@Test func laterUnauthorizedShowsInStatusAndBacksOff() {
    var state = loaded()
    _ = state.apply(.pollStarted(now: F.at(60)))
    #expect(state.apply(.pollFailed(F.unauthorized, now: F.at(60))) == [.schedulePoll(at: F.at(180))])
    #expect(state.poll.lastError == F.unauthorized)
    #expect(state.poll.consecutiveFailures == 1)
    #expect(state.poll.nextPollAt == F.at(180))
    _ = state.apply(.pollFailed(F.unauthorized, now: F.at(180)))
    #expect(state.poll.nextPollAt == F.at(420))
    #expect(state.participants.count == 5, "the last good positions stay")
    #expect(state.sharingCount == 5)
}

@Test func successClearsTheErrorAndResumesTheInterval() {
    var state = loaded()
    _ = state.apply(.pollFailed(F.serverDown, now: F.at(60)))
    _ = state.apply(.pollFailed(F.serverDown, now: F.at(180)))
    #expect(state.poll.consecutiveFailures == 2)
    _ = state.apply(.pollSucceeded(F.group, now: F.at(420)))
    #expect(state.poll.lastError == nil)
    #expect(state.poll.consecutiveFailures == 0)
    #expect(state.poll.nextPollAt == F.at(480))
}

@Test func refreshIsRefusedInsideARetryAfterWindow() {
    var state = loaded()
    _ = state.apply(.pollFailed(F.rateLimited(200), now: F.at(60)))
    #expect(state.poll.retryAllowedAt == F.at(260))
    #expect(state.poll.nextPollAt == F.at(260))
    #expect(press(&state, "r", at: 100).isEmpty)
    #expect(state.notice == .refreshAllowed(at: F.at(260)))
    _ = state.apply(.tick(now: F.at(260)))
    #expect(state.notice == nil)
    #expect(press(&state, "r", at: 261) == [.schedulePoll(at: F.at(261))])
}

@Test func refreshWhileFetchingIsNotASecondRequest() {
    var state = loaded()
    #expect(press(&state, "r", at: 10) == [.schedulePoll(at: F.at(10))])
    _ = state.apply(.pollStarted(now: F.at(10)))
    #expect(press(&state, "r", at: 11).isEmpty)
    #expect(state.notice == .alreadyFetching)
    _ = state.apply(.pollSucceeded(F.group, now: F.at(12)))
    #expect(state.notice == nil)
}

@Test func progressShowsWhileFetching() {
    var state = loaded()
    _ = state.apply(.pollStarted(now: F.at(60)))
    _ = state.apply(.pollProgress(.waiting(before: 2, delay: .seconds(1), reason: "HTTP 503")))
    #expect(state.poll.isFetching)
    #expect(state.poll.progress == .waiting(before: 2, delay: .seconds(1), reason: "HTTP 503"))
    _ = state.apply(.pollSucceeded(F.group, now: F.at(62)))
    #expect(!state.poll.isFetching)
    #expect(state.poll.progress == nil)
}

@Test func laterPollsRefitOnlyWhenSomeoneLeavesTheView() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [F.ana, F.bo]), now: F.start))
    let fitted = state.viewport
    let anaMoved = F.participant(F.ana.handle, lat: 37.8, lon: -122.3)
    _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [anaMoved, F.bo]), now: F.at(60)))
    #expect(state.viewport == fitted, "a small move inside the view keeps it still")
    _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [anaMoved, F.bo, F.dara]), now: F.at(120)))
    #expect(state.viewport != fitted, "someone outside the view re-fits it")
}

@Test func userMovedViewIsNeverRefit() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [F.ana, F.bo]), now: F.start))
    _ = press(&state, "+")
    let chosen = state.viewport
    _ = state.apply(.pollSucceeded(F.group, now: F.at(60)))
    #expect(state.viewport == chosen)
}

@Test func centerAndZoomFromOptionsAreKept() {
    let chosen = Viewport(center: LatLon(lat: 48.85, lon: 2.35), zoom: 6)
    var state = AppState(chatID: F.chatID, width: 120, height: 40, initialView: .center(chosen.center, zoom: 6))
    #expect(state.viewport == chosen)
    _ = state.apply(.pollSucceeded(F.group, now: F.start))
    #expect(state.viewport == chosen)
    _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [F.ana]), now: F.at(60)))
    #expect(state.viewport == chosen)
}

@Test func zoomAloneCentresOnTheParticipants() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40, initialView: .zoom(4))
    _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [F.ana, F.bo]), now: F.start))
    var fitted = AppState(chatID: F.chatID, width: 120, height: 40)
    _ = fitted.apply(.pollSucceeded(LocationSnapshot(participants: [F.ana, F.bo]), now: F.start))
    #expect(state.viewport.zoom == 4)
    #expect(state.viewport.center.lon == fitted.viewport.center.lon)
    #expect(state.hasUserMovedView)
}

@Test func centerAloneTakesTheFittingZoom() {
    let paris = LatLon(lat: 48.85, lon: 2.35)
    var state = AppState(chatID: F.chatID, width: 120, height: 40, initialView: .center(paris, zoom: nil))
    _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [F.ana, F.bo]), now: F.start))
    #expect(abs(state.viewport.center.lon - paris.lon) < 1e-9)
    #expect(state.viewport.center.lat == paris.lat)
    #expect(state.viewport.zoom >= 1)
}

@Test func warningsCountSnapshotWarningsAndFutureTimes() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    let ahead = F.participant("+15550000001", lat: 0, lon: 0, age: -300)
    let slightlyAhead = F.participant("+15550000002", lat: 1, lon: 1, age: -30)
    let snapshot = LocationSnapshot(participants: [ahead, slightlyAhead], warnings: ["feature 3 skipped: no handle"])
    _ = state.apply(.pollSucceeded(snapshot, now: F.start))
    #expect(state.warnings == ["feature 3 skipped: no handle", "+15550000001: updated_at is 5m in the future"])
}

@Test func resizeUpdatesTheLayout() {
    var state = loaded()
    _ = state.apply(.resized(width: 30, height: 8))
    #expect(state.layout.isTooSmall)
    _ = state.apply(.resized(width: 80, height: 24))
    #expect(!state.layout.isTooSmall)
}

@Test func startingSchedulesTheFirstPollAtOnceAndModesAreEnums() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    #expect(state.poll.phase == .notStarted)
    #expect(state.apply(.started(now: F.start)) == [.schedulePoll(at: F.start)])
    _ = state.apply(.pollStarted(now: F.start))
    #expect(state.poll.phase == .fetching(progress: nil, previousError: nil))
    _ = state.apply(.pollFailed(F.rateLimited(200), now: F.start))
    #expect(state.poll.phase == .backingOff(F.rateLimited(200), until: F.at(200), notBefore: F.at(200)))
    _ = state.apply(.pollStarted(now: F.at(200)))
    #expect(state.poll.lastError == F.rateLimited(200), "the error shows while its retry runs")
    _ = state.apply(.pollSucceeded(F.group, now: F.at(201)))
    #expect(state.poll.phase == .idle(until: F.at(261)))
    #expect(state.inputMode == .normal)
    _ = press(&state, "g")
    #expect(state.inputMode == .awaitingLabel)
    _ = press(&state, "1?")
    #expect(state.inputMode == .help)
}
