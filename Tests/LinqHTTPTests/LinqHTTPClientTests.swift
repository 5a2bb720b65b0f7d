import FlyingFox
import Foundation
import LinqHTTP
import LinqModel
import Synchronization
import Testing

@Test func fetchDecodesParticipantsAndSendsTheSDKHeaders() async throws {
    try await TestServer.serving({ _, _ in TestServer.json(200, Fixtures.locationBody) }) { url, log in
        let snapshot = try await client(url).locations(chat: Fixtures.chatID)
        #expect(snapshot.participants.map(\.handle) == ["+61255501234", "ana@example.com"])
        #expect(snapshot.participants[1].coordinate.altitude == 35)
        let request = try #require(log.all.first)
        #expect(log.count == 1)
        #expect(request.method == "GET")
        #expect(request.path == "/v3/chats/\(Fixtures.chatID)/location")
        #expect(request.headers["authorization"] == "Bearer \(Fixtures.apiKey)")
        #expect(request.headers["accept"] == "application/geo+json")
        #expect(request.headers["user-agent"] == "linq-map/9.9.9-test")
    }
}

@Test func trailingSlashOnTheBaseIsFine() async throws {
    try await TestServer.serving({ _, _ in TestServer.json(200, Fixtures.locationBody) }) { url, log in
        let base = try #require(URL(string: url.absoluteString + "/api/partner/"))
        _ = try await client(base).locations(chat: Fixtures.chatID)
        #expect(log.all.first?.path == "/api/partner/v3/chats/\(Fixtures.chatID)/location")
    }
}

@Test(arguments: [
    (401, 2004, Int32(77)), (403, 2005, 77), (404, 2001, 66), (400, 1002, 76), (422, 1003, 76), (500, 3006, 69),
    (429, 4001, 69),
])
func eachStatusBecomesItsTypedError(status: Int, code: Int, exitCode: Int32) async throws {
    try await TestServer.serving({ _, _ in TestServer.apiError(status, code: code) }) { url, log in
        await #expect {
            try await client(url).locations(chat: Fixtures.chatID)
        } throws: { error in
            guard let error = error as? FetchError else { return false }
            return error.exitCode == exitCode && error.apiCode == code
                && error.message == "error \(code): failure \(code) (HTTP \(status), https://docs.example/\(code))"
                && !error.message.contains(Fixtures.apiKey)
        }
        #expect(log.count == 1)
    }
}

@Test func notFoundNamesTheChat() async throws {
    try await TestServer.serving({ _, _ in TestServer.apiError(404, code: 2001) }) { url, _ in
        await #expect {
            try await client(url).locations(chat: Fixtures.chatID)
        } throws: { error in
            guard case FetchError.chatNotFound(let chatID, _) = error else { return false }
            return chatID == Fixtures.chatID
        }
    }
}

@Test func htmlErrorPageNamesTheStatus() async throws {
    let page = HTTPResponse(
        statusCode: .badGateway, headers: [.contentType: "text/html"], body: Data("<html>Bad Gateway</html>".utf8))
    try await TestServer.serving({ _, _ in page }) { url, _ in
        await #expect {
            try await client(url).locations(chat: Fixtures.chatID)
        } throws: { error in
            guard let error = error as? FetchError else { return false }
            return error.exitCode == 69 && error.message.contains("HTTP 502")
        }
    }
}

