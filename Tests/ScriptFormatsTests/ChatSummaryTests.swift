import Foundation
import LinqModel
import ScriptFormats
import Testing

private let me = "+15555550100"

@Test func titleIsTheDisplayNameElseTheOthersNames() {
    let named = Chat(id: "a", displayName: "Team", handles: [me, "+1", "+2"], isGroup: true, ownHandles: [me])
    #expect(ChatSummary(named, names: ["+1": "Ana"]).title == "Team")
    #expect(ChatSummary(named, names: ["+1": "Ana"]).others == ["Ana", "+2"])
    let unnamed = Chat(id: "b", displayName: "+1", handles: [me, "+1"], ownHandles: [me])
    #expect(ChatSummary(unnamed, names: ["+1": "Ana"]).title == "Ana")
    #expect(ChatSummary(unnamed, names: [:]).kind == "1:1")
    #expect(ChatSummary(Chat(id: "c", handles: [me], ownHandles: [me]), names: [:]).title == "(no name)")
}

@Test func filterLooksAtNamesHandlesAndContactNamesIgnoringCase() {
    let chat = Chat(
        id: "a", displayName: "Field team", handles: [me, "+14155550101", "jo@example.com"], ownHandles: [me])
    let summary = ChatSummary(chat, names: ["+14155550101": "Ana Conceição"])
    #expect(summary.matches("FIELD"))
    #expect(summary.matches("conceicao"))
    #expect(summary.matches("4155550101"))
    #expect(summary.matches("JO@"))
    #expect(summary.matches(""))
    #expect(!summary.matches("Lagos"))
    #expect(!summary.matches("5555550100"))
}

@Test func newestChatsComeFirst() {
    let base = Date(timeIntervalSince1970: 1_767_225_600)
    let chats = [
        Chat(id: "old", updatedAt: base), Chat(id: "none"), Chat(id: "new", updatedAt: base.addingTimeInterval(60)),
        Chat(id: "old-too", updatedAt: base),
    ]
    #expect(ChatSummary.newestFirst(chats, names: [:]).map(\.chat.id) == ["new", "old", "old-too", "none"])
}
