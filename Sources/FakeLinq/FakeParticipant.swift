import Foundation
import LinqModel

/// One participant the fake server reports as a GeoJSON Point feature, possibly moving between polls.
///
/// The position, the presence and the `updated_at` text are pure functions of the chat's poll number
/// (0 for the first location request the chat answers) and of the server's `now`, so a test that knows
/// how many requests it made knows exactly what it got.
public struct FakeParticipant: Hashable, Sendable {
    /// E.164 phone number or email, sent as `properties.handle`.
    public var handle: String
    /// Where the participant is at poll 0 when `path` is `.fixed`; ignored by other paths.
    public var coordinate: Coordinate
    /// How the participant moves from poll to poll.
    public var path: Path
    /// `properties.address`; nil is sent as `missingFields` says.
    public var address: String?
    /// `properties.locality`; nil is sent as `missingFields` says.
    public var locality: String?
    /// `properties.updated_at`.
    public var updatedAt: Timestamp
    /// How nil `address` and `locality` appear in the JSON: omitted or as `null`.
    public var missingFields: MissingField
    /// Polls in which the participant is absent from the response (stopped sharing for a while).
    public var pause: Pause?

    /// How a nil optional field is written.
    public enum MissingField: Hashable, Sendable {
        /// The key is left out of `properties`.
        case omitted
        /// The key is present with the value `null`.
        case null
    }

    /// The `updated_at` value sent for a participant.
    public enum Timestamp: Hashable, Sendable {
        /// ISO 8601 (UTC, `Z`, whole seconds) of the server's `now` minus this age; a negative age is in
        /// the future.
        case ago(Duration)
        /// This exact text, sent as a JSON string (odd formats, garbage).
        case text(String)
        /// `"updated_at": null`.
        case null
        /// No `updated_at` key.
        case omitted
    }

    /// Deterministic movement as a function of the poll number.
    public enum Path: Hashable, Sendable {
        /// Stays at `coordinate`.
        case fixed
        /// Walks the waypoints in order, `pollsPerLeg` polls per leg (at least 1), then starts over from the
        /// first one (the last leg returns to it). Altitude is interpolated when both ends of a leg have one.
        case route([Coordinate], pollsPerLeg: Int)
        /// Goes round a circle of `radiusMeters` about `center`, clockwise from north, one lap per
        /// `pollsPerLap` polls (at least 1).
        case orbit(center: Coordinate, radiusMeters: Double, pollsPerLap: Int)
    }

    /// Absence pattern: in every run of `period` polls (at least 1), the last `pausedPolls` are absent.
    public struct Pause: Hashable, Sendable {
        /// Length of the repeating pattern in polls.
        public var period: Int
        /// How many polls at the end of each period the participant is missing.
        public var pausedPolls: Int

        /// Creates a pause pattern.
        public init(period: Int, pausedPolls: Int) {
            self.period = period
            self.pausedPolls = pausedPolls
        }

        /// Whether the participant is missing from poll `poll` (0-based); never for a negative poll.
        public func isPaused(atPoll poll: Int) -> Bool {
            guard period > 0, poll >= 0 else { return false }
            return poll % period >= period - pausedPolls
        }
    }

    /// Creates a participant.
    public init(
        handle: String, coordinate: Coordinate, path: Path = .fixed, address: String? = nil,
        locality: String? = nil, updatedAt: Timestamp = .ago(.seconds(30)), missingFields: MissingField = .null,
        pause: Pause? = nil
    ) {
        self.handle = handle
        self.coordinate = coordinate
        self.path = path
        self.address = address
        self.locality = locality
        self.updatedAt = updatedAt
        self.missingFields = missingFields
        self.pause = pause
    }

    /// Whether the participant appears in poll `poll`.
    public func isSharing(atPoll poll: Int) -> Bool {
        !(pause?.isPaused(atPoll: poll) ?? false)
    }

