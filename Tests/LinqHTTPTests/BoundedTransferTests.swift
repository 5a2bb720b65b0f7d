import FlyingFox
import Foundation
import LinqHTTP
import LinqModel
import Testing

@Test func redirectIsRefusedAndTheKeyIsNotSentOn() async throws {
    try await TestServer.serving({ _, _ in TestServer.json(200, Fixtures.locationBody) }) { elsewhere, elsewhereLog in
        let target = elsewhere.absoluteString + "/v3/chats/\(Fixtures.chatID)/location"
        let redirect = HTTPResponse(statusCode: .found, headers: HTTPHeaders([.location: target]))
        try await TestServer.serving({ _, _ in redirect }) { url, log in
            await #expect(throws: FetchError.redirect(status: 302, location: target)) {
                try await client(url, retry: .standard).locations(chat: Fixtures.chatID)
            }
            #expect(log.count == 1)
        }
        #expect(elsewhereLog.count == 0)
    }
}

@Test func declaredOversizedBodyIsRefusedBeforeReadingIt() async throws {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(1 << 30)\r\n\r\n"
    let server = try RawSocketServer(head: head, chunk: Data(repeating: 0x20, count: 64 << 10), limit: 1 << 30)
    await #expect(throws: FetchError.tooLarge(limitBytes: 10 << 20)) {
        try await client(server.baseURL, retry: .standard).locations(chat: Fixtures.chatID)
    }
    _ = await server.finished()
    // Whatever FoundationNetworking read before its cancel took effect was dropped, never kept. Peak memory
    // is measured per process by scripts/faults.sh: this test process runs other suites' big bodies at once.
}

@Test func endlessBodyIsCutOffWithBoundedMemory() async throws {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
    let server = try RawSocketServer(head: head, chunk: Data(repeating: 0x20, count: 64 << 10), limit: 1 << 30)
    await #expect(throws: FetchError.tooLarge(limitBytes: 10 << 20)) {
        try await client(server.baseURL, retry: .standard).locations(chat: Fixtures.chatID)
    }
    // NB: FoundationNetworking's cancel() waits for a work queue that a fast sender keeps busy, so on loopback
    // it may read on (and drop) hundreds of MiB before the connection closes (measured on a loaded 2-core
    // machine). Memory stays bounded: the whole test process stays far below the 1 GiB the server offers.
    let written = await server.finished()
    #expect(written > 10 << 20)
}

@Test func bodyJustUnderTheCapIsAccepted() async throws {
    let padding = String(repeating: " ", count: (10 << 20) - Fixtures.locationBody.utf8.count - 1)
    try await TestServer.serving({ _, _ in TestServer.json(200, Fixtures.locationBody + padding) }) { url, _ in
        let snapshot = try await client(url).locations(chat: Fixtures.chatID)
        #expect(snapshot.participants.count == 2)
    }
}

@Test func attemptDeadlineEndsAReplyThatNeverComes() async throws {
    try await TestServer.serving({ _, _ in
        try await Task.sleep(for: .seconds(3600))  // never answers; cancelled when the server stops
        return TestServer.json(200, "{}")
    }) { url, log in
        let live = LinqHTTPClient(
            configuration: ClientConfiguration(
                baseURL: url, apiKey: Fixtures.apiKey, userAgent: "t", timeout: .seconds(1), retry: .none),
            clock: ContinuousClock())
        await #expect {
            try await live.locations(chat: Fixtures.chatID)
        } throws: { error in
            guard case FetchError.unavailable(let reason, nil, nil) = error else { return false }
            return reason.contains("no answer")
        }
    }
}

@Test func bodyWhoseBytesNeverComeHitsTheDeadline() async throws {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"succ"
    let server = try RawSocketServer(head: head, chunk: Data())
    let live = LinqHTTPClient(
        configuration: ClientConfiguration(
            baseURL: server.baseURL, apiKey: Fixtures.apiKey, userAgent: "t", timeout: .seconds(1), retry: .none),
        clock: ContinuousClock())
    await #expect {
        try await live.locations(chat: Fixtures.chatID)
    } throws: { error in
        (error as? FetchError)?.exitCode == 69
    }
    _ = await server.finished()
}

@Test func refusedConnectionIsUnavailable() async throws {
    // Nothing listens on port 1 of loopback; connecting fails at once.
    let url = try #require(URL(string: "http://127.0.0.1:1"))
    await #expect {
        try await client(url).locations(chat: Fixtures.chatID)
    } throws: { error in
        guard case FetchError.unavailable(let reason, nil, nil) = error else { return false }
        return reason.contains("127.0.0.1") && !reason.contains(Fixtures.apiKey)
    }
}

@Test func cancellingTheCallerEndsTheFetchAsCancelled() async throws {
    try await TestServer.serving({ _, _ in
        try await Task.sleep(for: .seconds(3600))
        return TestServer.json(200, "{}")
    }) { url, log in
        let fetch = Task { () async throws(FetchError) -> LocationSnapshot in
            try await client(url).locations(chat: Fixtures.chatID)
        }
        for await _ in log.arrivals { break }  // the request reached the server
        fetch.cancel()
        let result = await fetch.result
        #expect(throws: FetchError.cancelled) { try result.get() }
    }
}
