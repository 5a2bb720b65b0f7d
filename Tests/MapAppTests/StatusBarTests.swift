import Foundation
import LinqModel
import MapApp
import Testing
import TextUI

private typealias F = Fixtures

/// The group chat loaded at the start, then a failed poll at 60 s with Linq's 401.
private func failing() -> AppState {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    _ = state.apply(
        .pollSucceeded(LocationSnapshot(participants: F.group.participants, warnings: ["w1", "w2"]), now: F.start))
    _ = state.apply(.pollFailed(F.unauthorized, now: F.at(60)))
    return state
}

@Test func wideBarShowsEverything() {
    let bar = StatusBar(state: failing(), now: F.at(72), isInteractive: true)
    #expect(
        bar.visibleTexts(width: 200) == [
            "975d0776", "5 sharing", "updated 1m ago  ", "next in 1m 48s", "zoom 0",
            "error 2004: Invalid API key", "2 warnings", "? help",
        ])
}

@Test func shortBarDropsTheCountdownThenZoomAndKeepsTheErrorAndHelp() {
    let bar = StatusBar(state: failing(), now: F.at(72), isInteractive: true)
    let full = bar.visibleTexts(width: 200)
    let withoutCountdown = bar.visibleTexts(width: 110)
    #expect(withoutCountdown == full.filter { $0 != "next in 1m 48s" })
    #expect(
        bar.visibleTexts(width: 85) == [
            "975d0776", "5 sharing", "updated 1m ago  ", "error 2004: Invalid API key", "? help",
        ])
    let tiny = bar.visibleTexts(width: 30)
    #expect(tiny.count == 2)
    #expect(tiny[0].hasPrefix("error 2004"))
    #expect(tiny[1] == "? help", "an error never pushes out ? help")
}

@Test func textFramesHaveNoHelpOrCountdown() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    _ = state.apply(.pollSucceeded(F.group, now: F.start))
    let bar = StatusBar(state: state, now: F.at(12), isInteractive: false)
    #expect(bar.visibleTexts(width: 200) == ["975d0776", "5 sharing", "updated 12s ago ", "zoom 0"])
}

@Test func fetchingReplacesTheCountdownAndShowsRetries() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    _ = state.apply(.pollStarted(now: F.start))
    #expect(
        StatusBar(state: state, now: F.start, isInteractive: true).visibleTexts(width: 200) == [
            "975d0776", "waiting for the first update", "fetching…", "zoom 0", "? help",
        ])
    _ = state.apply(.pollProgress(.waiting(before: 2, delay: .seconds(4), reason: "HTTP 503")))
    #expect(
        StatusBar(state: state, now: F.start, isInteractive: true).visibleTexts(width: 200).contains(
            "retry 1 in 4s: HTTP 503"))
}

@Test func refusedRefreshSaysWhenItIsAllowedAndAsciiFallbackIsNoted() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    _ = state.apply(.pollFailed(F.rateLimited(90), now: F.start))
    _ = state.apply(.key(.character("r"), now: F.at(30)))
    let texts = StatusBar(state: state, now: F.at(30), isInteractive: true, asciiFallbackReason: "locale is not UTF-8")
        .visibleTexts(width: 250)
    #expect(texts.contains("refresh allowed in 1m 00s"))
    #expect(texts.contains("ASCII: locale is not UTF-8"))
    #expect(texts.contains("waiting for the first update"))
}

@Test(
    arguments: [
        (FetchProgress?.none, "fetching…"), (.attempt(number: 1, of: 3), "fetching…"),
        (.attempt(number: 2, of: 3), "fetching (attempt 2/3)"),
        (.waiting(before: 3, delay: .milliseconds(1500), reason: "timeout"), "retry 2 in 2s: timeout"),
    ])
func fetchingTexts(progress: FetchProgress?, text: String) {
    #expect(StatusBar.fetchingText(progress) == text)
}

@Test(arguments: [(0.0, "0s"), (-5, "0s"), (41.2, "42s"), (59.5, "1m 00s"), (125, "2m 05s"), (600, "10m 00s")])
func countdownTexts(seconds: Double, text: String) {
    #expect(StatusBar.countdownText(seconds) == text)
}

@Test func errorsWithoutAnAPICodeShowTheirMessage() {
    #expect(StatusBar.errorText(F.unauthorized) == "error 2004: Invalid API key")
    #expect(
        StatusBar.errorText(.unavailable(reason: "connection refused", retryAfter: nil, api: nil))
            == "error: connection refused")
}

@Test func barIsReversedAndClipped() {
    var buffer = CellBuffer(width: 30, height: 1)
    StatusBar(state: failing(), now: F.at(72), isInteractive: true).render(
        in: buffer.bounds, into: &buffer, ascii: true)
    #expect(buffer.text == "error 2004: Invali...   ? help")
    #expect(buffer[29, 0].style.attributes.contains(.reverse))
}

@Test func gWaitsForALabelAndSaysSo() {
    var state = failing()
    _ = state.apply(.key(.character("g"), now: F.at(70)))
    #expect(
        StatusBar(state: state, now: F.at(72), isInteractive: true).visibleTexts(width: 250).contains(
            "g: press a label"))
}

@Test func retriesCountFromOneOfNAndTheirCountdownTicks() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    _ = state.apply(.pollStarted(now: F.start))
    _ = state.apply(.pollReported(.attempt(number: 1, of: 3), now: F.start))
    _ = state.apply(.pollReported(.waiting(before: 2, delay: .seconds(4), reason: "HTTP 503"), now: F.at(1)))
    let texts = { (seconds: Double) in
        StatusBar(state: state, now: F.at(seconds), isInteractive: true).visibleTexts(width: 200)
    }
    #expect(texts(1).contains("retry 1/2 in 4s: HTTP 503"))
    #expect(texts(2).contains("retry 1/2 in 3s: HTTP 503"))
    #expect(texts(4.5).contains("retry 1/2 in 1s: HTTP 503"))
}

@Test func aRetryAfterBeyondTheLimitKeepsPollingAtTheBackOffCap() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    _ = state.apply(.pollSucceeded(F.group, now: F.start))
    let effects = state.apply(.pollFailed(F.rateLimited(1_000_000_000), now: F.at(60)))
    #expect(effects == [.schedulePoll(at: F.at(360))], "the back-off cap, 5 minutes")
    let texts = StatusBar(state: state, now: F.at(60), isInteractive: true).visibleTexts(width: 250)
    #expect(texts.contains("server asks to wait 11574d; next try in 5m"))
    #expect(!texts.contains { $0.hasPrefix("next in") })
    _ = state.apply(.key(.character("r"), now: F.at(400)))
    #expect(state.notice == nil, "r works again once the capped wait is over")
}

@Test(arguments: [(45.0, "45s"), (300, "5m"), (299, "5m"), (7200, "2h"), (1_000_000_000, "11574d"), (-3, "0s")])
func compactDurations(seconds: Double, text: String) {
    #expect(StatusBar.compactDuration(seconds) == text)
}

@Test func theChatsDisplayNameReplacesItsIdOnceKnown() {
    var state = AppState(chatID: Fixtures.chatID, width: 120, height: 40)
    #expect(StatusBar(state: state, now: Fixtures.start, isInteractive: true).items.first?.text == "975d0776")
    _ = state.apply(.chatNamed("Around the world"))
    #expect(StatusBar(state: state, now: Fixtures.start, isInteractive: true).items.first?.text == "Around the world")
}
