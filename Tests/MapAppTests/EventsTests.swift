import Contacts
import Foundation
import Geo
import History
import LinqModel
import Testing
import TextUI

@testable import MapApp

private typealias F = Fixtures

private let chat = "7e1a5c00-0b1d-4c2e-9f3a-0000000000ee"
private let home = NamedPlace(name: "home", center: LatLon(lat: 40, lon: -74), radiusMeters: 100)

/// Ana `metres` north of home's centre, her fix taken `age` seconds before `at`.
private func ana(_ metres: Double, at seconds: Double, age: TimeInterval = 5) -> Participant {
    F.participant("+14155550101", lat: 40 + metres / 111_195, lon: -74, age: age, now: F.at(seconds))
}

private func bo(at seconds: Double) -> Participant {
    F.participant("bo@example.com", lat: 51.5, lon: -0.12, age: 5, now: F.at(seconds))
}

private func watching(_ settings: EventSettings = EventSettings(places: [home])) -> AppState {
    var state = AppState(chatID: chat, width: 120, height: 40)
    state.useEvents(settings)
    _ = state.apply(.started(now: F.start))
    return state
}

/// The events a poll listing `participants` at `seconds` finds.
private func poll(_ state: inout AppState, _ participants: [Participant], at seconds: Double) -> [ChatEvent] {
    events(in: state.apply(.pollSucceeded(LocationSnapshot(participants: participants), now: F.at(seconds))))
}

private func events(in effects: [Effect]) -> [ChatEvent] {
    effects.flatMap { effect -> [ChatEvent] in
        if case .recordEvents(let events) = effect { return events }
        return []
    }
}

private func summaries(_ events: [ChatEvent]) -> [String] { events.map(\.summary) }

@Test func theFirstPollIsABaselineExceptForWhoIsInAPlace() {
    var state = watching()
    // Bo's fix is hours old and both share: nothing happened, the viewer just started; Ana is home.
    let old = F.participant("bo@example.com", lat: 51.5, lon: -0.12, age: 4 * 3600, now: F.at(0))
    #expect(summaries(poll(&state, [ana(50, at: 0), old], at: 0)) == ["+14155550101 arrived home"])
    #expect(poll(&state, [ana(60, at: 60), old], at: 60).isEmpty)
}

@Test func someoneWhoStartsSharingInsideAPlaceArrivesThere() {
    var state = watching()
    _ = poll(&state, [bo(at: 0)], at: 0)
    #expect(
        summaries(poll(&state, [bo(at: 60), ana(20, at: 60)], at: 60)) == [
            "+14155550101 started sharing", "+14155550101 arrived home",
        ])
}

@Test func arrivingAndLeavingUseTwentyPercentOfTheRadiusAsHysteresis() {
    var state = watching()
    #expect(poll(&state, [ana(300, at: 0)], at: 0).isEmpty)
    let arrived = poll(&state, [ana(90, at: 60)], at: 60)
    #expect(summaries(arrived) == ["+14155550101 arrived home"])
    #expect(arrived.first?.place == "home")
    #expect(arrived.first?.time == F.at(60))
    #expect(arrived.first?.chatID == chat)
    #expect(arrived.first?.position.lat == 40 + 90.0 / 111_195)
    // Jitter across the edge, up to 120 m, does not flap.
    #expect(poll(&state, [ana(110, at: 120)], at: 120).isEmpty)
    #expect(poll(&state, [ana(95, at: 180)], at: 180).isEmpty)
    #expect(poll(&state, [ana(119, at: 240)], at: 240).isEmpty)
    #expect(summaries(poll(&state, [ana(130, at: 300)], at: 300)) == ["+14155550101 left home"])
    // Outside again, the same band does not bring her back until she is within the radius.
    #expect(poll(&state, [ana(110, at: 360)], at: 360).isEmpty)
    #expect(summaries(poll(&state, [ana(99, at: 420)], at: 420)) == ["+14155550101 arrived home"])
}

