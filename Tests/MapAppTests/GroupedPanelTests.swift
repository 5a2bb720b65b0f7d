import Contacts
import Foundation
import LinqModel
import MapApp
import TestSupport
import Testing
import TextUI

private typealias F = Fixtures

@Test func groupedPanelSnapshot() {
    var state = twoChats(width: 120, height: 24)
    _ = state.apply(.pollFailed(F.serverDown, now: F.at(60), chat: 1))
    let buffer = ViewerFrame.render(state, now: F.at(70), options: FrameOptions(), composer: MapComposer())
    assertSnapshot(buffer, named: "frame-120x24-two-chats")
}

@Test func groupedPanelListsASharedParticipantUnderEveryChatWithOneLabel() {
    let state = twoChats(width: 120, height: 40)
    let panel = GroupedPanel(state: state, panel: SidePanel(state: state, now: F.at(10)))
    #expect(panel.groups.map(\.title) == ["Team", "Family"])
    #expect(panel.groups.map { $0.rows.map(\.label) } == [["1", "2", "3"], ["1", "4", "5"]])
    #expect(panel.groups.map(\.sharingCount) == [3, 3])
}

@Test func groupedPanelScrollsToTheSelectedParticipant() {
    var state = twoChats(width: 120, height: 40)
    _ = state.apply(.key(.character("5"), now: F.at(3)))
    let panel = GroupedPanel(state: state, panel: SidePanel(state: state, now: F.at(10)))
    var buffer = CellBuffer(width: 30, height: 5)
    panel.render(in: buffer.bounds, into: &buffer, ascii: false)
    let lines = buffer.text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0].hasPrefix("4 +61255550123"))
    #expect(lines[2].hasPrefix("5 eli@example.org"))
}

@Test func textFrameOfSeveralChatsGroupsThePanelAndUsesNames() {
    let buffer = ViewerFrame.textFrame(
        chats: [(teamID, team), (familyID, family)],
        contacts: ContactBook(contacts: [Contact(name: "Ana Lima", phones: [F.ana.handle])]), now: F.start,
        width: 120, height: 24, composer: MapComposer())
    let text = buffer.text
    #expect(text.contains("7e1a5c00") && text.contains("3 sharing"))
    #expect(text.components(separatedBy: "1 Ana Lima").count - 1 == 2, "Ana, named, under both chats")
    #expect(!text.contains("? help"))
}

@Test func helpLegendNamesTheLabels() {
    var state = twoChats(width: 120, height: 40)
    state.useContacts(ContactBook(contacts: [Contact(name: "Ana Lima", phones: [F.ana.handle])]))
    _ = state.apply(.key(.character("?"), now: F.at(3)))
    let text = ViewerFrame.render(state, now: F.at(3), options: FrameOptions(), composer: MapComposer()).text
    #expect(text.contains("1 Ana Lima   2 bo@example.com"))
}
