import Foundation
import Geo
import LinqModel
import MapApp
import Testing
import TextUI

private typealias F = Fixtures

private let composer = MapComposer()

private func loaded(width: Int = 120, height: Int = 40, snapshot: LocationSnapshot = F.group) -> AppState {
    var state = AppState(chatID: F.chatID, width: width, height: height)
    _ = state.apply(.pollStarted(now: F.start))
    _ = state.apply(.pollSucceeded(snapshot, now: F.start))
    return state
}

private func press(_ state: inout AppState, _ text: String, at seconds: Double = 1) {
    for character in text { _ = state.apply(.key(.character(character), now: F.at(seconds))) }
}

private func frameText(_ state: AppState) -> String {
    ViewerFrame.render(state, now: F.at(12), options: FrameOptions(), composer: composer).text
}

private func cell(of handle: String, in state: AppState) -> CellPoint? {
    guard let tracked = state.participants.first(where: { $0.handle == handle }) else { return nil }
    return Projection(viewport: state.viewport, size: state.mapSize, aspect: state.cellAspect).cell(
        for: tracked.position)
}

@Test func panningThereAndBackGivesTheSameFrameCellForCell() {
    var state = loaded()
    press(&state, "++")
    for pair in ["jk", "kj", "hl", "lh"] {
        let before = frameText(state)
        press(&state, pair)
        #expect(frameText(state) == before, "\(pair) is an exact round trip")
    }
}

@Test func zoomKeepsTheSelectedParticipantOnItsCell() {
    var state = loaded()
    press(&state, "2")
    let start = cell(of: F.bo.handle, in: state)
    press(&state, "+")
    #expect(cell(of: F.bo.handle, in: state) == start)
    press(&state, "+")
    #expect(cell(of: F.bo.handle, in: state) == start)
    press(&state, "-")
    #expect(cell(of: F.bo.handle, in: state) == start)
}

@Test func zoomWithTheSelectionOffScreenKeepsTheCentre() {
    var state = loaded()
    press(&state, "2c")  // London, followed and centred
    press(&state, "c")  // stop following
    press(&state, "+++")
    press(&state, "1")  // Ana in San Francisco is off screen: jumping centres on her
    let centre = state.viewport.center
    #expect(abs(centre.lat - F.ana.latLon.lat) < 1e-6)
    press(&state, "llll")  // pan away so Ana is off screen
    let panned = state.viewport.center
    press(&state, "+")
    #expect(abs(state.viewport.center.lon - panned.lon) < 1e-9)
}

@Test func centreInTheWorldViewZoomsFirstSoPlusNeverEndsOverTheGulfOfGuinea() {
    var state = loaded()
    press(&state, "w2c+")
    #expect(state.viewport.zoom >= 2)
    #expect(abs(state.viewport.center.lat - F.bo.latLon.lat) < 1e-6)
    #expect(abs(state.viewport.center.lon - F.bo.latLon.lon) < 1e-6)
}

@Test func centreFollowsUntilAPanFitWorldOrCentreAgain() {
    for stopper in ["j", "f", "w", "c"] {
        var state = loaded()
        press(&state, "2c")
        #expect(state.followed?.handle == F.bo.handle)
        let bar = StatusBar(state: state, now: F.at(2), isInteractive: true).visibleTexts(width: 250)
        #expect(bar.contains("following \(F.bo.handle)"))
        let moved = F.participant(F.bo.handle, lat: 51.52, lon: -0.10)
        _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [F.ana, moved]), now: F.at(60)))
        #expect(abs(state.viewport.center.lat - 51.52) < 1e-6)
        #expect(abs(state.viewport.center.lon - -0.10) < 1e-6)
        press(&state, stopper, at: 61)
        #expect(state.followed == nil, "\(stopper) ends following")
        let later = F.participant(F.bo.handle, lat: 51.60, lon: 0.2)
        let before = state.viewport
        _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [F.ana, later]), now: F.at(120)))
        if stopper != "f" { #expect(state.viewport == before) }
    }
}