@Test func serverErrorsAreRetriedWithThePolicysBackoff() async throws {
    let clock = RecordingClock()
    let progress = ProgressLog()
    try await TestServer.serving({ _, index in
        index < 2 ? TestServer.apiError(503, code: 3000) : TestServer.json(200, Fixtures.locationBody)
    }) { url, log in
        let snapshot = try await client(url, retry: .standard, clock: clock, seed: 42).locations(
            chat: Fixtures.chatID, progress: progress.record)
        #expect(snapshot.participants.count == 2)
        #expect(log.count == 3)
    }
    var random = SplitMix64(seed: 42)
    let first = RetryPolicy.standard.backoff(attempt: 1, random: &random)
    let second = RetryPolicy.standard.backoff(attempt: 2, random: &random)
    #expect(clock.sleeps == [first, second])
    #expect(
        progress.all == [
            .attempt(number: 1, of: 3), .waiting(before: 2, delay: first, reason: "HTTP 503"),
            .attempt(number: 2, of: 3), .waiting(before: 3, delay: second, reason: "HTTP 503"),
            .attempt(number: 3, of: 3),
        ])
}

@Test func retriesRunOutAsUnavailableWithTheLastAPIError() async throws {
    let clock = RecordingClock()
    try await TestServer.serving({ _, _ in TestServer.apiError(500, code: 3006) }) { url, log in
        await #expect {
            try await client(url, retry: .standard, clock: clock).locations(chat: Fixtures.chatID)
        } throws: { error in
            guard case FetchError.unavailable(_, nil, let api) = error else { return false }
            return api?.code == 3006
        }
        #expect(log.count == 3)
    }
    #expect(clock.sleeps.count == 2)
}

@Test func retryAfterIsWaitedExactly() async throws {
    let clock = RecordingClock()
    try await TestServer.serving({ _, index in
        switch index {
        case 0: TestServer.apiError(429, code: 4001, headers: ["Retry-After": "3"])
        case 1: TestServer.apiError(429, code: 4001, headers: ["Retry-After": "Sat, 28 Nov 2026 10:00:07 GMT"])
        default: TestServer.json(200, Fixtures.locationBody)
        }
    }) { url, log in
        _ = try await client(url, retry: .standard, clock: clock).locations(chat: Fixtures.chatID)
        #expect(log.count == 3)
    }
    #expect(clock.sleeps == [.seconds(3), .seconds(7)])
}

@Test func retryAfterOverSixtySecondsFailsAtOnceAndCarriesIt() async throws {
    let clock = RecordingClock()
    try await TestServer.serving({ _, _ in TestServer.apiError(429, code: 4001, headers: ["Retry-After": "120"]) }) {
        url, log in
        await #expect {
            try await client(url, retry: .standard, clock: clock).locations(chat: Fixtures.chatID)
        } throws: { error in
            guard let error = error as? FetchError else { return false }
            return error.exitCode == 69 && error.retryAfter == .seconds(120) && error.apiCode == 4001
        }
        #expect(log.count == 1)
    }
    #expect(clock.sleeps.isEmpty)
}

@Test func shouldRetryFalseStopsRetrying() async throws {
    try await TestServer.serving({ _, _ in TestServer.apiError(503, code: 3000, headers: ["x-should-retry": "false"]) })
    {
        url, log in
        await #expect(throws: FetchError.self) {
            try await client(url, retry: .standard).locations(chat: Fixtures.chatID)
        }
        #expect(log.count == 1)
    }
}

