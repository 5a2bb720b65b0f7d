import Foundation
import LinqModel
import MapApp
import Testing

private typealias F = Fixtures

private func poll(_ handles: Range<Int>) -> LocationSnapshot {
    LocationSnapshot(participants: handles.map { F.participant("+1555\($0)", lat: 10, lon: 10, age: 30) })
}

@Test func stoppedParticipantsAreForgottenAfterTheRetention() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    state.retention = Retention(forgetAfter: .seconds(600))
    _ = state.apply(.pollSucceeded(poll(0..<3), now: F.start))
    _ = state.apply(.pollSucceeded(poll(1..<3), now: F.at(60)))
    #expect(state.participants.map(\.handle) == ["+15550", "+15551", "+15552"])
    #expect(state.participants.map(\.isSharing) == [false, true, true])
    #expect(state.sharingCount == 2)
    _ = state.apply(.pollSucceeded(poll(1..<3), now: F.at(601)))
    #expect(state.participants.map(\.handle) == ["+15551", "+15552"], "listed last at 0, forgotten after 600 s")
    _ = state.apply(.pollSucceeded(poll(0..<3), now: F.at(660)))
    #expect(state.participants.map(\.handle) == ["+15551", "+15552", "+15550"], "back as a new handle")
    #expect(state.participants.map(\.label) == ["2", "3", "4"], "labels are never reused")
}

/// A state keeping at most 5 stopped rows after `rounds` polls a minute apart, each of 4 new handles.
private func rotated(rounds: Int) -> AppState {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    state.retention = Retention(maximumStoppedRows: 5)
    for round in 0..<rounds {
        _ = state.apply(.pollSucceeded(poll(round * 4..<round * 4 + 4), now: F.at(Double(round) * 60)))
    }
    return state
}

@Test func atMostTheNewestStoppedRowsAreKeptWhenHandlesRotate() {
    let state = rotated(rounds: 4)
    // Rows forgotten in the poll that stopped them still say so in the event log.
    let stopped = state.events.log.compactMap { entry -> String? in
        guard case .event(let event) = entry, event.kind == .stoppedSharing else { return nil }
        return event.handle
    }
    #expect(Set(stopped) == Set((0..<12).map { "+1555\($0)" }))
    #expect(state.participants.count == 9)
    #expect(state.sharingCount == 4)
    #expect(state.participants.map(\.handle).prefix(5) == ["+15557", "+15558", "+15559", "+155510", "+155511"])
    #expect(state.participants.filter(\.isSharing).map(\.handle) == ["+155512", "+155513", "+155514", "+155515"])
}

@Test func forgottenHandlesLeaveNothingInTheChatsRecords() {
    // Handles that rotate away are dropped from the chat's handle list too, so memory stays bounded however
    // many handles a server invents (issue 10, target 4).
    let state = rotated(rounds: 50)
    #expect(state.participants.count == 9)
    #expect(Set(state.chats[0].handles) == Set(state.participants.map(\.handle)))
    #expect(state.participants.filter(\.isSharing).count == 4)
    #expect(state.events.tracker.rememberedCount == 9, "the event tracker forgets them with the rows")
}

@Test func longTextIsCutWhenItArrives() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    var huge = F.participant("+15550", lat: 10, lon: 10, age: 30)
    huge.locality = String(repeating: "é", count: 1_000_000)
    huge.address = "1 Main St"
    huge.properties = .object(["locality": .string(huge.locality ?? "")])
    _ = state.apply(.pollSucceeded(LocationSnapshot(participants: [huge]), now: F.start))
    let kept = state.participants[0].participant
    #expect(kept.locality?.count == Retention.maximumTextLength)
    #expect(kept.address == "1 Main St")
    #expect(kept.properties == .object([:]))
    let plain = F.participant("+15551", lat: 10, lon: 10, age: 30)
    #expect(Retention.trimmed(plain) == plain, "short text is left alone")
}

@Test(
    arguments: [
        ("24h", 86_400), ("90m", 5_400), ("7d", 604_800), ("30s", 30), ("3600", 3_600), ("2H", 7_200),
    ] as [(String, Int64)])
func forgetAfterDurationsParse(text: String, seconds: Int64) {
    #expect(Retention.duration(parsing: text) == .seconds(seconds))
}

@Test(arguments: ["", "h", "0h", "-1h", "1.5h", "1w", "١h", "99999999999d", "24 h"])
func badForgetAfterDurationsAreRejected(text: String) {
    #expect(Retention.duration(parsing: text) == nil)
}

@Test func aPollTakenInByPartsEndsLikeOneTakenAtOnce() {
    var whole = AppState(chatID: F.chatID, width: 120, height: 40)
    var parts = whole
    parts.absorbChunk = 3
    _ = whole.apply(.pollSucceeded(poll(0..<5), now: F.start))
    _ = parts.apply(.pollSucceeded(poll(0..<5), now: F.start))
    var effects = parts.apply(.pollSucceeded(poll(3..<10), now: F.at(60)))
    #expect(effects == [.continueAbsorbing])
    #expect(parts.apply(.key(.character("n"), now: F.at(61))) == [], "keys are read between parts")
    #expect(parts.apply(.key(.character("q"), now: F.at(61))) == [.quit(.success, message: nil)])
    var steps = 0
    while effects == [.continueAbsorbing] {
        effects = parts.apply(.absorbMore)
        steps += 1
    }
    let wholeEffects = whole.apply(.pollSucceeded(poll(3..<10), now: F.at(60)))
    #expect(steps == 2)
    #expect(effects == wholeEffects)
    #expect(parts.participants == whole.participants)
    #expect(parts.sharingCount == 7)
    #expect(parts.apply(.absorbMore) == [], "nothing pending")
}

@Test func aPollOfAnotherChatDuringABigOneKeepsBothSchedules() {
    var state = AppState(chatIDs: ["a", "b"], width: 120, height: 40)
    state.absorbChunk = 2
    let many = LocationSnapshot(
        participants: (0..<5).map { Fixtures.participant("+1555000\($0)", lat: 10, lon: 10) })
    #expect(state.apply(.pollSucceeded(many, now: Fixtures.start, chat: 0)) == [.continueAbsorbing])
    let effects = state.apply(
        .pollSucceeded(LocationSnapshot(participants: [Fixtures.ana]), now: Fixtures.at(1), chat: 1))
    #expect(effects.contains { if case .schedulePoll(_, chat: 0) = $0 { true } else { false } }, "chat a's")
    #expect(effects.contains { if case .schedulePoll(_, chat: 1) = $0 { true } else { false } }, "chat b's")
    #expect(state.sharingCount == 6)
}
