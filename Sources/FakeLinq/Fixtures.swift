import Foundation
import LinqModel

/// Well-known chats and participants shared by tests, the demo and `linq-fake-server`.
public enum Fixtures {
    /// The group chat with participants around the world (`Scenario.aroundTheWorld`).
    public static let groupChatID = "975d0776-bd17-4273-8337-f346b4c661b0"
    /// The chat tests use when they need just one: the group chat.
    public static let chatID = groupChatID
    /// A 1:1 chat whose contact shares (one participant); a location request gets 409 (already sharing).
    public static let oneToOneChatID = "3f2b8c1e-6a4d-4e8f-9b7a-1c2d3e4f5a6b"
    /// A 1:1 chat whose contact does not share (`features: []`); a location request gets 202, then 429.
    public static let notSharingChatID = "5c9e1a2b-7d3f-4b6e-8a1c-2d3e4f5a6b7c"
    /// A group chat where nobody shares.
    public static let emptyGroupChatID = "8a7b6c5d-4e3f-4a2b-9c1d-0e1f2a3b4c5d"
    /// The demo simulation (`DemoChat`).
    public static let demoChatID = "d3e0c0de-5a1e-4c0d-8e11-0123456789ab"
    /// A well-formed id the server does not know: 404/2001.
    public static let unknownChatID = "00000000-0000-4000-8000-000000000000"
    /// The partner's own phone line in every chat (the `is_me` handle); `GET /v3/chats?from=` filters on it.
    public static let lineNumber = "+15555550100"
    /// `created_at` of the standard chats: 2026-01-01T00:00:00Z.
    public static let chatEpoch = Date(timeIntervalSince1970: 1_767_225_600)

    /// Ana, San Francisco.
    public static let ana = FakeParticipant(
        handle: "+14155550101", coordinate: Coordinate(longitude: -122.4194, latitude: 37.7749),
        address: "1 Market St", locality: "San Francisco", updatedAt: .ago(.seconds(30)))
    /// Ben, New York.
    public static let ben = FakeParticipant(
        handle: "+12125550102", coordinate: Coordinate(longitude: -74.0060, latitude: 40.7128),
        address: "350 5th Ave", locality: "New York", updatedAt: .ago(.seconds(5 * 60)))
    /// Chloe, London.
    public static let chloe = FakeParticipant(
        handle: "+442075550103", coordinate: Coordinate(longitude: -0.1278, latitude: 51.5074),
        address: "221B Baker Street", locality: "London", updatedAt: .ago(.seconds(2 * 3600)))
    /// Dayo, Lagos.
    public static let dayo = FakeParticipant(
        handle: "+2348055501004", coordinate: Coordinate(longitude: 3.3792, latitude: 6.5244),
        address: "Victoria Island", locality: "Lagos", updatedAt: .ago(.seconds(26 * 3600)))
    /// Esha, Mumbai.
    public static let esha = FakeParticipant(
        handle: "+912255501005", coordinate: Coordinate(longitude: 72.8777, latitude: 19.0760),
        address: "Marine Drive", locality: "Mumbai", updatedAt: .ago(.seconds(45)))
    /// Kenji, Tokyo, an email handle with Japanese text.
    public static let kenji = FakeParticipant(
        handle: "kenji@example.jp", coordinate: Coordinate(longitude: 139.6503, latitude: 35.6762),
        address: "渋谷区道玄坂2丁目", locality: "東京", updatedAt: .ago(.seconds(3 * 86400)))
    /// Olivia, Sydney, with `updated_at: null`.
    public static let olivia = FakeParticipant(
        handle: "+61255501007", coordinate: Coordinate(longitude: 151.2093, latitude: -33.8688),
        address: "Circular Quay", locality: "Sydney", updatedAt: .null)
    /// João, São Paulo.
    public static let joao = FakeParticipant(
        handle: "+5511955501008", coordinate: Coordinate(longitude: -46.6333, latitude: -23.5505),
        address: "Avenida Paulista, 1578", locality: "São Paulo", updatedAt: .ago(.seconds(90)))

    /// The group chat's participants, on six continents.
    public static let aroundTheWorld = [ana, ben, chloe, dayo, esha, kenji, olivia, joao]

    /// The standard chats `FakeLinqConfiguration()` serves.
    public static var chats: [FakeChat] {
        [
            FakeChat(
                id: groupChatID, displayName: "Around the world", handles: aroundTheWorld.map(\.handle),
                isGroup: true, scenario: .aroundTheWorld, summary: "group chat, 8 participants on 6 continents"),
            FakeChat(
                id: oneToOneChatID, displayName: "Ana", handles: [ana.handle], isGroup: false,
                scenario: .participants([ana]), summary: "1:1 chat, Ana shares from San Francisco"),
            FakeChat(
                id: notSharingChatID, displayName: "Ben", handles: [ben.handle], isGroup: false, scenario: .empty,
                summary: "1:1 chat, Ben does not share (a location request gets 202)"),
            FakeChat(
                id: emptyGroupChatID, displayName: "Quiet group", handles: [chloe.handle, dayo.handle],
                isGroup: true, scenario: .empty, summary: "group chat, nobody shares"),
            FakeChat(
                id: demoChatID, displayName: "linq-map demo", handles: DemoChat.participants.map(\.handle),
                isGroup: true, scenario: DemoChat.scenario,
                summary: "demo: 9 people, some moving each poll, one pausing"),
        ]
    }
}

extension Scenario {
    /// The group chat: `Fixtures.aroundTheWorld`, not moving.
    public static let aroundTheWorld = Scenario.participants(Fixtures.aroundTheWorld)