@Test func followingKeepsTheZoomAndPlusKeepsFollowing() {
    var state = loaded()
    press(&state, "2c++")
    let zoom = state.viewport.zoom
    #expect(state.followed?.handle == F.bo.handle)
    let moved = F.participant(F.bo.handle, lat: 51.51, lon: -0.12)
    _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [moved]), now: F.at(60)))
    #expect(state.viewport.zoom == zoom)
    #expect(abs(state.viewport.center.lat - 51.51) < 1e-6)
}

@Test func jumpCentresOnlyWhenOffScreen() {
    var state = loaded()
    let fitted = state.viewport
    press(&state, "3")
    #expect(state.selected?.label == "3")
    #expect(state.viewport == fitted, "on screen: select only")
    press(&state, "1c")
    press(&state, "c")
    press(&state, "g3")
    #expect(state.selected?.label == "3")
    #expect(abs(state.viewport.center.lat - F.chen.latLon.lat) < 1e-6, "off screen: centred on Shanghai")
}

@Test func zoomAloneCentresOnTheMiddleOfTheFitView() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40, initialView: .zoom(5))
    let lagos = F.participant("+2348000000001", lat: 6.45, lon: 3.39)
    let accra = F.participant("+2338000000001", lat: 5.6, lon: -0.19)
    _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [lagos, accra]), now: F.start))
    let fitted = Viewport.fitting([lagos.latLon, accra.latLon], size: state.mapSize)
    #expect(state.viewport.zoom == 5)
    #expect(abs(state.viewport.center.lon - fitted.center.lon) < 1e-9)
    #expect(abs(state.viewport.center.lat - fitted.center.lat) < 1e-9)
}

@Test func statusBarWaitsForTheFirstUpdateAndKeepsHelpBesideAnError() {
    var state = AppState(chatID: F.chatID, width: 40, height: 12)
    _ = state.apply(.pollStarted(now: F.start))
    let waiting = StatusBar(state: state, now: F.start, isInteractive: true).visibleTexts(width: 200)
    #expect(waiting.contains("waiting for the first update"))
    #expect(!waiting.contains("0 sharing"))
    _ = state.apply(.pollSucceeded(F.group, now: F.start))
    _ = state.apply(.pollFailed(F.serverDown, now: F.at(5)))
    let narrow = StatusBar(state: state, now: F.at(6), isInteractive: true).visibleTexts(width: 40)
    #expect(narrow.last == "? help", "an error never pushes out ? help")
}

@Test func theAgeFieldHasAFixedWidth() {
    #expect(StatusBar.ageField(0) == "just now")
    #expect(StatusBar.ageField(11) == "11s ago ")
    #expect(displayWidth(of: StatusBar.ageField(11)) == displayWidth(of: StatusBar.ageField(0)))
}

@Test func capitalWOpensTheWarningsAndTheCountIsWhatItShows() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    let warnings = ["feature 3: coordinates missing, skipped", "feature 5: duplicate handle +1555", "a third"]
    _ = state.apply(
        .pollSucceeded(LocationSnapshot(participants: F.group.participants, warnings: warnings), now: F.start))
    let bar = StatusBar(state: state, now: F.at(1), isInteractive: true).visibleTexts(width: 250)
    #expect(bar.contains("\(state.warnings.count) warnings"))
    press(&state, "W")
    #expect(state.inputMode == .warnings)
    let text = frameText(state)
    #expect(text.contains("\(state.warnings.count) warnings"))
    for warning in state.warnings { #expect(text.contains(warning)) }
    press(&state, "x")
    #expect(state.inputMode == .normal)
    #expect(state.viewport == loaded().viewport, "the closing key does nothing else")
}

@Test func slashSearchesHandlesAndPlacesEnterJumpsEscCancels() {
    var state = loaded()
    press(&state, "+++")
    _ = state.apply(.key(.character("/"), now: F.at(1)))
    press(&state, "sao")
    #expect(state.inputMode == .search("sao"))
    #expect(state.matches(for: "sao").map(\.handle) == [F.eli.handle], "accents and case are ignored")
    let bar = StatusBar(state: state, now: F.at(1), isInteractive: true).visibleTexts(width: 250)
    #expect(bar.contains { $0.hasPrefix("/sao (1 match)") })
    _ = state.apply(.key(.enter, now: F.at(1)))
    #expect(state.inputMode == .normal)
    #expect(state.selected?.handle == F.eli.handle)
    #expect(abs(state.viewport.center.lat - F.eli.latLon.lat) < 1e-6, "off screen: centred")
    _ = state.apply(.key(.character("/"), now: F.at(2)))
    press(&state, "lond", at: 2)
    _ = state.apply(.key(.backspace, now: F.at(2)))
    #expect(state.inputMode == .search("lon"))
    _ = state.apply(.key(.escape, now: F.at(2)))
    #expect(state.inputMode == .normal)
    #expect(state.selected?.handle == F.eli.handle, "Esc cancels")
    _ = state.apply(.key(.character("/"), now: F.at(3)))
    press(&state, "qqq", at: 3)
    _ = state.apply(.key(.enter, now: F.at(3)))
    #expect(state.notice == .noMatch("qqq"))
}

