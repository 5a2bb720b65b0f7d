import Foundation
import LinqModel

/// What a chat's `GET /v3/chats/{id}/location` answers: a server configuration, never a mock.
///
/// Stateful cases count the chat's location requests since the scenario was set (poll 0 is the first);
/// `FakeLinq.setScenario(_:forChat:)` restarts that count.
public indirect enum Scenario: Sendable {
    /// 200 with one Point feature per participant sharing at this poll (positions move with the poll).
    case participants([FakeParticipant])
    /// 200 with these features verbatim (each one JSON text, valid or not) inside a valid envelope.
    case features([String])
    /// An API error envelope with this HTTP status and Linq code.
    case apiError(status: Int, code: Int, message: String)
    /// 429 (code 1003) with this `Retry-After` header.
    case rateLimited(retryAfter: RetryAfter)
    /// The first `count` polls answer `failure`, later ones `then`.
    case failing(first: Int, with: Scenario, then: Scenario)
    /// Every `period`-th poll (polls `period - 1`, `2 * period - 1`, ...) answers `failure`, the others `then`:
    /// a server that fails now and then, for long runs.
    case intermittent(every: Int, with: Scenario, then: Scenario)
    /// Answers as `then`, with these header fields added or replaced (e.g. `x-should-retry: false`).
    case headers([String: String], then: Scenario)
    /// Waits `delay` (on the server) before answering as `then`.
    case delayed(Duration, then: Scenario)
    /// A redirect (`status` 3xx) to `location`, with a JSON body that would be valid if followed.
    case redirect(status: Int, location: String)
    /// Exactly this status, content type (none when nil), extra headers and body bytes.
    case raw(status: Int, contentType: String?, headers: [String: String], body: Data)
    /// A 200 whose body is generated as it is sent (huge or endless), see `GeneratedBody`.
    case generated(GeneratedBody)
    /// 200 with `count` participants whose handles are new at every poll (poll p lists `+1999` followed by
    /// p x count ... p x count + count - 1): a chat whose handles rotate, for the viewer's memory bound.
    case rotating(count: Int)
    /// 200 with `count` participants whose locality is `bytes` bytes long, for the viewer's text bound.
    case longLocalities(count: Int, bytes: Int)

    /// A `Retry-After` header value.
    public enum RetryAfter: Hashable, Sendable {
        /// No header at all.
        case none
        /// Whole seconds, e.g. `5`, `0`, `-1`.
        case seconds(Int)
        /// An HTTP date this far from the server's `now` (negative: in the past).
        case date(fromNow: Duration)
        /// This exact text, e.g. `1e9` or `soon`.
        case text(String)
    }

    /// A streamed 200 body, never held in memory whole.
    public enum GeneratedBody: Hashable, Sendable {
        /// A valid FeatureCollection envelope of exactly `bytes` bytes (features, then whitespace),
        /// sent with that Content-Length.
        case exactSize(bytes: Int)
        /// An envelope that opens the features array and never ends (chunked transfer encoding).
        case endless
    }
}

extension Scenario {
    /// The standard Linq 401: code 2004, as for a revoked key.
    public static let unauthorized = Scenario.apiError(status: 401, code: 2004, message: "Invalid API key")
    /// The standard Linq 403: code 2005.
    public static let forbidden = Scenario.apiError(
        status: 403, code: 2005, message: "This API key may not read this chat")
    /// 404/2001, as if the chat did not exist (for a chat the chat list still shows).
    public static let notFound = Scenario.apiError(status: 404, code: 2001, message: "Chat not found")
    /// 500/3006.
    public static let serverError = Scenario.apiError(status: 500, code: 3006, message: "Internal server error")
    /// 400/1002.
    public static let badRequest = Scenario.apiError(status: 400, code: 1002, message: "Invalid request")
    /// Participants who all move every poll (the demo's courier, runner and hiker), nobody pausing.
    public static let moving = Scenario.participants(DemoChat.everyPoll)
    /// Four participants who stay put and one who flies London to New York and back, 20 polls a leg
    /// (about 280 km a poll): exactly one marker moves per poll, for measuring what a frame costs.
    public static let oneMover = Scenario.participants([
        Fixtures.ana, Fixtures.chloe, Fixtures.dayo, Fixtures.kenji,
        FakeParticipant(
            handle: "+447700900123", coordinate: Coordinate(longitude: -0.4543, latitude: 51.4700),
            path: .route(
                [
                    Coordinate(longitude: -0.4543, latitude: 51.4700),  // Heathrow
                    Coordinate(longitude: -73.7781, latitude: 40.6413),  // JFK
                ], pollsPerLeg: 20),
            address: "Over the Atlantic", locality: "In flight", updatedAt: .ago(.seconds(5))),
    ])
    /// Nobody shares: 200 with `features: []`.
    public static let empty = Scenario.participants([])

    /// 500/3006 for the first `failures` polls, then `recovery`.
    public static func serverErrorThenRecovery(failures: Int, then recovery: Scenario) -> Scenario {
        .failing(first: failures, with: .serverError, then: recovery)
    }