@Test func startingAndStoppingToShareAreEvents() {
    var state = watching()
    _ = poll(&state, [ana(300, at: 0)], at: 0)
    let started = poll(&state, [ana(300, at: 60), bo(at: 60)], at: 60)
    #expect(summaries(started) == ["bo@example.com started sharing"])
    #expect(started.first?.place == nil)
    let stopped = poll(&state, [ana(300, at: 120)], at: 120)
    #expect(summaries(stopped) == ["bo@example.com stopped sharing"])
    #expect(stopped.first?.position == LatLon(lat: 51.5, lon: -0.12))
    // Gone stays gone without repeating; back is `started sharing` again.
    #expect(poll(&state, [ana(300, at: 180)], at: 180).isEmpty)
    #expect(summaries(poll(&state, [ana(300, at: 240), bo(at: 240)], at: 240)) == ["bo@example.com started sharing"])
}

@Test func noNewFixForTheStaleTimeIsStaleAndANewFixIsFreshAgain() {
    var state = watching(EventSettings(places: [home], staleAfter: .seconds(600)))
    _ = poll(&state, [ana(300, at: 0, age: 30)], at: 0)
    // The fix was taken at -30 s: stale from 570 s on, found by the clock tick.
    #expect(events(in: state.apply(.tick(now: F.at(569)))).isEmpty)
    let stale = events(in: state.apply(.tick(now: F.at(570))))
    #expect(summaries(stale) == ["+14155550101 stale"])
    #expect(stale.first?.time == F.at(570))
    #expect(events(in: state.apply(.tick(now: F.at(571)))).isEmpty)
    // The same old fix polled again changes nothing; a new one is fresh again.
    #expect(poll(&state, [ana(300, at: 600, age: 630)], at: 600).isEmpty)
    #expect(summaries(poll(&state, [ana(300, at: 660, age: 10)], at: 660)) == ["+14155550101 fresh again"])
}

@Test func aPollShowingAnOldFixIsStaleAtOnce() {
    var state = watching(EventSettings(staleAfter: .seconds(600)))
    _ = poll(&state, [ana(300, at: 0, age: 5)], at: 0)
    #expect(summaries(poll(&state, [ana(300, at: 60, age: 700)], at: 60)) == ["+14155550101 stale"])
}

@Test func eventsUseTheContactName() {
    var state = watching()
    state.useContacts(ContactBook(contacts: [Contact(name: "Ana Lima", phones: ["+14155550101"])]))
    _ = poll(&state, [ana(300, at: 0)], at: 0)
    let arrived = poll(&state, [ana(50, at: 60)], at: 60)
    #expect(arrived.first?.name == "Ana Lima")
    #expect(arrived.first?.summary == "Ana Lima arrived home")
}

@Test func aRestartInTheMiddleCarriesOnFromTheStoredEvents() {
    // The first run: Ana arrives home, Bo starts sharing.
    var first = watching()
    _ = poll(&first, [ana(300, at: 0)], at: 0)
    let stored = poll(&first, [ana(50, at: 60), bo(at: 60)], at: 60)
    #expect(summaries(stored) == ["+14155550101 arrived home", "bo@example.com started sharing"])

    // The second run keeps events in the database: its first poll waits for them.
    var second = watching(EventSettings(places: [home], restoresFromStore: true))
    #expect(poll(&second, [ana(60, at: 120)], at: 120).isEmpty)
    let restored = events(in: second.apply(.eventsRestored(stored, chats: [chat])))
    // Ana is still home: no second `arrived`; Bo is missing from the waiting poll: he stopped.
    #expect(summaries(restored) == ["bo@example.com stopped sharing"])
    #expect(restored.first?.time == F.at(120))
    #expect(poll(&second, [ana(70, at: 180)], at: 180).isEmpty)
    #expect(summaries(poll(&second, [ana(400, at: 240)], at: 240)) == ["+14155550101 left home"])
}

@Test func aRestartFindsWhoLeftWhileItWasOff() {
    let stored = [
        ChatEvent(
            time: F.at(0), chatID: chat, handle: "+14155550101", kind: .arrived, place: "home",
            position: LatLon(lat: 40, lon: -74))
    ]
    var state = watching(EventSettings(places: [home], restoresFromStore: true))
    #expect(events(in: state.apply(.eventsRestored(stored, chats: [chat]))).isEmpty)
    #expect(summaries(poll(&state, [ana(500, at: 600)], at: 600)) == ["+14155550101 left home"])
}

