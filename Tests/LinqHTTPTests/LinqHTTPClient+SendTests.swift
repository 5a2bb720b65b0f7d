import FakeLinq
import Foundation
import LinqModel
import Testing

@testable import LinqHTTP

@Test func deleteSendsItsJSONBodyAndHeaders() async throws {
    try await withFake(fake()) { server in
        let client = client(server.baseURL)
        let body = Data(#"{"handle":"+14155550101"}"#.utf8)
        let request = try client.request(.delete, "v3/chats/\(Fixtures.chatID)/location", json: body)
        let (response, _) = try await client.send(request, progress: nil)
        #expect(response.status == 202)
        let recorded = try #require(server.requests().first)
        #expect(recorded.method == "DELETE")
        #expect(recorded.path == "/api/partner/v3/chats/\(Fixtures.chatID)/location")
        #expect(recorded.body == body)
        #expect(recorded.header("Content-Type") == "application/json")
        #expect(recorded.header("Authorization") == "Bearer \(secretKey)")
        #expect(recorded.header("Expect") == nil)
    }
}

@Test func postWithoutABodySendsAnEmptyOne() async throws {
    try await withFake(fake()) { server in
        let client = client(server.baseURL)
        let request = try client.request(.post, "v3/chats/\(Fixtures.oneToOneChatID)/location/request")
        _ = try await client.send(request, progress: nil)
        let recorded = try #require(server.requests().first)
        #expect(recorded.method == "POST")
        #expect(recorded.body.isEmpty)
        #expect(recorded.header("Content-Length") == "0")
        #expect(recorded.header("Content-Type") == nil)
    }
}

@Test func sendHandsBackAnErrorStatusWithItsHeadersAndBody() async throws {
    let scenario = Scenario.raw(
        status: 418, contentType: "text/plain", headers: ["X-Reason": "teapot"], body: Data("short and stout".utf8))
    try await withFake(fake(scenario)) { server in
        let client = client(server.baseURL, retry: .standard)
        let request = try client.request(.get, "v3/chats/\(Fixtures.chatID)/location")
        let (response, retryAfter) = try await client.send(request, progress: nil)
        #expect(response.status == 418)
        #expect(response.headers["x-reason"] == "teapot")
        #expect(response.body == Data("short and stout".utf8))
        #expect(retryAfter == nil)
        #expect(server.requests().count == 1)
    }
}

@Test func aHeaderWithALineBreakIsNeverSent() async throws {
    try await withFake(fake()) { server in
        let client = client(server.baseURL)
        var request = try client.request(.get, "v3/chats/\(Fixtures.chatID)/location")
        request.headers.append(HTTPField(name: "X-Injected", value: "a\r\nAuthorization: Bearer other"))
        await #expect(throws: FetchError.self) { try await client.send(request, progress: nil) }
        #expect(server.requests().isEmpty)
    }
}
