import Contacts
import Foundation
import LinqModel
import MapApp
import Testing
import TextUI

private typealias F = Fixtures

private let oneToOneID = "3f2b8c1e-6a4d-4e8f-9b7a-1c2d3e4f5a6b"

/// A 1:1 chat with Ana (display name "Ana"), polled once: Ana shares and is selected.
private func oneToOne(contacts: [Contact] = []) -> AppState {
    var state = AppState(chatID: oneToOneID, width: 120, height: 40)
    _ = state.apply(.started(now: F.start))
    _ = state.apply(
        .chatDetailed(
            Chat(
                id: oneToOneID, displayName: "Ana", handles: ["+15555550100", F.ana.handle], isGroup: false,
                ownHandles: ["+15555550100"], service: "iMessage")))
    state.useContacts(ContactBook(contacts: contacts))
    _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [F.ana]), now: F.start))
    return state
}

/// The group chat of `Fixtures.group`, described as a group, polled once.
private func group() -> AppState {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    _ = state.apply(.started(now: F.start))
    _ = state.apply(.chatDetailed(Chat(id: F.chatID, displayName: "Team", handles: [], isGroup: true)))
    _ = state.apply(.pollSucceeded(F.group, now: F.start))
    return state
}

private func press(_ character: Character, _ state: inout AppState, at seconds: Double = 1) -> [Effect] {
    state.apply(.key(.character(character), now: F.at(seconds)))
}

private func statusTexts(_ state: AppState, at seconds: Double = 1) -> [String] {
    StatusBar(state: state, now: F.at(seconds), isInteractive: true).items.map(\.text)
}

/// Ana's 1:1 chat after `key` (`R` or `X`), `y`, and `result` coming back at 2 s.
private func answered(_ key: Character, _ result: Result<String, FetchError>, redacted: Bool = false) -> AppState {
    var state = oneToOne()
    if redacted { _ = state.apply(.key(.control("r"), now: F.at(1))) }
    _ = press(key, &state)
    _ = press("y", &state)
    _ = state.apply(.chatActionAnswered(key == "R" ? request : stop, result, now: F.at(2)))
    return state
}

private let request = ChatAction.requestLocation(chatID: oneToOneID, handle: F.ana.handle)
private let stop = ChatAction.stopSharing(chatID: oneToOneID, handle: F.ana.handle)

@Test func requestInAOneToOneChatAsksWithTheNameAndHandle() {
    var state = oneToOne()
    #expect(press("R", &state).isEmpty)
    #expect(state.inputMode == .confirming(request))
    #expect(statusTexts(state).contains("Ask Ana (+14155550101) to share their location? y/n"))
}

@Test func aContactIsAskedByTheFirstNameOverTheChatName() {
    var state = oneToOne(contacts: [Contact(name: "Ana Lima", phones: [F.ana.handle])])
    _ = state.apply(
        .chatDetailed(Chat(id: oneToOneID, displayName: "Ana at work", handles: [F.ana.handle], isGroup: false)))
    _ = press("R", &state)
    #expect(state.question(for: request) == "Ask Ana (+14155550101) to share their location? y/n")
    #expect(
        state.question(for: stop) == "Stop Ana's location share with you? It ends in every chat with them. y/n")
}

@Test func withoutAContactTheOneToOneChatNameIsUsedWhole() {
    var state = oneToOne()
    _ = state.apply(
        .chatDetailed(Chat(id: oneToOneID, displayName: "Ana at work", handles: [F.ana.handle], isGroup: false)))
    #expect(state.question(for: request) == "Ask Ana at work (+14155550101) to share their location? y/n")
}

@Test func withoutANameTheQuestionNamesTheHandleAlone() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [F.ana]), now: F.start))
    _ = press("R", &state)
    // Chat details not known yet, and one person listed: the server decides; nobody has a name.
    let action = ChatAction.requestLocation(chatID: F.chatID, handle: F.ana.handle)
    #expect(state.inputMode == .confirming(action))
    #expect(state.question(for: action) == "Ask +14155550101 to share their location? y/n")
    #expect(
        state.question(for: .stopSharing(chatID: F.chatID, handle: F.ana.handle))
            == "Stop +14155550101's location share with you? It ends in every chat with them. y/n")
}

