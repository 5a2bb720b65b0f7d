import Foundation
import LinqModel
import MapApp
import Testing
import TextUI

private typealias F = Fixtures

/// A picker-first state whose first list load failed with `error` at the start.
private func failedPicker(_ error: FetchError = F.serverDown) -> AppState {
    var state = AppState.pickerFirst(width: 80, height: 24)
    #expect(state.apply(.chatListFailed(error, now: F.start)) == [])
    return state
}

/// The picker's bottom line at `now`.
private func bottomLine(_ state: AppState, now: Date) -> String {
    let frame = ViewerFrame.render(state, now: now, options: FrameOptions(), composer: MapComposer())
    return String(frame.text.split(separator: "\n").last ?? "")
}

@Test func aFailedChatListIsLoadedAgainOnceTheBackOffIsOver() {
    var state = failedPicker()
    // The viewer's back-off: the 60 s interval doubled per failure in a row.
    #expect(state.picker.retryAt == F.at(120))
    #expect(state.apply(.tick(now: F.at(119))) == [])
    #expect(state.apply(.tick(now: F.at(120))) == [.loadChatList])
    #expect(state.picker.load == .loading(pages: 0, chats: 0))
    #expect(state.picker.retryAt == nil)
    #expect(state.apply(.tick(now: F.at(121))) == [], "one retry per failure")
    _ = state.apply(.chatListFailed(F.serverDown, now: F.at(125)))
    #expect(state.picker.consecutiveFailures == 2)
    #expect(state.picker.retryAt == F.at(125 + 240))
}

@Test func aLoadedListResetsTheBackOff() {
    var state = failedPicker()
    _ = state.apply(.tick(now: F.at(120)))
    _ = state.apply(.chatListLoaded(pickerEntries))
    #expect(state.picker.load == .loaded)
    #expect(state.picker.consecutiveFailures == 0)
    #expect(state.picker.retryAt == nil)
    _ = state.apply(.chatListFailed(F.serverDown, now: F.at(200)))
    #expect(state.picker.retryAt == F.at(320), "the back-off starts again from one failure")
}

@Test func rRetriesAtOnceWhenNothingIsListedAndFiltersOtherwise() {
    var state = failedPicker()
    #expect(state.apply(.key(.character("r"), now: F.at(5))) == [.loadChatList])
    #expect(state.picker.filter == "")
    #expect(state.picker.load == .loading(pages: 0, chats: 0))
    var listed = pickerState()
    _ = listed.apply(.chatListFailed(F.serverDown, now: F.start))
    #expect(listed.apply(.key(.character("r"), now: F.at(5))) == [])
    #expect(listed.picker.filter == "r", "with chats listed, r filters them")
    #expect(listed.apply(.key(.control("r"), now: F.at(5))) == [.loadChatList])
}

@Test func aRateLimitedListWaitsForRetryAfterBeforeRRetries() {
    var state = failedPicker(F.rateLimited(30))
    #expect(state.picker.retryAt == F.at(120), "the back-off, longer than the Retry-After")
    #expect(state.apply(.key(.character("r"), now: F.at(10))) == [])
    #expect(bottomLine(state, now: F.at(10)).contains("(retry in 1m 50s)"))
    #expect(state.apply(.key(.character("r"), now: F.at(30))) == [.loadChatList])
    var long = failedPicker(F.rateLimited(200))
    #expect(long.picker.retryAt == F.at(200), "a longer Retry-After is honoured")
    #expect(long.apply(.tick(now: F.at(199))) == [])
    #expect(long.apply(.tick(now: F.at(200))) == [.loadChatList])
}

@Test func thePickersStatusCountsDownToTheRetry() {
    let state = failedPicker()
    #expect(bottomLine(state, now: F.at(0)).hasPrefix("error 3006: Internal error (retry in 2m 00s, r retries now)"))
    #expect(bottomLine(state, now: F.at(79.5)).hasPrefix("error 3006: Internal error (retry in 41s, r retries now)"))
    var listed = pickerState()
    _ = listed.apply(.chatListFailed(F.serverDown, now: F.start))
    #expect(bottomLine(listed, now: F.at(60)).contains("(retry in 1m 00s, Ctrl-R retries now)"))
}

@Test func noRetryRunsWhileThePickerIsHidden() {
    var state = AppState(chatID: F.chatID, width: 80, height: 24)
    _ = state.apply(.key(.character("o"), now: F.start))
    #expect(state.isPickerShown)
    _ = state.apply(.chatListFailed(F.serverDown, now: F.start))
    _ = state.apply(.key(.escape, now: F.start))
    #expect(!state.isPickerShown)
    #expect(state.apply(.tick(now: F.at(500))) == [])
    #expect(state.apply(.key(.character("o"), now: F.at(501))) == [.loadChatList], "opening the picker reloads")
}
