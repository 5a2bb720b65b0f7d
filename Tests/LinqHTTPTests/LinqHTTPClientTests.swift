import FakeLinq
import Foundation
import LinqHTTP
import LinqModel
import Synchronization
import Testing

@Test func fetchDecodesParticipantsAndSendsTheSDKHeaders() async throws {
    try await withFake(fake()) { server in
        let snapshot = try await client(server.baseURL).locations(chat: Fixtures.chatID)
        #expect(snapshot.participants.map(\.handle) == Fixtures.aroundTheWorld.map(\.handle))
        let requests = server.requests()
        let request = try #require(requests.first)
        #expect(requests.count == 1)
        #expect(request.method == "GET")
        #expect(request.path == "/api/partner/v3/chats/\(Fixtures.chatID)/location")
        #expect(request.header("Authorization") == "Bearer \(secretKey)")
        #expect(request.header("Accept") == "application/geo+json")
        #expect(request.header("User-Agent") == "linq-map/9.9.9-test")
        #expect(request.header("Accept-Encoding") == "gzip, deflate")
    }
}

@Test func trailingSlashOnTheBaseIsFine() async throws {
    try await withFake(fake()) { server in
        let base = try #require(URL(string: server.baseURL.absoluteString + "/"))
        _ = try await client(base).locations(chat: Fixtures.chatID)
        #expect(server.requests().first?.path == "/api/partner/v3/chats/\(Fixtures.chatID)/location")
    }
}

@Test(arguments: [
    (401, 2004, Int32(77)), (403, 2005, 77), (404, 2001, 66), (400, 1002, 76), (422, 1003, 76), (500, 3006, 69),
    (429, 4001, 69),
])
func eachStatusBecomesItsTypedError(status: Int, code: Int, exitCode: Int32) async throws {
    try await withFake(fake(.apiError(status: status, code: code, message: "failure \(code)"))) { server in
        await #expect {
            try await client(server.baseURL).locations(chat: Fixtures.chatID)
        } throws: { error in
            guard let error = error as? FetchError else { return false }
            return error.exitCode == exitCode && error.apiCode == code
                && error.message
                    == "error \(code): failure \(code) (HTTP \(status), https://docs.linqapp.com/errors/\(code))"
                && !error.message.contains(secretKey)
        }
        #expect(server.requests().count == 1)
    }
}

@Test func notFoundNamesTheChat() async throws {
    try await withFake(fake(.notFound)) { server in
        await #expect {
            try await client(server.baseURL).locations(chat: Fixtures.chatID)
        } throws: { error in
            guard case FetchError.chatNotFound(let chatID, _) = error else { return false }
            return chatID == Fixtures.chatID
        }
    }
}

@Test func htmlErrorPageNamesTheStatus() async throws {
    try await withFake(fake(.htmlErrorPage)) { server in
        await #expect {
            try await client(server.baseURL).locations(chat: Fixtures.chatID)
        } throws: { error in
            guard let error = error as? FetchError else { return false }
            return error.exitCode == 69 && error.message.contains("HTTP 502")
        }
    }
}

@Test func serverErrorsAreRetriedWithThePolicysBackoff() async throws {
    let clock = RecordingClock()
    let progress = ProgressLog()
    try await withFake(fake(.serverErrorThenRecovery(failures: 2, then: .aroundTheWorld))) { server in
        let snapshot = try await client(server.baseURL, retry: .standard, clock: clock, seed: 42).locations(
            chat: Fixtures.chatID, progress: progress.record)
        #expect(snapshot.participants.count == Fixtures.aroundTheWorld.count)
        #expect(server.requests().count == 3)
    }
    var random = SplitMix64(seed: 42)
    let first = RetryPolicy.standard.backoff(attempt: 1, random: &random)
    let second = RetryPolicy.standard.backoff(attempt: 2, random: &random)
    #expect(clock.sleeps == [first, second])
    #expect(
        progress.all == [
            .attempt(number: 1, of: 3), .waiting(before: 2, delay: first, reason: "HTTP 500"),
            .attempt(number: 2, of: 3), .waiting(before: 3, delay: second, reason: "HTTP 500"),
            .attempt(number: 3, of: 3),
        ])
}

@Test func retriesRunOutAsUnavailableWithTheLastAPIError() async throws {
    let clock = RecordingClock()
    try await withFake(fake(.serverError)) { server in
        await #expect {
            try await client(server.baseURL, retry: .standard, clock: clock).locations(chat: Fixtures.chatID)
        } throws: { error in
            guard case FetchError.unavailable(_, nil, let api) = error else { return false }
            return api?.code == 3006
        }
        #expect(server.requests().count == 3)
    }
    #expect(clock.sleeps.count == 2)
}

@Test func retryAfterIsWaitedExactly() async throws {
    let clock = RecordingClock()
    let scenario = Scenario.failing(
        first: 1, with: .rateLimited(retryAfter: .seconds(3)),
        then: .failing(first: 2, with: .rateLimited(retryAfter: .date(fromNow: .seconds(7))), then: .aroundTheWorld))
    try await withFake(fake(scenario)) { server in
        _ = try await client(server.baseURL, retry: .standard, clock: clock).locations(chat: Fixtures.chatID)
        #expect(server.requests().count == 3)
    }
    #expect(clock.sleeps == [.seconds(3), .seconds(7)])
}

