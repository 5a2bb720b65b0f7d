import Foundation
import LinqModel
import MapApp
import Testing
import TextUI

private typealias F = Fixtures

/// Ten chats, newest first: "Team", "Family", then "Chat 3" ... "Chat 10".
let pickerEntries: [PickerEntry] =
    [
        PickerEntry(
            id: "id-1", title: "Team", kind: "group", others: ["Ana Lima", "+12125550102"], service: "iMessage",
            searchable: ["Team", "Ana Lima", "+14155550101", "+12125550102"]),
        PickerEntry(
            id: "id-2", title: "Family", kind: "group", others: ["Zoë", "+2348055501004"], service: "iMessage",
            searchable: ["Family", "Zoë", "+2348055501004"]),
    ]
    + (3...10).map { index in
        PickerEntry(
            id: "id-\(index)", title: "Chat \(index)", kind: "1:1", others: ["+1555010\(index)"], service: "SMS",
            searchable: ["Chat \(index)", "+1555010\(index)"])
    }

/// A picker-first state of `height` rows with the ten chats loaded.
func pickerState(width: Int = 80, height: Int = 24) -> AppState {
    var state = AppState.pickerFirst(width: width, height: height)
    _ = state.apply(.chatListProgress(pages: 1, chats: 10))
    _ = state.apply(.chatListLoaded(pickerEntries))
    return state
}

private func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
    keys.flatMap { state.apply(.key($0, now: F.start)) }
}

private func type(_ state: inout AppState, _ text: String) {
    for character in text { _ = state.apply(.key(.character(character), now: F.start)) }
}

@Test func typingFiltersCaseAndAccentInsensitivelyOverNamesAndHandles() {
    var state = pickerState()
    type(&state, "ZOE")
    #expect(state.picker.visible.map(\.id) == ["id-2"])
    _ = press(&state, .backspace, .backspace, .backspace)
    type(&state, "ana")
    #expect(state.picker.visible.map(\.id) == ["id-1"])
    _ = press(&state, .backspace, .backspace, .backspace)
    type(&state, "+15550107")
    #expect(state.picker.visible.map(\.id) == ["id-7"])
    type(&state, "x")
    #expect(state.picker.visible.isEmpty)
    #expect(press(&state, .enter) == [], "nothing to open")
}

@Test func arrowsPagesHomeAndEndMoveTheHighlight() {
    var state = pickerState(height: 8)  // 5 rows a page
    _ = press(&state, .down, .down)
    #expect(state.picker.highlightedEntry?.id == "id-3")
    _ = press(&state, .up, .up, .up)
    #expect(state.picker.highlightedEntry?.id == "id-1")
    _ = press(&state, .pageDown)
    #expect(state.picker.highlightedEntry?.id == "id-6")
    #expect(state.picker.top == 1)
    _ = press(&state, .end)
    #expect(state.picker.highlightedEntry?.id == "id-10")
    #expect(state.picker.top == 5)
    _ = press(&state, .pageUp)
    #expect(state.picker.highlightedEntry?.id == "id-5")
    _ = press(&state, .home)
    #expect(state.picker.highlightedEntry?.id == "id-1")
    #expect(state.picker.top == 0)
}

@Test func enterOpensTheHighlightedChat() {
    var state = pickerState()
    _ = press(&state, .down)
    #expect(press(&state, .enter) == [.openChats(["id-2"])])
    let map = state.watching(["id-2"])
    #expect(map.chats.map(\.id) == ["id-2"])
    #expect(!map.isPickerShown)
    #expect(map.picker.marked == ["id-2"])
}

@Test func tabMarksAndEnterOpensEveryMarkedChatInOneMap() {
    var state = pickerState()
    _ = press(&state, .tab)
    #expect(state.picker.highlightedEntry?.id == "id-2", "Tab moves down")
    _ = press(&state, .down, .tab)
    #expect(state.picker.marked == ["id-1", "id-3"])
    _ = press(&state, .up, .up, .up, .tab)
    #expect(state.picker.marked == ["id-3"], "Tab again unmarks")
    _ = press(&state, .up, .tab)
    #expect(press(&state, .enter) == [.openChats(["id-1", "id-3"])])
}

@Test func escClearsTheFilterThenLeaves() {
    var state = pickerState()
    type(&state, "team")
    #expect(press(&state, .escape) == [])
    #expect(state.picker.filter.isEmpty)
    #expect(press(&state, .escape) == [.quit(.success, message: nil)])
}

@Test func oOpensThePickerWithTheWatchedChatsMarkedAndEscGoesBack() {
    var state = pickerState()
    _ = press(&state, .tab, .tab, .enter)
    var map = state.watching(["id-1", "id-2"])
    #expect(press(&map, .character("o")) == [])
    #expect(map.isPickerShown)
    #expect(map.picker.marked == ["id-1", "id-2"])
    #expect(press(&map, .escape) == [])
    #expect(!map.isPickerShown)
    _ = press(&map, .character("o"), .enter)
    #expect(!map.isPickerShown, "Enter on the chats already watched goes back to the map")
}

@Test func theMapsOwnKeysDoNotReachThePickersFilterAndBack() {
    var state = pickerState()
    type(&state, "q")
    #expect(state.picker.filter == "q", "q filters in the picker")
    #expect(press(&state, .control("c")) == [.quit(.signal(SIGINT), message: nil)])
}

@Test func aFirstLoadThatIsUnauthorizedEndsAsTheViewerDoes() {
    var state = AppState.pickerFirst(width: 80, height: 24)
    let effects = state.apply(.chatListFailed(F.unauthorized, now: F.start))
    #expect(effects == [.quit(F.unauthorized.programExit, message: F.unauthorized.message)])
    var later = pickerState()
    #expect(later.apply(.chatListFailed(F.serverDown, now: F.start)) == [])
    #expect(later.picker.load == .failed(F.serverDown))
    #expect(later.picker.entries.count == 10, "the list stays")
}

@Test func atMostSixteenChatsCanBeMarked() {
    var state = AppState.pickerFirst(width: 80, height: 40)
    _ = state.apply(
        .chatListLoaded(
            (1...20).map {
                PickerEntry(id: "c\($0)", title: "C\($0)", kind: "1:1", others: [], service: "", searchable: [])
            }))
    for _ in 1...17 { _ = press(&state, .tab) }
    #expect(state.picker.marked.count == 16)
    #expect(state.picker.isMarkRefused)
}