    /// The position reported at poll `poll` (0-based; negative polls count as 0); moving positions are rounded
    /// to 1e-6 degrees (about 0.1 m) and altitudes to 0.1 m, as a phone would report them.
    public func coordinate(atPoll poll: Int) -> Coordinate {
        let exact = exactCoordinate(atPoll: max(0, poll))
        guard path != .fixed else { return exact }
        return Coordinate(
            longitude: (exact.longitude * 1e6).rounded() / 1e6, latitude: (exact.latitude * 1e6).rounded() / 1e6,
            altitude: exact.altitude.map { ($0 * 10).rounded() / 10 })
    }

    private func exactCoordinate(atPoll poll: Int) -> Coordinate {
        switch path {
        case .fixed:
            return coordinate
        case .route(let waypoints, let pollsPerLeg):
            guard let first = waypoints.first else { return coordinate }
            guard waypoints.count > 1 else { return first }
            let perLeg = max(1, pollsPerLeg)
            let leg = (poll / perLeg) % waypoints.count
            let fraction = Double(poll % perLeg) / Double(perLeg)
            let from = waypoints[leg]
            let to = waypoints[(leg + 1) % waypoints.count]
            return Self.interpolate(from: from, to: to, fraction: fraction)
        case .orbit(let center, let radiusMeters, let pollsPerLap):
            let lap = max(1, pollsPerLap)
            let angle = 2 * Double.pi * Double(poll % lap) / Double(lap)
            let metersPerDegree = 111_320.0
            let latitude = center.latitude + radiusMeters * cos(angle) / metersPerDegree
            let scale = max(0.01, cos(center.latitude * Double.pi / 180))
            let longitude = center.longitude + radiusMeters * sin(angle) / (metersPerDegree * scale)
            return Coordinate(longitude: longitude, latitude: latitude, altitude: center.altitude)
        }
    }

    /// The `updated_at` text at `now`, or nil when the value is `null` or omitted.
    public func updatedAtText(now: Date) -> String? {
        switch updatedAt {
        case .ago(let age):
            let seconds = Double(age.components.seconds) + Double(age.components.attoseconds) / 1e18
            return now.addingTimeInterval(-seconds).formatted(Date.ISO8601FormatStyle())
        case .text(let text):
            return text
        case .null, .omitted:
            return nil
        }
    }

    /// The GeoJSON Feature for poll `poll` at `now`, as compact JSON text.
    public func featureJSON(atPoll poll: Int, now: Date) -> String {
        let position = coordinate(atPoll: poll)
        var coordinates = [JSONText.number(position.longitude), JSONText.number(position.latitude)]
        if let altitude = position.altitude {
            coordinates.append(JSONText.number(altitude))
        }
        var properties = ["\"handle\":" + JSONText.string(handle)]
        for (key, value) in [("address", address), ("locality", locality)] {
            if let value {
                properties.append("\"\(key)\":" + JSONText.string(value))
            } else if missingFields == .null {
                properties.append("\"\(key)\":null")
            }
        }
        switch updatedAt {
        case .omitted:
            break
        case .null:
            properties.append("\"updated_at\":null")
        case .ago, .text:
            properties.append("\"updated_at\":" + JSONText.string(updatedAtText(now: now) ?? ""))
        }
        return #"{"type":"Feature","geometry":{"type":"Point","coordinates":["#
            + coordinates.joined(separator: ",") + #"]},"properties":{"# + properties.joined(separator: ",") + "}}"
    }

    private static func interpolate(from: Coordinate, to: Coordinate, fraction: Double) -> Coordinate {
        var altitude: Double?
        if let start = from.altitude, let end = to.altitude {
            altitude = start + (end - start) * fraction
        }
        return Coordinate(
            longitude: from.longitude + (to.longitude - from.longitude) * fraction,
            latitude: from.latitude + (to.latitude - from.latitude) * fraction,
            altitude: altitude
        )
    }
}
