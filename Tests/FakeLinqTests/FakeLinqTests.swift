import FakeLinq
import Foundation
import LinqModel
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite(.timeLimit(.minutes(1)))
struct FakeLinqTests {
    static let fixedNow = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func locationAnswersTheEnvelopeWithOnePointPerParticipant() async throws {
        let configuration = FakeLinqConfiguration(now: { Self.fixedNow })
        try await FakeLinq.serving(configuration) { base in
            let (data, response) = try await LoopbackClient.send(
                LoopbackClient.locationURL(base, chat: Fixtures.groupChatID))
            #expect(response.statusCode == 200)
            #expect(response.value(forHTTPHeaderField: "Content-Type") == "application/json")
            let features = try LoopbackClient.features(data)
            #expect(features.count == Fixtures.aroundTheWorld.count)
            let first = try #require(features.first)
            #expect(first["type"] as? String == "Feature")
            let geometry = try #require(first["geometry"] as? [String: Any])
            #expect(geometry["type"] as? String == "Point")
            #expect(geometry["coordinates"] as? [Double] == [-122.4194, 37.7749])
            let properties = try #require(first["properties"] as? [String: Any])
            #expect(properties["handle"] as? String == "+14155550101")
            #expect(properties["locality"] as? String == "San Francisco")
            let expected = Self.fixedNow.addingTimeInterval(-30).formatted(Date.ISO8601FormatStyle())
            #expect(properties["updated_at"] as? String == expected)
        }
    }

    @Test func baseURLIsLoopbackWithTheBasePath() async throws {
        let server = try await FakeLinq.start(FakeLinqConfiguration())
        defer { Task { await server.stop() } }
        #expect(server.baseURL.absoluteString == "http://127.0.0.1:\(server.port)/api/partner")
        #expect(server.port != 0)
        await server.stop()
    }

    @Test(arguments: [nil, "wrong-key", "test-key-and-more"] as [String?])
    func wrongOrMissingKeyIs401With2004(key: String?) async throws {
        try await FakeLinq.serving(FakeLinqConfiguration()) { base in
            for url in [
                LoopbackClient.locationURL(base, chat: Fixtures.groupChatID), base.appendingPathComponent("v3/chats"),
            ] {
                let (data, response) = try await LoopbackClient.send(url, key: key)
                #expect(response.statusCode == 401)
                let error = try LoopbackClient.apiError(data)
                #expect(error.status == 401 && error.code == 2004)
                #expect(String(decoding: data, as: UTF8.self).contains("test-key") == false)
            }
        }
    }

    @Test func unknownChatIs404With2001() async throws {
        try await FakeLinq.serving(FakeLinqConfiguration()) { base in
            let (data, response) = try await LoopbackClient.send(
                LoopbackClient.locationURL(base, chat: Fixtures.unknownChatID))
            #expect(response.statusCode == 404)
            let error = try LoopbackClient.apiError(data)
            #expect(error.status == 404 && error.code == 2001)
        }
    }

