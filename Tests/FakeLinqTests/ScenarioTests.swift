import FakeLinq
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite(.timeLimit(.minutes(1)))
struct ScenarioTests {
    /// Serves `scenario` on the group chat and fetches its location once.
    static func fetch(_ scenario: Scenario) async throws -> (Data, HTTPURLResponse) {
        try await FakeLinq.serving(.scenario(scenario)) { base in
            try await LoopbackClient.send(LoopbackClient.locationURL(base, chat: Fixtures.chatID))
        }
    }

    @Test(arguments: [
        (Scenario.unauthorized, 401, 2004), (.forbidden, 403, 2005), (.notFound, 404, 2001),
        (.serverError, 500, 3006), (.badRequest, 400, 1002),
    ])
    func apiErrorsCarryStatusAndCode(scenario: Scenario, status: Int, code: Int) async throws {
        let (data, response) = try await Self.fetch(scenario)
        #expect(response.statusCode == status)
        let error = try LoopbackClient.apiError(data)
        #expect(error.status == status && error.code == code)
    }

    @Test func emptyChatHasNoFeatures() async throws {
        let (data, response) = try await Self.fetch(.empty)
        #expect(response.statusCode == 200)
        #expect(try LoopbackClient.features(data).isEmpty)
    }

    @Test func threeDimensionalCoordinatesHaveThreeNumbers() async throws {
        let features = try LoopbackClient.features(try await Self.fetch(.threeDimensional).0)
        let sizes = features.compactMap { ($0["geometry"] as? [String: Any])?["coordinates"] as? [Double] }.map(\.count)
        #expect(sizes == [3, 3, 3, 2])
    }

    @Test func missingOptionalFieldsAreAbsentOrNull() async throws {
        let features = try LoopbackClient.features(try await Self.fetch(.missingOptionalFields).0)
        let properties = features.compactMap { $0["properties"] as? [String: Any] }
        #expect(properties.count == 4)
        #expect(properties[0]["address"] == nil && properties[0]["locality"] == nil)
        #expect(properties[1]["address"] is NSNull && properties[1]["locality"] is NSNull)
        #expect(properties[2]["updated_at"] == nil)
        #expect(properties[3]["updated_at"] is NSNull)
    }

    @Test func oddTimestampsAreSentVerbatim() async throws {
        let features = try LoopbackClient.features(try await Self.fetch(.oddTimestamps).0)
        let texts = features.compactMap { ($0["properties"] as? [String: Any])?["updated_at"] as? String }
        #expect(texts.contains("2026-11-28T15:45:30+05:30"))
        #expect(texts.contains("2026-11-28T10:15:30.123456Z"))
        #expect(texts.contains("garbage"))
    }

    @Test func invalidFeaturesSitBetweenValidOnes() async throws {
        let (data, response) = try await Self.fetch(.invalidAmongValid)
        #expect(response.statusCode == 200)
        let envelope = try LoopbackClient.object(data)
        let features = try #require((envelope["data"] as? [String: Any])?["features"] as? [Any])
        #expect(features.count == 15)
        let first = try #require(features.first as? [String: Any])
        #expect((first["properties"] as? [String: Any])?["handle"] as? String == Fixtures.ana.handle)
    }