@Test func bellNotificationsAndHooksFollowTheSettings() {
    var settings = EventSettings(places: [home], ringsBell: true, notifies: true, runsHooks: true)
    settings.notifiedKinds = [.arrived]
    var state = watching(settings)
    _ = poll(&state, [ana(300, at: 0)], at: 0)
    let effects = state.apply(
        .pollSucceeded(LocationSnapshot(participants: [ana(50, at: 60), bo(at: 60)]), now: F.at(60)))
    let found = events(in: effects)
    #expect(found.count == 2)
    #expect(effects.filter { $0 == .ringBell }.count == 1)
    #expect(effects.contains(.notify(title: "linq-map", body: "+14155550101 arrived home")))
    #expect(!effects.contains { if case .notify(_, let body) = $0 { body.contains("bo@") } else { false } })
    #expect(effects.filter { if case .runHook = $0 { true } else { false } } == found.map(Effect.runHook))
}

@Test func nothingIsAnnouncedByDefault() {
    var state = watching()
    _ = poll(&state, [ana(300, at: 0)], at: 0)
    let effects = state.apply(.pollSucceeded(LocationSnapshot(participants: [ana(50, at: 60)]), now: F.at(60)))
    #expect(effects.filter { if case .schedulePoll = $0 { false } else { true } }.count == 1)
}

@Test func theLogKeepsTheLast200NewestFirstAndTheStatusBarShowsTheNewestForTenSeconds() {
    var state = watching()
    _ = poll(&state, [ana(300, at: 0)], at: 0)
    for step in 1...110 {
        _ = poll(&state, [ana(step % 2 == 1 ? 50 : 300, at: Double(step * 60))], at: Double(step * 60))
    }
    _ = poll(&state, [ana(300, at: 111 * 60), bo(at: 111 * 60)], at: 111 * 60)
    for step in 112...220 {
        _ = poll(&state, [ana(step % 2 == 1 ? 50 : 300, at: Double(step * 60)), bo(at: 0)], at: Double(step * 60))
    }
    #expect(state.events.log.count == EventWatch.logLimit)
    #expect(state.events.log.first?.time == F.at(220 * 60))
    let last = F.at(220 * 60)
    let shown = StatusBar(state: state, now: last.addingTimeInterval(9), isInteractive: true).items.map(\.text)
    #expect(shown.contains("+14155550101 left home"))
    let later = StatusBar(state: state, now: last.addingTimeInterval(10), isInteractive: true).items.map(\.text)
    #expect(!later.contains("+14155550101 left home"))
}

@Test func eTogglesTheLogPaneAndPTheList() {
    var state = watching()
    _ = state.apply(.resized(width: 100, height: 30))
    _ = state.apply(.key(.character("e"), now: F.start))
    #expect(state.events.isLogShown)
    _ = state.apply(.key(.character("P"), now: F.start))
    #expect(state.events.isPlacesShown)
    // The map keeps its keys while the pane shows.
    _ = state.apply(.key(.character("+"), now: F.start))
    #expect(state.viewport.zoom == 1)
    _ = state.apply(.key(.character("e"), now: F.start))
    #expect(!state.events.isLogShown)
}

@Test func aProblemWithAHookShowsInTheLogAndTheStatusBar() {
    var state = watching()
    _ = state.apply(.eventProblem("hook notify.sh exited 1: no network", now: F.at(5)))
    #expect(state.events.log == [.problem("hook notify.sh exited 1: no network", at: F.at(5))])
    let texts = StatusBar(state: state, now: F.at(6), isInteractive: true).items.map(\.text)
    #expect(texts.contains("hook notify.sh exited 1: no network"))
}