    @Test func pagingWalksAllChatsInOrder() async throws {
        let server = try await FakeLinq.start(FakeLinqConfiguration())
        var ids: [String] = []
        var cursor: String?
        repeat {
            var components = try #require(
                URLComponents(url: server.baseURL.appendingPathComponent("v3/chats"), resolvingAgainstBaseURL: false))
            components.queryItems =
                [URLQueryItem(name: "limit", value: "2")]
                + (cursor.map { [URLQueryItem(name: "cursor", value: $0)] } ?? [])
            let (data, response) = try await LoopbackClient.send(try #require(components.url))
            #expect(response.statusCode == 200)
            let envelope = try LoopbackClient.object(data)
            #expect(envelope["success"] as? Bool == true)
            let page = try #require(envelope["data"] as? [String: Any])
            let chats = try #require(page["chats"] as? [[String: Any]])
            #expect(chats.count <= 2)
            for chat in chats {
                ids.append(try #require(chat["id"] as? String))
                #expect(chat["display_name"] is String)
                #expect(chat["handles"] is [[String: Any]])
                #expect(chat["is_group"] is Bool)
            }
            cursor = page["next_cursor"] as? String
            #expect(cursor != nil || page["next_cursor"] is NSNull)
        } while cursor != nil
        #expect(ids == Fixtures.chats.map(\.id))
        #expect(server.requests().count == (Fixtures.chats.count + 1) / 2)
        #expect(server.requests().first?.query == ["limit": "2"])
        await server.stop()
    }

    @Test func toFiltersChatsByParticipant() async throws {
        try await FakeLinq.serving(FakeLinqConfiguration()) { base in
            var components = try #require(
                URLComponents(url: base.appendingPathComponent("v3/chats"), resolvingAgainstBaseURL: false))
            components.queryItems = [URLQueryItem(name: "to", value: Fixtures.ana.handle)]
            let (data, _) = try await LoopbackClient.send(try #require(components.url))
            let page = try #require(try LoopbackClient.object(data)["data"] as? [String: Any])
            let chats = try #require(page["chats"] as? [[String: Any]])
            #expect(chats.compactMap { $0["id"] as? String } == [Fixtures.groupChatID, Fixtures.oneToOneChatID])
            #expect(page["next_cursor"] is NSNull)
        }
    }

    @Test(arguments: ["limit=0", "limit=101", "limit=ten", "cursor=bogus"])
    func badPagingParametersAre400With1002(query: String) async throws {
        try await FakeLinq.serving(FakeLinqConfiguration()) { base in
            let url = try #require(URL(string: base.absoluteString + "/v3/chats?" + query))
            let (data, response) = try await LoopbackClient.send(url)
            #expect(response.statusCode == 400)
            #expect(try LoopbackClient.apiError(data).code == 1002)
        }
    }

    @Test func requestLogRecordsMethodPathQueryAndHeaders() async throws {
        let server = try await FakeLinq.start(FakeLinqConfiguration())
        let url = try #require(
            URL(string: LoopbackClient.locationURL(server.baseURL, chat: Fixtures.groupChatID).absoluteString + "?x=1"))
        _ = try await LoopbackClient.send(
            url, headers: ["Accept": "application/geo+json", "User-Agent": "linq-map/test"])
        let requests = await server.waitForRequests(count: 1)
        let request = try #require(requests.first)
        #expect(request.method == "GET")
        #expect(request.path == "/api/partner/v3/chats/\(Fixtures.groupChatID)/location")
        #expect(request.query == ["x": "1"])
        #expect(request.header("authorization") == "Bearer test-key")
        #expect(request.header("Accept") == "application/geo+json")
        #expect(request.header("user-agent") == "linq-map/test")
        #expect(abs(request.receivedAt.timeIntervalSinceNow) < 3600)
        await server.stop()
    }

    @Test func waitForRequestsResumesOnTheNthRequest() async throws {
        let server = try await FakeLinq.start(FakeLinqConfiguration())
        let url = LoopbackClient.locationURL(server.baseURL, chat: Fixtures.oneToOneChatID)
        async let waited = server.waitForRequests(count: 3)
        for _ in 0..<3 {
            _ = try await LoopbackClient.send(url)
        }
        #expect(await waited.count == 3)
        #expect(await server.waitForRequests(count: 2).count == 3)
        await server.stop()
    }

    @Test func scenarioSwitchesAtRuntimeFromErrorToRecovery() async throws {
        let server = try await FakeLinq.start(.scenario(.serverError))
        let url = LoopbackClient.locationURL(server.baseURL, chat: Fixtures.chatID)
        let (failed, failure) = try await LoopbackClient.send(url)
        #expect(failure.statusCode == 500)
        #expect(try LoopbackClient.apiError(failed).code == 3006)
        #expect(server.pollCount(forChat: Fixtures.chatID) == 1)
        server.setScenario(.aroundTheWorld, forChat: Fixtures.chatID)
        #expect(server.pollCount(forChat: Fixtures.chatID) == 0)
        let (data, response) = try await LoopbackClient.send(url)
        #expect(response.statusCode == 200)
        #expect(try LoopbackClient.features(data).count == Fixtures.aroundTheWorld.count)
        await server.stop()
    }

    @Test func serverErrorThenRecoveryFailsTheFirstPolls() async throws {
        let scenario = Scenario.serverErrorThenRecovery(failures: 2, then: .participants([Fixtures.ana]))
        try await FakeLinq.serving(.scenario(scenario)) { base in
            var statuses: [Int] = []
            for _ in 0..<4 {
                statuses.append(
                    try await LoopbackClient.send(LoopbackClient.locationURL(base, chat: Fixtures.chatID)).1.statusCode)
            }
            #expect(statuses == [500, 500, 200, 200])
        }
    }