@Test(arguments: [(200, "{\"success\": tru"), (200, "[1e400]"), (400, #"{"success":false}"#)])
func malformedBodiesAndOtherClientErrorsAreNotRetried(status: Int, body: String) async throws {
    try await TestServer.serving({ _, _ in TestServer.json(status, body) }) { url, log in
        await #expect {
            try await client(url, retry: .standard).locations(chat: Fixtures.chatID)
        } throws: { error in
            guard let error = error as? FetchError else { return false }
            return error.exitCode == (status == 200 ? 65 : 76)
        }
        #expect(log.count == 1)
    }
}

@Test func chatListFollowsCursorsUntilNull() async throws {
    try await TestServer.serving({ request, _ in
        let cursor = request.query.first { $0.name == "cursor" }?.value
        switch cursor {
        case nil:
            return TestServer.json(
                200,
                #"{"chats":[{"id":"c1","display_name":"Trip","handles":[{"handle":"+15555550101"},{"handle":"+15555550102"},{"handle":"+15555550103"}],"is_group":true}],"next_cursor":"p2"}"#
            )
        default:
            return TestServer.json(
                200,
                #"{"chats":[{"id":"c2","display_name":null,"handles":[{"handle":"+15555550104"}],"is_group":false}],"next_cursor":null}"#
            )
        }
    }) { url, log in
        let chats = try await client(url).chats(from: "+15555550100")
        #expect(chats.map(\.id) == ["c1", "c2"])
        #expect(chats[0].isGroup && !chats[1].isGroup)
        #expect(chats[0].handles.count == 3)
        let requests = log.all
        #expect(requests.count == 2)
        #expect(requests.map(\.path) == ["/v3/chats", "/v3/chats"])
        #expect(requests[0].query == ["limit": "100", "from": "+15555550100"])
        #expect(requests[1].query == ["limit": "100", "from": "+15555550100", "cursor": "p2"])
        #expect(requests[0].headers["accept"] == "application/json")
        #expect(requests[0].headers["authorization"] == "Bearer \(Fixtures.apiKey)")
    }
}

@Test func chatListRepeatingItsCursorIsMalformed() async throws {
    try await TestServer.serving({ _, _ in TestServer.json(200, #"{"chats":[],"next_cursor":"same"}"#) }) { url, log in
        await #expect {
            try await client(url).chats(from: nil)
        } throws: { error in
            (error as? FetchError)?.exitCode == 65
        }
        #expect(log.count == 2)
        #expect(log.all.first?.query == ["limit": "100"])
    }
}

@Test func aTimedOutAttemptIsRetried() async throws {
    let clock = RecordingClock(expiringDeadlines: 1)
    let progress = ProgressLog()
    let isAnswering = Mutex(false)
    try await TestServer.serving({ _, _ in
        // Silent until the second attempt starts, so the first can only end by its (expired) deadline.
        while !isAnswering.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
        return TestServer.json(200, Fixtures.locationBody)
    }) { url, _ in
        let snapshot = try await client(url, retry: .standard, clock: clock).locations(chat: Fixtures.chatID) {
            event in
            progress.record(event)
            if event == .attempt(number: 2, of: 3) { isAnswering.withLock { $0 = true } }
        }
        #expect(snapshot.participants.count == 2)
    }
    var random = SplitMix64(seed: 1)
    let wait = RetryPolicy.standard.backoff(attempt: 1, random: &random)
    #expect(
        progress.all == [
            .attempt(number: 1, of: 3), .waiting(before: 2, delay: wait, reason: "timeout"), .attempt(number: 2, of: 3),
        ])
    #expect(clock.sleeps == [wait])
}

@Test func aRetryThatWouldOverrunTheFetchBudgetIsNotWaitedFor() async throws {
    let clock = RecordingClock()
    try await TestServer.serving({ _, _ in TestServer.apiError(429, code: 4001, headers: ["Retry-After": "50"]) }) {
        url, log in
        await #expect {
            try await client(url, retry: .standard, clock: clock).locations(chat: Fixtures.chatID)
        } throws: { error in
            (error as? FetchError)?.retryAfter == .seconds(50)
        }
        // 50 s fits in the 75 s budget once; a second 50 s wait would not.
        #expect(log.count == 2)
    }
    #expect(clock.sleeps == [.seconds(50)])
}

@Test func acceptsAClockAsAnExistential() async throws {
    let clock: any Clock<Duration> = RecordingClock()
    try await TestServer.serving({ _, _ in TestServer.json(200, Fixtures.locationBody) }) { url, _ in
        let live = LinqHTTPClient(
            configuration: ClientConfiguration(baseURL: url, apiKey: Fixtures.apiKey, userAgent: "t"), clock: clock)
        let snapshot = try await live.locations(chat: Fixtures.chatID)
        #expect(snapshot.participants.count == 2)
    }
}
