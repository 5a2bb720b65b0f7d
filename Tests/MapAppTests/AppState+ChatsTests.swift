import Foundation
import Geo
import LinqModel
import MapApp
import Testing
import TextUI

private typealias F = Fixtures

let teamID = "7e1a5c00-0b1d-4c2e-9f3a-000000000001"
let familyID = "7e1a5c00-0b1d-4c2e-9f3a-000000000002"

/// Team: Ana, Bo, Chen. Family: Ana, Dara, Eli.
let team = LocationSnapshot(participants: [F.ana, F.bo, F.chen])
let family = LocationSnapshot(participants: [F.ana, F.dara, F.eli])

/// Both chats watched, started at `F.start`, each polled once successfully.
func twoChats(width: Int = 120, height: Int = 40) -> AppState {
    var state = AppState(chatIDs: [teamID, familyID], width: width, height: height)
    _ = state.apply(.started(now: F.start))
    _ = state.apply(.chatNamed("Team", chat: 0))
    _ = state.apply(.chatNamed("Family", chat: 1))
    _ = state.apply(.pollStarted(now: F.start, chat: 0))
    _ = state.apply(.pollSucceeded(team, now: F.start, chat: 0))
    _ = state.apply(.pollStarted(now: F.at(2), chat: 1))
    _ = state.apply(.pollSucceeded(family, now: F.at(2), chat: 1))
    return state
}

@Test func startSchedulesEveryChatAtOnce() {
    var state = AppState(chatIDs: [teamID, familyID], width: 120, height: 40)
    #expect(
        state.apply(.started(now: F.start)) == [
            .schedulePoll(at: F.start, chat: 0), .schedulePoll(at: F.start, chat: 1),
        ])
}

@Test func eachChatIsPolledOnItsOwnSchedule() {
    var state = AppState(chatIDs: [teamID, familyID], width: 120, height: 40)
    _ = state.apply(.started(now: F.start))
    #expect(state.apply(.pollSucceeded(team, now: F.at(1), chat: 0)) == [.schedulePoll(at: F.at(61), chat: 0)])
    #expect(state.apply(.pollSucceeded(family, now: F.at(7), chat: 1)) == [.schedulePoll(at: F.at(67), chat: 1)])
    #expect(state.chats.map(\.poll.nextPollAt) == [F.at(61), F.at(67)])
    #expect(state.nextPollAt == F.at(61))
    #expect(state.oldestSuccessAt == F.at(1))
}

@Test func oneChatBacksOffWhileTheOtherKeepsItsInterval() {
    var state = twoChats()
    let failed = state.apply(.pollFailed(F.serverDown, now: F.at(60), chat: 0))
    #expect(failed == [.schedulePoll(at: F.at(60 + 120), chat: 0)])
    #expect(state.chats[0].poll.consecutiveFailures == 1)
    #expect(state.apply(.pollSucceeded(family, now: F.at(62), chat: 1)) == [.schedulePoll(at: F.at(122), chat: 1)])
    #expect(state.chats[1].poll.lastError == nil)
    // The failing chat keeps its positions: Bo and Chen still share.
    #expect(state.sharingCount == 5)
    let bar = StatusBar(state: state, now: F.at(140), isInteractive: true)
    #expect(bar.items.map(\.text).contains("Team: error 3006 (retry in 40s)"))
    #expect(bar.items.first?.text == "2 chats")
}

@Test func labelsAreUniqueAcrossChatsAndASharedHandleKeepsOne() {
    let state = twoChats()
    #expect(state.participants.map(\.handle) == [F.ana, F.bo, F.chen, F.dara, F.eli].map(\.handle))
    #expect(state.participants.map(\.label) == ["1", "2", "3", "4", "5"])
    #expect(state.participants(ofChat: 0).map(\.label) == ["1", "2", "3"])
    #expect(state.participants(ofChat: 1).map(\.label) == ["1", "4", "5"])
}

@Test func aHandleStopsSharingOnlyWhenNoChatListsIt() {
    var state = twoChats()
    _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [F.bo, F.chen]), now: F.at(60), chat: 0))
    #expect(state.participants.first { $0.handle == F.ana.handle }?.isSharing == true)
    _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [F.dara, F.eli]), now: F.at(62), chat: 1))
    #expect(state.participants.first { $0.handle == F.ana.handle }?.isSharing == false)
}

@Test func firstPollNotFoundOfOneChatShowsItsErrorAndTheMapGoesOn() {
    var state = AppState(chatIDs: [teamID, familyID], width: 120, height: 40)
    _ = state.apply(.started(now: F.start))
    let effects = state.apply(.pollFailed(F.notFound, now: F.at(1), chat: 1))
    #expect(effects == [.schedulePoll(at: F.at(1 + 120), chat: 1)])
    _ = state.apply(.pollSucceeded(team, now: F.at(2), chat: 0))
    #expect(state.sharingCount == 3)
}

@Test func firstPollFailuresOfEveryChatEndTheViewer() {
    var state = AppState(chatIDs: [teamID, familyID], width: 120, height: 40)
    _ = state.apply(.started(now: F.start))
    #expect(state.apply(.pollFailed(F.unauthorized, now: F.at(1), chat: 0)) == [.schedulePoll(at: F.at(121), chat: 0)])
    let effects = state.apply(.pollFailed(F.unauthorized, now: F.at(1), chat: 1))
    #expect(effects == [.quit(F.unauthorized.programExit, message: F.unauthorized.message)])
}

@Test func refreshPollsEveryChatOutsideItsRetryAfterWindow() {
    var state = twoChats()
    _ = state.apply(.pollFailed(F.rateLimited(30), now: F.at(60), chat: 0))
    let effects = state.apply(.key(.character("r"), now: F.at(65)))
    #expect(effects == [.schedulePoll(at: F.at(65), chat: 1)])
    #expect(state.notice == nil)
    _ = state.apply(.pollStarted(now: F.at(65), chat: 1))
    #expect(state.apply(.key(.character("r"), now: F.at(66))) == [])
    #expect(state.notice == .refreshAllowed(at: F.at(90)))
}

@Test func fitHoldsEveryoneInEveryChat() {
    var state = twoChats()
    _ = state.apply(.key(.character("+"), now: F.at(3)))
    _ = state.apply(.key(.character("f"), now: F.at(3)))
    let all = [F.ana, F.bo, F.chen, F.dara, F.eli].map(\.latLon)
    #expect(state.viewport == Viewport.fitting(all, size: state.mapSize))
}