@Test func yCopiesTheSelectedPositionAndSaysSo() {
    var state = loaded()
    let effects = state.apply(.key(.character("y"), now: F.at(1)))
    #expect(effects == [.copyToClipboard("37.7749,-122.4194")])
    let bar = StatusBar(state: state, now: F.at(1), isInteractive: true).visibleTexts(width: 250)
    #expect(bar.contains("copied 37.7749,-122.4194"))
    press(&state, "n", at: 2)
    #expect(state.notice == nil, "the note goes with the next key")
}

private func click(_ state: inout AppState, _ kind: MouseEvent.Kind, x: Int, y: Int) {
    _ = state.apply(.mouse(MouseEvent(kind, x: x, y: y), now: F.at(1)))
}

@Test func theWheelZoomsAboutThePointer() {
    var state = loaded()
    let pointer = CellPoint(x: 20, y: 10)
    let place = Projection(viewport: state.viewport, size: state.mapSize).position(of: pointer)
    let zoom = state.viewport.zoom
    click(&state, .wheelUp, x: 20, y: 10)
    #expect(state.viewport.zoom == zoom + 1)
    #expect(Projection(viewport: state.viewport, size: state.mapSize).cell(for: place) == pointer)
    click(&state, .wheelDown, x: 20, y: 10)
    #expect(state.viewport.zoom == zoom)
}

@Test func aClickOnAMarkerOrAPanelRowSelects() {
    var state = loaded()
    let chen = try? #require(cell(of: F.chen.handle, in: state))
    if let chen { click(&state, .press, x: chen.x, y: chen.y) }
    #expect(state.selected?.handle == F.chen.handle)
    let content = state.layout.panelContent ?? Rect(x: 0, y: 0, width: 0, height: 0)
    click(&state, .press, x: content.x + 3, y: content.y + 2 * 4 + 1)  // the fifth row's second line
    #expect(state.selected?.handle == F.eli.handle)
}

@Test func aDragPansSoThePointUnderThePointerFollowsIt() {
    var state = loaded()
    press(&state, "+++")
    let before = state.viewport
    let grabbed = Projection(viewport: before, size: state.mapSize).position(of: CellPoint(x: 30, y: 12))
    click(&state, .press, x: 30, y: 12)
    click(&state, .drag, x: 36, y: 14)
    click(&state, .release, x: 36, y: 14)
    #expect(state.viewport.zoom == before.zoom)
    #expect(state.viewport.standardParallel == before.standardParallel, "a drag is a translation")
    #expect(Projection(viewport: state.viewport, size: state.mapSize).cell(for: grabbed) == CellPoint(x: 36, y: 14))
    let dropped = state.viewport
    click(&state, .drag, x: 50, y: 20)
    #expect(state.viewport == dropped, "after the release a motion pans nothing")
}

@Test func zoomAloneCentresOnTheMiddleOfTheBoxEvenWhenTheFitIsTheWorld() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40, initialView: .zoom(3))
    let lagos = F.participant("+2348000000001", lat: 6.45, lon: 3.39)
    let oslo = F.participant("+4790000000", lat: 59.91, lon: 10.75)
    let auckland = F.participant("+6490000000", lat: -36.85, lon: 174.76)
    _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [lagos, oslo, auckland]), now: F.start))
    let centre = Viewport.fitCentre([lagos.latLon, oslo.latLon, auckland.latLon])
    #expect(abs(state.viewport.center.lon - (centre?.lon ?? .nan)) < 1e-9)
    #expect(state.viewport.zoom == 3)
}