    @Test func nonFiniteCoordinatesAreNotJSON() async throws {
        let (data, response) = try await Self.fetch(.nonFiniteCoordinates)
        #expect(response.statusCode == 200)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("[NaN,1]") && text.contains("Infinity") && text.contains("1e400"))
        #expect(throws: (any Error).self) {
            _ = try JSONDecoder().decode([String: JSONAny].self, from: data)
        }
    }

    @Test func nonPointFeaturesAndDuplicatesAreValidJSON() async throws {
        let nonPoint = try LoopbackClient.features(try await Self.fetch(.nonPointFeatures).0)
        #expect(
            nonPoint.compactMap { ($0["geometry"] as? [String: Any])?["type"] as? String }
                == ["LineString", "Polygon", "MultiPoint", "Point"])
        let duplicates = try LoopbackClient.features(try await Self.fetch(.duplicateHandles).0)
        let handles = duplicates.compactMap { ($0["properties"] as? [String: Any])?["handle"] as? String }
        #expect(handles == [Fixtures.ana.handle, Fixtures.ana.handle, Fixtures.ben.handle])
    }

    @Test func malformedJSONDoesNotParse() async throws {
        let (data, response) = try await Self.fetch(.malformedJSON)
        #expect(response.statusCode == 200)
        #expect(throws: (any Error).self) { _ = try JSONSerialization.jsonObject(with: data) }
    }

    @Test func htmlErrorPageIs502TextHTML() async throws {
        let (data, response) = try await Self.fetch(.htmlErrorPage)
        #expect(response.statusCode == 502)
        #expect(response.value(forHTTPHeaderField: "Content-Type")?.hasPrefix("text/html") == true)
        #expect(String(decoding: data, as: UTF8.self).contains("502 Bad Gateway"))
    }

    @Test func successFalseInsideA200() async throws {
        let (data, response) = try await Self.fetch(.successFalse)
        #expect(response.statusCode == 200)
        #expect(try LoopbackClient.apiError(data).code == 3006)
    }

    @Test(arguments: [(Scenario.emptyServerError, 500), (.headersOnly, 200)])
    func emptyBodies(scenario: Scenario, status: Int) async throws {
        let (data, response) = try await Self.fetch(scenario)
        #expect(response.statusCode == status)
        #expect(data.isEmpty)
        #expect(response.value(forHTTPHeaderField: "Content-Length") == "0")
    }

    @Test func invalidUTF8IsNotUTF8() async throws {
        let (data, _) = try await Self.fetch(.invalidUTF8)
        #expect(String(data: data, encoding: .utf8) == nil)
        #expect(String(validating: data, as: UTF8.self) == nil)
    }

    @Test func deeplyNestedJSONIsSentWhole() async throws {
        let (data, _) = try await Self.fetch(.deeplyNested(depth: 100_000))
        #expect(data.count == #"{"success":true,"data":}"#.utf8.count + 200_000)
    }

    @Test func tenThousandFeatures() async throws {
        let features = try LoopbackClient.features(try await Self.fetch(.manyFeatures()).0)
        #expect(features.count == 10_000)
        #expect(Set(features.compactMap { ($0["properties"] as? [String: Any])?["handle"] as? String }).count == 10_000)
    }

    @Test func oversizedBodyIsReallySent() async throws {
        try await FakeLinq.serving(.scenario(.oversized)) { base in
            let (response, bytes) = try await LoopbackClient.prefix(
                of: LoopbackClient.locationURL(base, chat: Fixtures.chatID), limit: Int.max)
            #expect(response.value(forHTTPHeaderField: "Content-Length") == String(11 * 1024 * 1024))
            #expect(bytes == 11 * 1024 * 1024)
        }
    }

    @Test func fiftyMegabytesAnnouncesItsLength() async throws {
        try await FakeLinq.serving(.scenario(.fiftyMegabytes)) { base in
            let (response, bytes) = try await LoopbackClient.prefix(
                of: LoopbackClient.locationURL(base, chat: Fixtures.chatID), limit: 1_000_000)
            #expect(response.value(forHTTPHeaderField: "Content-Length") == "50000000")
            #expect(bytes >= 1_000_000)
        }
    }

    @Test func endlessBodyKeepsComing() async throws {
        try await FakeLinq.serving(.scenario(.endless)) { base in
            let (response, bytes) = try await LoopbackClient.prefix(
                of: LoopbackClient.locationURL(base, chat: Fixtures.chatID), limit: 1_000_000)
            #expect(response.statusCode == 200)
            #expect(response.value(forHTTPHeaderField: "Content-Length") == nil)
            #expect(bytes >= 1_000_000)
        }
    }

    @Test func delayedAnswersAfterTheDelay() async throws {
        let (data, response) = try await Self.fetch(.delayed(.milliseconds(50), then: .participants([Fixtures.ana])))
        #expect(response.statusCode == 200)
        #expect(try LoopbackClient.features(data).count == 1)
    }
}

/// Any JSON value, so JSONDecoder is asked to read a whole body.
private struct JSONAny: Decodable {
    init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            while !array.isAtEnd { _ = try array.decode(JSONAny.self) }
        } else if let object = try? decoder.container(keyedBy: AnyKey.self) {
            for key in object.allKeys { _ = try object.decode(JSONAny.self, forKey: key) }
        } else {
            let value = try decoder.singleValueContainer()
            if value.decodeNil() { return }
            if (try? value.decode(Bool.self)) != nil { return }
            if (try? value.decode(String.self)) != nil { return }
            _ = try value.decode(Double.self)
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

@Suite(.timeLimit(.minutes(1)))
struct ScenarioModifierTests {
    @Test func oneMoverMovesExactlyOneParticipantEachPoll() throws {
        guard case .participants(let people) = Scenario.oneMover else {
            Issue.record("oneMover is not a participants scenario")
            return
        }
        for poll in 0..<45 {
            let moved = people.filter { $0.coordinate(atPoll: poll) != $0.coordinate(atPoll: poll + 1) }
            #expect(moved.count == 1)
        }
    }

    @Test func intermittentFailsEveryNthPoll() async throws {
        let scenario = Scenario.intermittent(every: 3, with: .serverError, then: .empty)
        try await FakeLinq.serving(.scenario(scenario)) { base in
            var statuses: [Int] = []
            for _ in 0..<7 {
                statuses.append(
                    try await LoopbackClient.send(LoopbackClient.locationURL(base, chat: Fixtures.chatID)).1.statusCode)
            }
            #expect(statuses == [200, 200, 500, 200, 200, 500, 200])
        }
    }

    @Test func headersAreAddedToTheInnerResponse() async throws {
        let scenario = Scenario.headers(
            ["x-should-retry": "false", "content-type": "application/problem+json"],
            then: .serverError)
        try await FakeLinq.serving(.scenario(scenario)) { base in
            let (data, response) = try await LoopbackClient.send(
                LoopbackClient.locationURL(base, chat: Fixtures.chatID))
            #expect(response.statusCode == 500)
            #expect(response.value(forHTTPHeaderField: "x-should-retry") == "false")
            #expect(response.value(forHTTPHeaderField: "Content-Type") == "application/problem+json")
            #expect(try LoopbackClient.apiError(data).code == 3006)
        }
    }
}