    @Test(arguments: [
        (Scenario.RetryAfter.seconds(5), "5"), (.seconds(0), "0"), (.seconds(-1), "-1"), (.text("1e9"), "1e9"),
        (.date(fromNow: .seconds(-60)), "Wed, 18 Nov 2026 11:05:40 GMT"),
        (.date(fromNow: .seconds(30)), "Wed, 18 Nov 2026 11:07:10 GMT"),
    ])
    func rateLimitedSendsRetryAfter(retryAfter: Scenario.RetryAfter, expected: String) async throws {
        var configuration = FakeLinqConfiguration.scenario(.rateLimited(retryAfter: retryAfter))
        configuration.now = { Self.fixedNow }
        try await FakeLinq.serving(configuration) { base in
            let (data, response) = try await LoopbackClient.send(
                LoopbackClient.locationURL(base, chat: Fixtures.chatID))
            #expect(response.statusCode == 429)
            #expect(response.value(forHTTPHeaderField: "Retry-After") == expected)
            #expect(try LoopbackClient.apiError(data).status == 429)
        }
    }

    @Test func rateLimitedWithoutHeaderSendsNone() async throws {
        try await FakeLinq.serving(.scenario(.rateLimited(retryAfter: .none))) { base in
            let (_, response) = try await LoopbackClient.send(LoopbackClient.locationURL(base, chat: Fixtures.chatID))
            #expect(response.statusCode == 429)
            #expect(response.value(forHTTPHeaderField: "Retry-After") == nil)
        }
    }

    @Test func redirectNamesAnotherHost() async throws {
        let server = try await FakeLinq.start(.scenario(.redirectElsewhere()))
        let (_, response) = try await LoopbackClient.send(
            LoopbackClient.locationURL(server.baseURL, chat: Fixtures.chatID))
        #expect(response.statusCode == 302)
        #expect(response.value(forHTTPHeaderField: "Location") == "http://127.0.0.2:9/api/partner/v3/stolen")
        #expect(server.requests().count == 1)
        await server.stop()
    }

    @Test func locationRequestFollowsTheChatKind() async throws {
        // A still clock: the Retry-After counts down the seconds left of the rate limit.
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        try await FakeLinq.serving(FakeLinqConfiguration(now: { now })) { base in
            func post(_ chat: String) async throws -> (Int, Data, HTTPURLResponse) {
                let url = base.appendingPathComponent("v3/chats/\(chat)/location/request")
                let (data, response) = try await LoopbackClient.send(url, method: "POST")
                return (response.statusCode, data, response)
            }
            let (accepted, body, _) = try await post(Fixtures.notSharingChatID)
            #expect(accepted == 202)
            #expect(try LoopbackClient.object(body)["success"] as? Bool == true)
            let (repeated, _, response) = try await post(Fixtures.notSharingChatID)
            #expect(repeated == 429)
            #expect(response.value(forHTTPHeaderField: "Retry-After") == "60")
            let (sharing, _, _) = try await post(Fixtures.oneToOneChatID)
            #expect(sharing == 409)
            let (group, groupBody, _) = try await post(Fixtures.groupChatID)
            #expect(group == 409)
            #expect(try LoopbackClient.apiError(groupBody).code == 2016)
            let (unknown, _, _) = try await post(Fixtures.unknownChatID)
            #expect(unknown == 404)
        }
    }

    @Test func movingParticipantsChangeBetweenRequests() async throws {
        // The demo moves in real time: the server's clock jumps a minute between the two requests.
        let clock = Mutex(Date(timeIntervalSince1970: 1_796_000_000))
        try await FakeLinq.serving(FakeLinqConfiguration(now: { clock.withLock { $0 } })) { base in
            let url = LoopbackClient.locationURL(base, chat: Fixtures.demoChatID)
            func courier() async throws -> [Double] {
                let features = try LoopbackClient.features(try await LoopbackClient.send(url).0)
                let feature = try #require(
                    features.first {
                        ($0["properties"] as? [String: Any])?["handle"] as? String == DemoChat.courier.handle
                    })
                return try #require((feature["geometry"] as? [String: Any])?["coordinates"] as? [Double])
            }
            let first = try await courier()
            let later = clock.withLock { now in
                now.addTimeInterval(60)
                return now
            }
            let second = try await courier()
            #expect(first != second)
            let expected = DemoChat.courier.coordinate(atPoll: 1, now: later)
            #expect(second == [expected.longitude, expected.latitude])
        }
    }

    @Test func unknownPathIs404() async throws {
        try await FakeLinq.serving(FakeLinqConfiguration()) { base in
            let (_, response) = try await LoopbackClient.send(base.appendingPathComponent("v2/chats"))
            #expect(response.statusCode == 404)
        }
    }

    @Test func servingStopsTheServerWhenTheBodyThrows() async throws {
        struct Boom: Error {}
        var captured: URL?
        await #expect(throws: Boom.self) {
            try await FakeLinq.serving(FakeLinqConfiguration()) { base in
                captured = base
                throw Boom()
            }
        }
        let base = try #require(captured)
        await #expect(throws: (any Error).self) {
            _ = try await LoopbackClient.send(LoopbackClient.locationURL(base, chat: Fixtures.chatID), timeout: 5)
        }
    }
}