@Test func yesSendsTheRequestOnceAndTheAnswerShows() {
    var state = oneToOne()
    _ = press("R", &state)
    #expect(press("y", &state) == [.run(request)])
    #expect(state.inputMode == .normal)
    #expect(state.chatActivity == .running(request))
    #expect(statusTexts(state).contains("asking…"))
    _ = state.apply(.chatActionAnswered(request, .success("Location request sent"), now: F.at(2)))
    #expect(statusTexts(state, at: 2).contains("request sent"))
    _ = state.apply(.tick(now: F.at(11)))
    #expect(statusTexts(state, at: 11).contains("request sent"))
    _ = state.apply(.tick(now: F.at(12)))
    #expect(state.chatActivity == nil)
}

@Test(arguments: ["n", "q", "R", "Y"] as [Character])
func anyOtherKeyCancelsThePrompt(key: Character) {
    var state = oneToOne()
    _ = press("R", &state)
    #expect(press(key, &state).isEmpty)
    #expect(state.inputMode == .normal)
    #expect(state.chatActivity == nil)
}

@Test func escapeCancelsAndIsNotPassedOn() {
    var state = oneToOne()
    _ = press("X", &state)
    #expect(state.apply(.key(.escape, now: F.at(1))).isEmpty)
    #expect(state.inputMode == .normal)
}

private func apiFailure(_ status: Int, code: Int?, retryAfter: Duration? = nil) -> FetchError {
    let api = APIError(status: status, code: code, message: "refused")
    if status == 429 { return .unavailable(reason: "HTTP 429", retryAfter: retryAfter, api: api) }
    return .clientError(api)
}

@Test(arguments: [
    (apiFailure(409, code: 2015), "already sharing"),
    (apiFailure(409, code: nil), "already sharing"),
    (apiFailure(409, code: 2016), "location requests only work in 1:1 chats"),
    (apiFailure(409, code: 2017), "only in iMessage chats, not SMS or RCS"),
    (apiFailure(429, code: 1003, retryAfter: .seconds(221)), "asked too recently: try again in 4m"),
    (apiFailure(429, code: 1003, retryAfter: .seconds(45)), "asked too recently: try again in 45s"),
    (apiFailure(429, code: 1003), "asked too recently: try again later"),
    (apiFailure(500, code: 3006), "request failed: error 3006: refused"),
])
func everyRequestAnswerInPlainWords(error: FetchError, text: String) {
    let state = answered("R", .failure(error))
    #expect(state.chatActivity == .answered(text, isRefusal: true, at: F.at(2)))
    #expect(statusTexts(state, at: 2).contains(text))
}

@Test func stopAsksThenDeletesAndReportsStopRequested() {
    var state = oneToOne()
    _ = press("X", &state)
    #expect(state.inputMode == .confirming(stop))
    #expect(statusTexts(state).contains("Stop Ana's location share with you? It ends in every chat with them. y/n"))
    #expect(press("y", &state) == [.run(stop)])
    #expect(statusTexts(state).contains("stopping…"))
    _ = state.apply(.chatActionAnswered(stop, .success("Location sharing stop requested"), now: F.at(2)))
    #expect(state.chatActivity == .answered("stop requested", isRefusal: false, at: F.at(2)))
}

@Test func stoppingSomeoneNotSharingSaysSo() {
    let state = answered("X", .failure(apiFailure(404, code: 2018)))
    #expect(statusTexts(state, at: 2).contains("not sharing"))
}

