import Foundation
import LinqModel
import Testing

@Test func decodesTheSDKShapeWithHandleObjects() throws {
    let text = #"""
        {"chats":[{"id":"c1","display_name":"Trip","service":"iMessage","is_archived":false,"is_group":true,
          "handles":[{"id":"h1","handle":"+15555550101","service":"iMessage","is_me":true},{"handle":"ana@example.com"},
                     {"handle":"+15555550102"}],"created_at":"2026-01-01T00:00:00Z"}],
         "next_cursor":"20"}
        """#
    let page = try ChatListDecoder.page(status: 200, body: Data(text.utf8))
    #expect(
        page.chats == [
            Chat(
                id: "c1", displayName: "Trip", handles: ["+15555550101", "ana@example.com", "+15555550102"],
                isGroup: true, ownHandles: ["+15555550101"], service: "iMessage",
                createdAt: Date(timeIntervalSince1970: 1_767_225_600))
        ])
    #expect(page.nextCursor == "20")
}

@Test func decodesTheEnvelopeShapeWithStringHandles() throws {
    let text = #"""
        {"success":true,"data":{"chats":[{"id":"c2","display_name":null,"handles":["+1","+2"],"is_group":false},
          {"id":"c3","handles":["+1","+2","+3"]}],"next_cursor":null}}
        """#
    let page = try ChatListDecoder.page(status: 200, body: Data(text.utf8))
    #expect(
        page.chats == [
            Chat(id: "c2", handles: ["+1", "+2"]), Chat(id: "c3", handles: ["+1", "+2", "+3"], isGroup: true),
        ])
    #expect(page.nextCursor == nil)
}

@Test func chatsWithoutIDAreSkippedWithAWarning() throws {
    let page = try ChatListDecoder.page(status: 200, body: Data(#"{"chats":[{"display_name":"x"},{"id":"c"}]}"#.utf8))
    #expect(page.chats.map(\.id) == ["c"])
    #expect(page.warnings == ["skipped chat 1: no id"])
    #expect(page.nextCursor == nil)
}

@Test(arguments: [#"{"chats":{}}"#, #"{"success":true,"data":{}}"#, "[]", "nope", #"{"chats":[],"next_cursor":[]}"#])
func notAChatPageIsMalformed(text: String) {
    #expect {
        try ChatListDecoder.page(status: 200, body: Data(text.utf8))
    } throws: { error in
        (error as? FetchError)?.exitCode == 65
    }
}

@Test func notFoundOnTheChatListIsAClientError() {
    let text = #"{"success":false,"error":{"status":404,"code":2001,"message":"nope","doc_url":"https://d"}}"#
    #expect(throws: FetchError.clientError(APIError(status: 404, code: 2001, message: "nope", docURL: "https://d"))) {
        try ChatListDecoder.page(status: 404, body: Data(text.utf8))
    }
}

@Test func anOddValueInOneChatDoesNotRefuseTheList() throws {
    let text = #"{"chats":[{"id":"a","display_name":"\ud800","unread":1e999},{"id":"b"}],"next_cursor":null}"#
    let page = try ChatListDecoder.page(status: 200, body: Data(text.utf8))
    #expect(page.chats.map(\.id) == ["a", "b"])
    #expect(page.chats[0].displayName == nil)
}
