import Contacts
import Foundation
import LinqModel
import MapApp
import Testing
import TextUI

private typealias F = Fixtures

private func named(warning: String? = nil) -> AppState {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    state.useContacts(
        ContactBook(contacts: [
            Contact(name: "Ana Lima", phones: ["+1 (415) 555-0101"]),
            Contact(name: "Bo Andersson-Featherstonehaugh", emails: ["BO@example.com"]),
        ]), warning: warning)
    _ = state.apply(.pollSucceeded(F.group, now: F.start))
    return state
}

private func firstLines(width: Int, of state: AppState) -> [String] {
    // Room for every row of the group, so no "+N more" line takes the place of one.
    var buffer = CellBuffer(width: width, height: 12)
    SidePanel(state: state, now: F.start).render(in: buffer.bounds, into: &buffer, ascii: false)
    return buffer.text.split(separator: "\n").map { String($0.reversed().drop { $0 == " " }.reversed()) }
}

@Test func panelShowsTheNameThenTheHandleDimmedWhenThereIsRoom() {
    let state = named()
    #expect(state.names == [F.ana.handle: "Ana Lima", F.bo.handle: "Bo Andersson-Featherstonehaugh"])
    #expect(firstLines(width: 40, of: state)[0] == "1 Ana Lima  +14155550101        just now")
    var buffer = CellBuffer(width: 40, height: 12)
    SidePanel(state: state, now: F.start).render(in: buffer.bounds, into: &buffer, ascii: false)
    #expect(buffer[14, 0].style.attributes.contains(.dim), "the handle is dimmed")
    #expect(!buffer[2, 0].style.attributes.contains(.dim), "the name is not")
}

@Test func aLongNameLeavesTheHandleOutAndIsCut() {
    let lines = firstLines(width: 30, of: named())
    #expect(lines[0] == "1 Ana Lima            just now")
    #expect(lines[2] == "2 Bo Andersson-Feather… 5m ago")
}

@Test func handlesWithoutAContactStayAsTheyAre() {
    let lines = firstLines(width: 40, of: named())
    #expect(!lines.joined().contains("Chen"))
    var state = named()
    _ = state.apply(.key(.character("3"), now: F.at(1)))
    #expect(state.displayName(of: F.chen.handle) == F.chen.handle)
}

@Test func aContactsProblemIsAWarningInTheStatusBar() {
    let state = named(warning: "contacts ~/c.vcf: line 3: no FN or N")
    let texts = StatusBar(state: state, now: F.start, isInteractive: true).visibleTexts(width: 200)
    #expect(texts.filter { $0 == "contacts ~/c.vcf: line 3: no FN or N" }.count == 1, "once")
}

@Test func searchFindsAContactByName() {
    let state = named()
    #expect(state.matches(for: "lima").map(\.handle) == [F.ana.handle])
    #expect(state.matches(for: "feather").map(\.handle) == [F.bo.handle])
}
