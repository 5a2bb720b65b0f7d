import Foundation

/// One chat the fake server knows: how `GET /v3/chats` lists it and what its location endpoint answers.
public struct FakeChat: Sendable {
    /// Canonical lower-case UUID.
    public var id: String
    /// `display_name` in the chat list.
    public var displayName: String
    /// The other participants' handles (phones in E.164, or emails), listed with `is_me: false`; `to` filters
    /// on these.
    public var handles: [String]
    /// `is_group` in the chat list; a location request to a group chat is refused with 409/2016.
    public var isGroup: Bool
    /// What the location endpoint answers.
    public var scenario: Scenario
    /// One line for `linq-fake-server`'s start-up listing.
    public var summary: String
    /// The partner's own line in this chat, listed first with `is_me: true`; `from` filters on it.
    public var lineNumber: String
    /// `service`: `iMessage`, `SMS` or `RCS`.
    public var service: String
    /// `created_at`.
    public var createdAt: Date
    /// `updated_at` (the last activity; the picker lists the newest first).
    public var updatedAt: Date

    /// Creates a chat.
    public init(
        id: String, displayName: String, handles: [String], isGroup: Bool, scenario: Scenario, summary: String = "",
        lineNumber: String = Fixtures.lineNumber, service: String = "iMessage",
        createdAt: Date = Fixtures.chatEpoch, updatedAt: Date = Fixtures.chatEpoch
    ) {
        self.id = id
        self.displayName = displayName
        self.handles = handles
        self.isGroup = isGroup
        self.scenario = scenario
        self.summary = summary
        self.lineNumber = lineNumber
        self.service = service
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Everything a `FakeLinq` server serves; a value, so each test builds its own.
public struct FakeLinqConfiguration: Sendable {
    /// The only accepted key: `Authorization: Bearer <apiKey>`; anything else is 401/2004.
    public var apiKey: String
    /// The chats, in `GET /v3/chats` order.
    public var chats: [FakeChat]
    /// The path prefix before `/v3/...`; the server's `baseURL` ends with it.
    public var basePath: String
    /// The server's idea of the current time, for `updated_at` and Retry-After dates.
    public var now: @Sendable () -> Date
    /// Seconds in the `Retry-After` of a repeated location request (429).
    public var locationRequestRetryAfterSeconds: Int

    /// Creates a configuration; the defaults serve `Fixtures.chats` with key `test-key` on the wall clock.
    public init(
        apiKey: String = "test-key", chats: [FakeChat] = Fixtures.chats, basePath: String = "/api/partner",
        now: @escaping @Sendable () -> Date = { Date() }, locationRequestRetryAfterSeconds: Int = 60
    ) {
        self.apiKey = apiKey
        self.chats = chats
        self.basePath = basePath
        self.now = now
        self.locationRequestRetryAfterSeconds = locationRequestRetryAfterSeconds
    }

    /// The standard chats, with `Fixtures.chatID` (the group chat) answering `scenario`.
    public static func scenario(_ scenario: Scenario, apiKey: String = "test-key") -> FakeLinqConfiguration {
        var configuration = FakeLinqConfiguration(apiKey: apiKey)
        configuration.setScenario(scenario, forChat: Fixtures.chatID)
        return configuration
    }

    /// The standard chats, with `Fixtures.chatID` answering an API error of this status and code.
    public static func status(_ status: Int, code: Int, message: String = "Simulated error")
        -> FakeLinqConfiguration
    {
        scenario(.apiError(status: status, code: code, message: message))
    }

    /// The standard chats, every one answering `scenario` (what `linq-fake-server --scenario` serves).
    public static func everyChat(_ scenario: Scenario, apiKey: String = "test-key") -> FakeLinqConfiguration {
        var configuration = FakeLinqConfiguration(apiKey: apiKey)
        for index in configuration.chats.indices {
            configuration.chats[index].scenario = scenario
        }
        return configuration
    }

    /// Replaces the scenario of chat `id`; does nothing for an unknown id.
    public mutating func setScenario(_ scenario: Scenario, forChat id: String) {
        for index in chats.indices where chats[index].id == id {
            chats[index].scenario = scenario
        }
    }
}
