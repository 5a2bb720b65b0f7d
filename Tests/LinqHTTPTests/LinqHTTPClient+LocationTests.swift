import FakeLinq
import Foundation
import LinqModel
import Testing

@testable import LinqHTTP

/// The standard chats plus a 1:1 SMS chat with Chloe, on the tests' fixed clock and key.
private func actionServer() -> FakeLinqConfiguration {
    var configuration = fake()
    configuration.chats.append(
        FakeChat(
            id: smsChatID, displayName: "Chloe", handles: [Fixtures.chloe.handle], isGroup: false, scenario: .empty,
            service: "SMS"))
    return configuration
}

private let smsChatID = "5c9e1a2b-7d3f-4b6e-8a1c-00000000005e"

@Test func locationRequestPostsOnceAndReadsTheMessage() async throws {
    try await withFake(actionServer()) { server in
        let message = try await client(server.baseURL, retry: .standard).requestLocation(
            chat: Fixtures.notSharingChatID)
        #expect(message == "Location request sent")
        let recorded = try #require(server.requests().first)
        #expect(recorded.method == "POST")
        #expect(recorded.path == "/api/partner/v3/chats/\(Fixtures.notSharingChatID)/location/request")
        #expect(recorded.body.isEmpty)
        #expect(recorded.header("Authorization") == "Bearer \(secretKey)")
    }
}

@Test func anAskedPersonSharesAFewPollsLater() async throws {
    try await withFake(actionServer()) { server in
        let client = client(server.baseURL)
        #expect(try await client.locations(chat: Fixtures.notSharingChatID).participants.isEmpty)
        _ = try await client.requestLocation(chat: Fixtures.notSharingChatID)
        var polls: [[String]] = []
        for _ in 0..<4 {
            polls.append(try await client.locations(chat: Fixtures.notSharingChatID).participants.map(\.handle))
        }
        // The prompt is accepted after a poll or two: listed from the second poll after the request.
        #expect(polls == [[], [], [Fixtures.ben.handle], [Fixtures.ben.handle]])
    }
}

@Test(arguments: [
    (Fixtures.oneToOneChatID, 2015), (Fixtures.groupChatID, 2016), (smsChatID, 2017),
])
func locationRequestRefusalsAreConflictsWithTheirCodes(chat: String, code: Int) async throws {
    try await withFake(actionServer()) { server in
        // The SDKs retry a 409; this endpoint never does.
        let client = client(server.baseURL, retry: .standard)
        let error = await #expect(throws: FetchError.self) { try await client.requestLocation(chat: chat) }
        #expect(error?.api?.status == 409)
        #expect(error?.apiCode == code)
        #expect(server.requests().count == 1)
    }
}

@Test func aRepeatedRequestIsRateLimitedWithRetryAfterAndNotRetried() async throws {
    try await withFake(actionServer()) { server in
        let client = client(server.baseURL, retry: .standard)
        _ = try await client.requestLocation(chat: Fixtures.notSharingChatID)
        let error = await #expect(throws: FetchError.self) {
            try await client.requestLocation(chat: Fixtures.notSharingChatID)
        }
        #expect(error?.api?.status == 429)
        #expect(error?.retryAfter == .seconds(60))
        #expect(server.requests().count == 2)
    }
}

@Test func locationRequestToAnUnknownChatIsChatNotFound() async throws {
    try await withFake(actionServer()) { server in
        let error = await #expect(throws: FetchError.self) {
            try await client(server.baseURL).requestLocation(chat: Fixtures.unknownChatID)
        }
        guard case .chatNotFound(let chatID, _)? = error else {
            Issue.record("expected chatNotFound, got \(String(describing: error))")
            return
        }
        #expect(chatID == Fixtures.unknownChatID)
    }
}

@Test func stoppingAShareDeletesWithTheHandleAndTheParticipantDisappears() async throws {
    try await withFake(actionServer()) { server in
        let client = client(server.baseURL, retry: .standard)
        #expect(
            try await client.locations(chat: Fixtures.oneToOneChatID).participants.map(\.handle) == [
                Fixtures.ana.handle
            ])
        let message = try await client.stopLocation(chat: Fixtures.oneToOneChatID, handle: Fixtures.ana.handle)
        #expect(message == "Location sharing stop requested")
        let recorded = try #require(server.requests().last)
        #expect(recorded.method == "DELETE")
        #expect(recorded.path == "/api/partner/v3/chats/\(Fixtures.oneToOneChatID)/location")
        #expect(recorded.header("Content-Type") == "application/json")
        #expect(try JSONValue.parse(recorded.body)["handle"]?.stringValue == Fixtures.ana.handle)
        // Sharing is per contact: Ana is gone from the group chat too.
        #expect(try await client.locations(chat: Fixtures.oneToOneChatID).participants.isEmpty)
        let group = try await client.locations(chat: Fixtures.groupChatID).participants.map(\.handle)
        #expect(!group.contains(Fixtures.ana.handle))

        let error = await #expect(throws: FetchError.self) {
            try await client.stopLocation(chat: Fixtures.oneToOneChatID, handle: Fixtures.ana.handle)
        }
        #expect(error?.api?.status == 404)
        #expect(server.requests().count == 5)
    }
}

@Test func aLongRateLimitIsReportedNotWaitedFor() async throws {
    var configuration = actionServer()
    configuration.locationRequestRetryAfterSeconds = 240
    try await withFake(configuration) { server in
        let client = client(server.baseURL, retry: .standard)
        _ = try await client.requestLocation(chat: Fixtures.notSharingChatID)
        let error = await #expect(throws: FetchError.self) {
            try await client.requestLocation(chat: Fixtures.notSharingChatID)
        }
        #expect(error?.retryAfter == .seconds(240))
        #expect(server.requests().count == 2)
    }
}

@Test func aBareAcceptedStopIsASuccess() async throws {
    let response = Array("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
    try await withRawFault(.verbatim(response)) { server in
        let message = try await client(server.baseURL).stopLocation(chat: Fixtures.chatID, handle: Fixtures.ana.handle)
        #expect(message == "done")
    }
}