@Test func requestInAGroupChatExplainsAtOnceWithoutARequest() {
    var state = group()
    #expect(press("R", &state).isEmpty)
    #expect(state.inputMode == .normal)
    #expect(state.chatActivity == .answered(AppState.groupChatAnswer, isRefusal: true, at: F.at(1)))
    #expect(statusTexts(state).contains("location requests only work in 1:1 chats"))
}

@Test func aChatListingTwoPeopleIsAGroupBeforeItsDetailsCome() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    _ = state.apply(.pollSucceeded(F.group, now: F.start))
    #expect(press("R", &state).isEmpty)
    #expect(state.inputMode == .normal)
    #expect(statusTexts(state).contains(AppState.groupChatAnswer))
}

@Test func stopWorksInAGroupChat() {
    var state = group()
    _ = press("X", &state)
    #expect(state.inputMode == .confirming(.stopSharing(chatID: F.chatID, handle: F.ana.handle)))
}

@Test func withNobodySharingRequestAsksTheOneToOneChatsOtherPerson() {
    var state = AppState(chatID: oneToOneID, width: 120, height: 40)
    _ = state.apply(
        .chatDetailed(
            Chat(
                id: oneToOneID, displayName: "Ben", handles: ["+15555550100", "+12125550102"], isGroup: false,
                ownHandles: ["+15555550100"])))
    _ = state.apply(.pollSucceeded(LocationSnapshot(participants: []), now: F.start))
    _ = press("R", &state)
    let action = ChatAction.requestLocation(chatID: oneToOneID, handle: "+12125550102")
    #expect(state.inputMode == .confirming(action))
    #expect(state.question(for: action) == "Ask Ben (+12125550102) to share their location? y/n")
}

@Test func withNobodySelectedStopExplains() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    _ = press("X", &state)
    #expect(state.inputMode == .normal)
    #expect(state.chatActivity == .answered("nobody to stop: select someone first", isRefusal: true, at: F.at(1)))
}

@Test func aNewQuestionReplacesTheLastAnswer() {
    var state = answered("R", .failure(apiFailure(409, code: 2015)))
    _ = press("X", &state, at: 3)
    #expect(!statusTexts(state, at: 3).contains("already sharing"))
}

@Test func theQuestionFollowsPrivacyMode() {
    var state = oneToOne(contacts: [Contact(name: "Ana Lima", phones: [F.ana.handle])])
    _ = state.apply(.key(.control("r"), now: F.at(1)))
    #expect(state.isRedacted)
    #expect(state.question(for: request) == "Ask Ana (+1•••••0101) to share their location? y/n")
}

@Test func aNarrowTerminalKeepsTheYesNoOfTheStopQuestion() {
    var state = AppState(chatID: F.chatID, width: 80, height: 24)
    _ = state.apply(.pollSucceeded(F.group, now: F.start))
    _ = press("X", &state)
    let bar = StatusBar(state: state, now: F.at(1), isInteractive: true)
    #expect(bar.visibleTexts(width: 80).last == "Stop +14155550101's location share with you? y/n")
    #expect(!bar.items.contains { $0.text == "? help" })
}

@Test func anAnswerQuotingAHandleIsMaskedInPrivacyMode() {
    let error = FetchError.clientError(APIError(status: 400, code: 1002, message: "bad handle +14155550101"))
    let state = answered("X", .failure(error), redacted: true)
    #expect(statusTexts(state, at: 2).contains("stop failed: error 1002: bad handle +1•••••0101"))
}

@Test func at40ColumnsTheQuestionIsCutBeforeItsYesNo() {
    var state = AppState(chatID: F.chatID, width: 40, height: 12)
    _ = state.apply(.pollSucceeded(F.group, now: F.start))
    _ = press("X", &state)
    let bar = StatusBar(state: state, now: F.at(1), isInteractive: true)
    let question = bar.visibleTexts(width: 40).last ?? ""
    #expect(question.hasPrefix("Stop +14155550101"))
    #expect(question.hasSuffix("… y/n"), "\(question)")
    #expect(displayWidth(of: question) <= 39)
}
