import FakeLinq
import Foundation
import Testing

/// `GET /v3/chats` filters and paging at scale, and `GET /v3/chats/{id}` with the SDK's fields.
@Suite struct ChatRoutesTests {
    func page(_ base: URL, _ items: [URLQueryItem]) async throws -> [String: Any] {
        var components = try #require(
            URLComponents(url: base.appendingPathComponent("v3/chats"), resolvingAgainstBaseURL: false))
        components.queryItems = items
        let (data, response) = try await LoopbackClient.send(try #require(components.url))
        #expect(response.statusCode == 200)
        return try #require(try LoopbackClient.object(data)["data"] as? [String: Any])
    }

    @Test func twoHundredFiftyChatsComeInThreePagesOfAHundred() async throws {
        try await FakeLinq.serving(.manyChats()) { base in
            var counts: [Int] = []
            var ids: [String] = []
            var cursor: String?
            repeat {
                let items =
                    [URLQueryItem(name: "limit", value: "100")]
                    + (cursor.map { [URLQueryItem(name: "cursor", value: $0)] } ?? [])
                let body = try await page(base, items)
                let chats = try #require(body["chats"] as? [[String: Any]])
                counts.append(chats.count)
                ids += chats.compactMap { $0["id"] as? String }
                cursor = body["next_cursor"] as? String
            } while cursor != nil
            #expect(counts == [100, 100, 50])
            #expect(Set(ids).count == 250)
            #expect(ids.first == Fixtures.manyChatID(0))
        }
    }

    @Test func fromKeepsTheChatsOfOneLine() async throws {
        try await FakeLinq.serving(FakeLinqConfiguration()) { base in
            let mine = try await page(base, [URLQueryItem(name: "from", value: Fixtures.lineNumber)])
            #expect((mine["chats"] as? [[String: Any]])?.count == Fixtures.chats.count)
            let other = try await page(base, [URLQueryItem(name: "from", value: "+19995550000")])
            #expect((other["chats"] as? [[String: Any]])?.isEmpty == true)
        }
    }

    @Test func toFindsEveryChatSharingAParticipant() async throws {
        try await FakeLinq.serving(.sharedParticipants()) { base in
            let body = try await page(
                base, [URLQueryItem(name: "to", value: Fixtures.ana.handle), URLQueryItem(name: "limit", value: "100")])
            let ids = (body["chats"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(
                ids == [
                    Fixtures.groupChatID, Fixtures.oneToOneChatID, Fixtures.teamChatID, Fixtures.familyChatID,
                    Fixtures.anaChatID,
                ])
        }
    }

    @Test func chatDetailHasTheSDKFields() async throws {
        try await FakeLinq.serving(FakeLinqConfiguration()) { base in
            let (data, response) = try await LoopbackClient.send(
                base.appendingPathComponent("v3/chats/\(Fixtures.groupChatID)"))
            #expect(response.statusCode == 200)
            let chat = try #require(try LoopbackClient.object(data)["data"] as? [String: Any])
            #expect(chat["id"] as? String == Fixtures.groupChatID)
            #expect(chat["display_name"] as? String == "Around the world")
            #expect(chat["is_group"] as? Bool == true)
            #expect(chat["service"] as? String == "iMessage")
            #expect(chat["created_at"] as? String == "2026-01-01T00:00:00Z")
            #expect(chat["updated_at"] is String)
            let handles = try #require(chat["handles"] as? [[String: Any]])
            #expect(handles.count == Fixtures.aroundTheWorld.count + 1)
            #expect(handles[0]["handle"] as? String == Fixtures.lineNumber)
            #expect(handles[0]["is_me"] as? Bool == true)
            #expect(handles[1]["is_me"] as? Bool == false)
            #expect(handles.allSatisfy { $0["service"] is String && $0["id"] is String })
        }
    }

    @Test func unknownChatDetailIs404With2001() async throws {
        try await FakeLinq.serving(FakeLinqConfiguration()) { base in
            let (data, response) = try await LoopbackClient.send(
                base.appendingPathComponent("v3/chats/\(Fixtures.unknownChatID)"))
            #expect(response.statusCode == 404)
            #expect(try LoopbackClient.apiError(data).code == 2001)
        }
    }
}