    /// Altitudes: a hiker on the Uetliberg, a pilot over the Atlantic, a diver below sea level.
    public static let threeDimensional = Scenario.participants([
        FakeParticipant(
            handle: "+41445550109", coordinate: Coordinate(longitude: 8.4918, latitude: 47.3497, altitude: 869),
            locality: "Zürich", updatedAt: .ago(.seconds(20))),
        FakeParticipant(
            handle: "+447700900123", coordinate: Coordinate(longitude: -35.0, latitude: 52.0, altitude: 11_277.6),
            address: nil, locality: nil, updatedAt: .ago(.seconds(60))),
        FakeParticipant(
            handle: "+61255501007", coordinate: Coordinate(longitude: 153.43, latitude: -27.1, altitude: -30.5),
            locality: "Moreton Bay", updatedAt: .ago(.seconds(600))),
        Fixtures.ana,
    ])

    /// Optional fields absent or null in every combination.
    public static let missingOptionalFields = Scenario.participants([
        FakeParticipant(
            handle: "+14155550101", coordinate: Coordinate(longitude: -122.4194, latitude: 37.7749),
            missingFields: .omitted),
        FakeParticipant(
            handle: "+12125550102", coordinate: Coordinate(longitude: -74.0060, latitude: 40.7128),
            missingFields: .null),
        FakeParticipant(
            handle: "+442075550103", coordinate: Coordinate(longitude: -0.1278, latitude: 51.5074),
            locality: "London", updatedAt: .omitted, missingFields: .omitted),
        FakeParticipant(
            handle: "+2348055501004", coordinate: Coordinate(longitude: 3.3792, latitude: 6.5244),
            address: "Victoria Island", updatedAt: .null, missingFields: .null),
    ])

    /// `updated_at` in every odd form: fractional seconds, a +05:30 offset, no zone, a space separator,
    /// the far future, empty and garbage.
    public static let oddTimestamps = Scenario.participants(
        [
            "2026-11-28T10:15:30.123456Z", "2026-11-28T15:45:30+05:30", "2026-11-28T10:15:30.5-03:00",
            "2026-11-28T10:15:30", "2026-11-28 10:15:30Z", "2999-01-01T00:00:00Z", "", "garbage",
        ].enumerated().map { index, text in
            FakeParticipant(
                handle: "+1555000" + String(format: "%04d", index),
                coordinate: Coordinate(longitude: Double(index) * 10 - 40, latitude: Double(index) * 5),
                updatedAt: .text(text))
        })

    /// Two valid features around every kind of invalid one.
    public static let invalidAmongValid = Scenario.features([
        Fixtures.ana.featureJSON(atPoll: 0, now: Date(timeIntervalSince1970: 1_764_000_000)),
        #"{"type":"Feature","properties":{"handle":"+15550000001"}}"#,
        #"{"type":"Feature","geometry":null,"properties":{"handle":"+15550000002"}}"#,
        #"{"type":"Feature","geometry":{"type":"Point","coordinates":[200,10]},"properties":{"handle":"+15550000003"}}"#,
        #"{"type":"Feature","geometry":{"type":"Point","coordinates":[10,-95]},"properties":{"handle":"+15550000004"}}"#,
        #"{"type":"Feature","geometry":{"type":"Point","coordinates":[10]},"properties":{"handle":"+15550000005"}}"#,
        #"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2,3,4]},"properties":{"handle":"+15550000006"}}"#,
        #"{"type":"Feature","geometry":{"type":"Point","coordinates":["1","2"]},"properties":{"handle":"+15550000007"}}"#,
        #"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{}}"#,
        #"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":null}"#,
        #"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"handle":42}}"#,
        #"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"handle":"+15550000011","address":7}}"#,
        #"[1,2]"#,
        #"null"#,
        Fixtures.ben.featureJSON(atPoll: 0, now: Date(timeIntervalSince1970: 1_764_000_000)),
    ])

    /// NaN, Infinity and 1e400 among valid coordinates: not JSON that JSONDecoder accepts, malformed as a whole.
    public static let nonFiniteCoordinates = Scenario.features([
        Fixtures.ana.featureJSON(atPoll: 0, now: Date(timeIntervalSince1970: 1_764_000_000)),
        #"{"type":"Feature","geometry":{"type":"Point","coordinates":[NaN,1]},"properties":{"handle":"+15550000001"}}"#,
        #"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,Infinity]},"properties":{"handle":"+15550000002"}}"#,
        #"{"type":"Feature","geometry":{"type":"Point","coordinates":[1e400,2]},"properties":{"handle":"+15550000003"}}"#,
    ])

    /// LineString, Polygon and MultiPoint features around one valid Point.
    public static let nonPointFeatures = Scenario.features([
        #"{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]},"properties":{"handle":"+15550000001"}}"#,
        #"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":{"handle":"+15550000002"}}"#,
        #"{"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[[1,2]]},"properties":{"handle":"+15550000003"}}"#,
        Fixtures.ana.featureJSON(atPoll: 0, now: Date(timeIntervalSince1970: 1_764_000_000)),
    ])

    /// Ana twice (an older position first, the newer second) and Ben once.
    public static let duplicateHandles = Scenario.participants([
        FakeParticipant(
            handle: Fixtures.ana.handle, coordinate: Coordinate(longitude: -122.0, latitude: 37.0),
            locality: "Old position", updatedAt: .ago(.seconds(3600))),
        Fixtures.ana,
        Fixtures.ben,
    ])
}