@Test(arguments: ["0x10", "0.001", "1e308", "1e9", "soon"])
func retryAfterThatIsNotSecondsFallsBackToTheBackoff(value: String) async throws {
    let clock = RecordingClock()
    try await withFake(fake(.failing(first: 1, with: .rateLimited(retryAfter: .text(value)), then: .aroundTheWorld))) {
        server in
        _ = try await client(server.baseURL, retry: .standard, clock: clock, seed: 7).locations(chat: Fixtures.chatID)
        #expect(server.requests().count == 2)
    }
    var random = SplitMix64(seed: 7)
    #expect(clock.sleeps == [RetryPolicy.standard.backoff(attempt: 1, random: &random)])
}

@Test func retryAfterOverSixtySecondsFailsAtOnceAndCarriesIt() async throws {
    let clock = RecordingClock()
    try await withFake(fake(.rateLimited(retryAfter: .seconds(120)))) { server in
        await #expect {
            try await client(server.baseURL, retry: .standard, clock: clock).locations(chat: Fixtures.chatID)
        } throws: { error in
            guard let error = error as? FetchError else { return false }
            return error.exitCode == 69 && error.retryAfter == .seconds(120) && error.apiCode == 1003
        }
        #expect(server.requests().count == 1)
    }
    #expect(clock.sleeps.isEmpty)
}

@Test func shouldRetryFalseStopsRetrying() async throws {
    try await withFake(fake(.headers(["x-should-retry": "false"], then: .serverError))) { server in
        await #expect(throws: FetchError.self) {
            try await client(server.baseURL, retry: .standard).locations(chat: Fixtures.chatID)
        }
        #expect(server.requests().count == 1)
    }
}

@Test(arguments: [(200, "{\"success\": tru"), (200, "[1e400]"), (400, #"{"success":false}"#)])
func malformedBodiesAndOtherClientErrorsAreNotRetried(status: Int, body: String) async throws {
    let scenario = Scenario.raw(status: status, contentType: "application/json", headers: [:], body: Data(body.utf8))
    try await withFake(fake(scenario)) { server in
        await #expect {
            try await client(server.baseURL, retry: .standard).locations(chat: Fixtures.chatID)
        } throws: { error in
            (error as? FetchError)?.exitCode == (status == 200 ? 65 : 76)
        }
        #expect(server.requests().count == 1)
    }
}

@Test func chatListFollowsCursorsUntilNull() async throws {
    var configuration = fake()
    let template = try #require(configuration.chats.first)
    configuration.chats = (0..<150).map { index in
        var chat = template
        chat.id = "chat-\(index)"
        chat.handles = index.isMultiple(of: 2) ? ["+15555550100", "+15555550101"] : ["+15555550199"]
        return chat
    }
    try await withFake(configuration) { server in
        let chats = try await client(server.baseURL).chats(from: nil, to: nil)
        #expect(chats.map(\.id) == (0..<150).map { "chat-\($0)" })
        let requests = server.requests()
        #expect(requests.map(\.path) == ["/api/partner/v3/chats", "/api/partner/v3/chats"])
        #expect(requests[0].query == ["limit": "100"])
        #expect(requests[1].query == ["limit": "100", "cursor": "c100"])
        #expect(requests[0].header("Accept") == "application/json")
        #expect(requests[0].header("Authorization") == "Bearer \(secretKey)")
        let filtered = try await client(server.baseURL).chats(from: nil, to: "+15555550100")
        #expect(filtered.count == 75)
        #expect(server.requests().last?.query["to"] == "+15555550100")
    }
}

@Test func aTimedOutAttemptIsRetried() async throws {
    let progress = ProgressLog()
    // The first attempt can only end by its deadline: the server sits on it for an hour.
    let scenario = Scenario.failing(
        first: 1, with: .delayed(.seconds(3600), then: .serverError), then: .aroundTheWorld)
    let clock = try await withFake(fake(scenario)) { server in
        // The deadline expires once the server holds the first request. Expiring it at once let the attempt be
        // cancelled before libcurl sent anything, so the retry became the server's first (held) request.
        let clock = RecordingClock(expiringDeadlines: 1) { await server.waitForRequests(count: 1) }
        let snapshot = try await client(server.baseURL, retry: .standard, clock: clock).locations(
            chat: Fixtures.chatID, progress: progress.record)
        #expect(snapshot.participants.count == Fixtures.aroundTheWorld.count)
        #expect(server.requests().count == 2)
        return clock
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
    try await withFake(fake(.rateLimited(retryAfter: .seconds(50)))) { server in
        await #expect {
            try await client(server.baseURL, retry: .standard, clock: clock).locations(chat: Fixtures.chatID)
        } throws: { error in
            (error as? FetchError)?.retryAfter == .seconds(50)
        }
        // 50 s fits in the 75 s budget once; a second 50 s wait would not.
        #expect(server.requests().count == 2)
    }
    #expect(clock.sleeps == [.seconds(50)])
}

@Test func acceptsAClockAsAnExistential() async throws {
    let clock: any Clock<Duration> = RecordingClock()
    try await withFake(fake()) { server in
        let live = LinqHTTPClient(
            configuration: ClientConfiguration(baseURL: server.baseURL, apiKey: secretKey, userAgent: "t"),
            clock: clock)
        let snapshot = try await live.locations(chat: Fixtures.chatID)
        #expect(snapshot.participants.count == Fixtures.aroundTheWorld.count)
    }
}