@Suite(.timeLimit(.minutes(1)))
struct FakeLinqStartupTests {
    @Test func aTakenPortFailsAtOnceWithCannotListen() async throws {
        let first = try await FakeLinq.start(FakeLinqConfiguration())
        await #expect {
            _ = try await FakeLinq.start(FakeLinqConfiguration(), port: first.port)
        } throws: { error in
            guard case .cannotListen(let port, _) = error as? FakeLinqError else { return false }
            return port == first.port
        }
        await first.stop()
    }
}

@Suite(.timeLimit(.minutes(1)))
struct FakeLinqChatIDTests {
    @Test func upperCaseChatIDsFindTheChat() async throws {
        try await FakeLinq.serving(FakeLinqConfiguration()) { base in
            let (data, response) = try await LoopbackClient.send(
                LoopbackClient.locationURL(base, chat: Fixtures.oneToOneChatID.uppercased()))
            #expect(response.statusCode == 200)
            #expect(try LoopbackClient.features(data).count == 1)
        }
    }
}

/// A still world's body is kept between requests (issue 10, target 1): every answer must still be the body built
/// afresh for that poll and instant.
@Suite(.timeLimit(.minutes(1)))
struct FakeLinqStillBodyTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    /// The bodies answered at `start` plus each of `offsets` (one request each), beside the bodies built afresh.
    func answers(_ participants: [FakeParticipant], offsets: [Double]) async throws -> [(String, String)] {
        let clock = Mutex(Self.start)
        var configuration = FakeLinqConfiguration.scenario(.participants(participants))
        configuration.now = { clock.withLock { $0 } }
        return try await FakeLinq.serving(configuration) { base in
            var pairs: [(String, String)] = []
            for (poll, offset) in offsets.enumerated() {
                let now = Self.start.addingTimeInterval(offset)
                clock.withLock { $0 = now }
                let (data, _) = try await LoopbackClient.send(LoopbackClient.locationURL(base, chat: Fixtures.chatID))
                let features = participants.filter { $0.isSharing(atPoll: poll, now: now) }.map {
                    $0.featureJSON(atPoll: poll, now: now)
                }
                let built = JSONText.success(data: JSONText.featureCollection(features))
                pairs.append((String(decoding: data, as: UTF8.self), built))
            }
            return pairs
        }
    }

    @Test func aStillWorldAnswersWhatItWouldBuildWithinAndAcrossSeconds() async throws {
        guard case .participants(let participants) = Scenario.manyFeatures(count: 40) else {
            Issue.record("manyFeatures is not a list of participants")
            return
        }
        #expect(participants.allSatisfy { $0.isStill })
        let pairs = try await answers(participants, offsets: [0.1, 0.7, 0.99, 1.2, 1.3, 61.5, 61.6])
        for (answered, built) in pairs { #expect(answered == built) }
        #expect(pairs[0].0 == pairs[2].0)
        #expect(pairs[2].0 != pairs[3].0)
    }

    @Test func aMovingOrPausingWorldIsBuiltAtEveryPoll() async throws {
        let moving = FakeParticipant(
            handle: "+14155550101", coordinate: Coordinate(longitude: 0, latitude: 0),
            path: .route(
                [Coordinate(longitude: 0, latitude: 0), Coordinate(longitude: 10, latitude: 10)], pollsPerLeg: 4))
        let pausing = FakeParticipant(
            handle: "+14155550102", coordinate: Coordinate(longitude: 1, latitude: 1),
            pause: FakeParticipant.Pause(period: 2, pausedPolls: 1))
        let fractional = FakeParticipant(
            handle: "+14155550103", coordinate: Coordinate(longitude: 2, latitude: 2), updatedAt: .ago(.seconds(1.5)))
        #expect(![moving, pausing, fractional].contains { $0.isStill })
        for participant in [moving, pausing, fractional] {
            let pairs = try await answers([participant], offsets: [0.1, 0.2, 0.3, 0.6, 1.1])
            for (answered, built) in pairs { #expect(answered == built) }
            #expect(Set(pairs.map(\.0)).count > 1)
        }
    }
}
