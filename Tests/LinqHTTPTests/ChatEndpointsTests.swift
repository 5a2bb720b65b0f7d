import FakeLinq
import Foundation
import LinqHTTP
import LinqModel
import Synchronization
import Testing

/// `chats(from:to:onPage:)` and `chat(id:)` against FakeLinq on loopback.
///
/// NB: this target has its own `Fixtures`, which hides FakeLinq's; the fake's chats are looked up by name.
@Suite struct ChatEndpointsTests {
    static let shared = FakeLinqConfiguration.sharedParticipants().chats
    static let lineNumber = "+15555550100"
    static let dayo = "+2348055501004"
    static let unknownChatID = "00000000-0000-4000-8000-000000000000"

    static func id(of name: String) -> String {
        shared.first { $0.displayName == name }?.id ?? "missing"
    }

    func client(_ base: URL) -> LinqHTTPClient {
        LinqHTTPClient(
            configuration: ClientConfiguration(
                baseURL: base, apiKey: "test-key", userAgent: "linq-map/test", timeout: .seconds(20),
                retry: RetryPolicy(maxRetries: 0)))
    }

    @Test func listFollowsTheCursorThroughThreePages() async throws {
        let server = try await FakeLinq.start(.manyChats())
        let pages = Mutex<[Int]>([])
        let chats = try await client(server.baseURL).chats(from: nil, to: nil) { page, _ in
            pages.withLock { $0.append(page) }
        }
        #expect(chats.count == 250)
        #expect(pages.withLock { $0 } == [1, 2, 3])
        let queries = server.requests().map(\.query)
        #expect(queries.map { $0["limit"] } == ["100", "100", "100"])
        #expect(queries.map { $0["cursor"] } == [nil, "c100", "c200"])
        #expect(chats[6].isGroup && chats[6].otherHandles.count == 3)
        #expect(chats[0].ownHandles == [Self.lineNumber])
        await server.stop()
    }

    @Test func fromAndToAreSentAndFilter() async throws {
        let server = try await FakeLinq.start(.sharedParticipants())
        let chats = try await client(server.baseURL).chats(from: Self.lineNumber, to: Self.dayo)
        #expect(
            chats.map(\.id) == [Self.id(of: "Around the world"), Self.id(of: "Quiet group"), Self.id(of: "Family")])
        #expect(
            server.requests().first?.query == ["limit": "100", "from": Self.lineNumber, "to": Self.dayo])
        await server.stop()
    }

    @Test func oneChatHasItsNameHandlesAndService() async throws {
        try await FakeLinq.serving(.sharedParticipants()) { base in
            let chat = try await client(base).chat(id: Self.id(of: "Team"))
            #expect(chat.displayName == "Team")
            #expect(chat.isGroup)
            #expect(chat.otherHandles == Self.shared.first { $0.displayName == "Team" }?.handles)
            #expect(chat.ownHandles == [Self.lineNumber])
            #expect(chat.service == "iMessage")
            #expect(chat.createdAt == Date(timeIntervalSince1970: 1_767_225_600))
        }
    }

    @Test func unknownChatIsChatNotFound() async throws {
        try await FakeLinq.serving(FakeLinqConfiguration()) { base in
            await #expect {
                try await client(base).chat(id: Self.unknownChatID)
            } throws: { error in
                guard case .chatNotFound(let chatID, let api)? = error as? FetchError else { return false }
                return chatID == Self.unknownChatID && api.code == 2001
            }
        }
    }
}