    /// A 200 body cut off in the middle of a feature.
    public static let malformedJSON = Scenario.raw(
        status: 200, contentType: "application/json", headers: [:],
        body: Data(#"{"success":true,"data":{"type":"FeatureCollection","features":[{"type":"Feature","geo"#.utf8))

    /// A proxy's 502 HTML page.
    public static let htmlErrorPage = Scenario.raw(
        status: 502, contentType: "text/html; charset=utf-8", headers: [:],
        body: Data(
            "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center></body></html>\n"
                .utf8))

    /// A 200 whose envelope says `success: false` (an API error inside a 200).
    public static let successFalse = Scenario.raw(
        status: 200, contentType: "application/json", headers: [:],
        body: Data(JSONText.error(status: 500, code: 3006, message: "Location service unavailable").utf8))

    /// A 500 with an empty body and no content type.
    public static let emptyServerError = Scenario.raw(status: 500, contentType: nil, headers: [:], body: Data())

    /// A 200 with the JSON content type and an empty body (headers, then nothing).
    public static let headersOnly = Scenario.raw(
        status: 200, contentType: "application/json", headers: [:], body: Data())

    /// A body of invalid UTF-8: bytes FF FE and a lone continuation byte inside a handle string.
    public static let invalidUTF8: Scenario = {
        var body = Data(#"{"success":true,"data":{"type":"FeatureCollection","features":[{"type":"Feature","#.utf8)
        body.append(contentsOf: Array(#""geometry":{"type":"Point","coordinates":[2.35,48.85]},"#.utf8))
        body.append(contentsOf: Array(#""properties":{"handle":"+3315550"#.utf8))
        body.append(contentsOf: [0xFF, 0xFE, 0x80])
        body.append(contentsOf: Array(#""}}]}}"#.utf8))
        return .raw(status: 200, contentType: "application/json", headers: [:], body: body)
    }()

    /// `{"success":true,"data":` then `depth` nested arrays.
    public static func deeplyNested(depth: Int = 100_000) -> Scenario {
        let depth = max(0, depth)
        var body = Data(#"{"success":true,"data":"#.utf8)
        body.append(Data(repeating: UInt8(ascii: "["), count: depth))
        body.append(Data(repeating: UInt8(ascii: "]"), count: depth))
        body.append(UInt8(ascii: "}"))
        return .raw(status: 200, contentType: "application/json", headers: [:], body: body)
    }

    /// A 302 to another host and port (127.0.0.2 by default), where the key must not follow.
    public static func redirectElsewhere(to location: String = "http://127.0.0.2:9/api/partner/v3/stolen")
        -> Scenario
    {
        .redirect(status: 302, location: location)
    }

    /// A valid envelope of 11 MiB (over the client's 10 MiB cap), really sent.
    public static let oversized = Scenario.generated(.exactSize(bytes: 11 * 1024 * 1024))
    /// 50 MB of valid JSON.
    public static let fiftyMegabytes = Scenario.generated(.exactSize(bytes: 50_000_000))
    /// A body that never ends.
    public static let endless = Scenario.generated(.endless)

    /// `count` valid, distinct participants spread over the globe.
    public static func manyFeatures(count: Int = 10_000) -> Scenario {
        var participants: [FakeParticipant] = []
        participants.reserveCapacity(max(0, count))
        for index in 0..<max(0, count) {
            let longitude = Double(index % 360) - 179.5
            let latitude = Double((index / 360) % 170) - 84.5
            participants.append(
                FakeParticipant(
                    handle: "+1555" + String(format: "%07d", index),
                    coordinate: Coordinate(longitude: longitude, latitude: latitude),
                    updatedAt: .ago(.seconds(index % 7200))))
        }
        return .participants(participants)
    }

    /// The participants of `.rotating(count:)` at `poll`, spread over the world.
    static func rotatingParticipants(count: Int, poll: Int) -> [FakeParticipant] {
        (0..<max(0, count)).map { index in
            let serial = poll * count + index
            return FakeParticipant(
                handle: "+1999" + String(format: "%08d", serial),
                coordinate: Coordinate(
                    longitude: Double(serial % 360) - 179.5, latitude: Double((serial / 360) % 170) - 84.5),
                locality: "Rotation \(poll)", updatedAt: .ago(.seconds(30)))
        }
    }

    /// The participants of `.longLocalities(count:bytes:)`.
    static func longLocalityParticipants(count: Int, bytes: Int) -> [FakeParticipant] {
        let locality = String(repeating: "Llanfairpwllgwyngyll ", count: max(1, bytes / 21))
        return (0..<max(0, count)).map { index in
            FakeParticipant(
                handle: "+1888" + String(format: "%07d", index),
                coordinate: Coordinate(longitude: Double(index * 40) - 120, latitude: 20),
                locality: locality, updatedAt: .ago(.seconds(30)))
        }
    }
}