@Test func theLogPaneListsEventsNewestFirstWithTheirClockTimes() {
    var state = watching()
    _ = state.apply(.resized(width: 60, height: 16))
    _ = poll(&state, [ana(300, at: 0)], at: 0)
    _ = poll(&state, [ana(50, at: 60), bo(at: 60)], at: 60)
    _ = state.apply(.key(.character("e"), now: F.at(61)))
    var buffer = CellBuffer(width: 60, height: 16)
    EventsPane.render(state, now: F.at(61), into: &buffer, ascii: false)
    let lines = buffer.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[11] == "┌─ 2 events; e closes ─────────────────────────────────────┐")
    #expect(lines[12] == "│ 08:01:00  bo@example.com started sharing                 │")
    #expect(lines[13] == "│ 08:01:00  +14155550101 arrived home                      │")
    #expect(lines[14] == "└──────────────────────────────────────────────────────────┘")
}

@Test func thePlacesPanelSaysWhoIsInside() {
    var state = watching(EventSettings(places: [home, NamedPlace(name: "work", center: LatLon(lat: 41, lon: -74))]))
    _ = poll(&state, [ana(50, at: 0)], at: 0)
    var buffer = CellBuffer(width: 40, height: 6)
    PlacesPanel(state: state).render(in: buffer.bounds, into: &buffer, ascii: false)
    let lines = buffer.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    #expect(
        lines == [
            "2 places (P: participants)", "home  100 m", "+14155550101 inside · 40.00000,-74.00…", "work  200 m",
            "nobody inside · 41.00000,-74.00000", "",
        ])
}

@Test func privacyModeRoundsThePlacesCentresInThePanel() {
    var state = watching(
        EventSettings(places: [NamedPlace(name: "home", center: LatLon(lat: 40.71283, lon: -74.00601))]))
    state.isRedacted = true
    #expect(PlacesPanel(state: state).rows.map(\.center) == ["40.71000,-74.01000"])
    #expect(state.shownPlaces.map(\.center) == [LatLon(lat: 40.71, lon: -74.01)])
}

@Test func aRestoredStaleParticipantWithoutTimesStaysStaleUntilTheyMove() {
    let stale = [
        ChatEvent(
            time: F.at(0), chatID: chat, handle: "+61255501117", kind: .stale, position: LatLon(lat: -33.85, lon: 151.2)
        )
    ]
    var state = watching(EventSettings(restoresFromStore: true))
    _ = state.apply(.eventsRestored(stale, chats: [chat]))
    let still = F.participant("+61255501117", lat: -33.85, lon: 151.2, age: nil)
    #expect(poll(&state, [still], at: 600).isEmpty)
    #expect(poll(&state, [still], at: 660).isEmpty)
    let moved = F.participant("+61255501117", lat: -33.86, lon: 151.2, age: nil)
    #expect(summaries(poll(&state, [moved], at: 720)) == ["+61255501117 fresh again"])
}

@Test func pShowsAHiddenPanelForThePlaces() {
    var state = watching()
    _ = state.apply(.resized(width: 60, height: 20))
    #expect(state.layout.panel == nil)
    _ = state.apply(.key(.character("P"), now: F.start))
    #expect(state.layout.panel != nil)
    #expect(state.events.isPlacesShown)
    _ = state.apply(.key(.character("P"), now: F.start))
    #expect(state.layout.panel == nil)
}

@Test func aLongProblemNeverPushesTheChatOutOfTheStatusBar() {
    var state = watching()
    _ = poll(&state, [ana(300, at: 0)], at: 0)
    let long = "events: history /home/someone/.local/state/linq-map/history.sqlite was written by a newer linq-map"
    _ = state.apply(.eventProblem(long, now: F.at(1)))
    let texts = StatusBar(state: state, now: F.at(2), isInteractive: true).visibleTexts(width: 80)
    #expect(texts.contains("1 sharing"))
}

@Test func privacyModeMasksTheNewestEventInTheStatusBar() {
    var state = AppState(chatID: Fixtures.chatID, width: 120, height: 40)
    state.events.append([
        .event(
            ChatEvent(
                time: Fixtures.start, chatID: Fixtures.chatID, handle: "+14155550101", kind: .arrived, place: "home",
                position: LatLon(lat: 40.7128, lon: -74.006)))
    ])
    state.isRedacted = true
    let text = StatusBar.eventItem(state, now: Fixtures.at(1))?.text ?? ""
    #expect(text.contains("arrived home"))
    #expect(!text.contains("+14155550101"), "masked: \(text)")
}
