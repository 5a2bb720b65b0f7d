import Foundation

/// A participant's reported position: WGS84 degrees, longitude in [-180, 180], latitude in [-90, 90];
/// altitude in metres when the feature carried a third coordinate.
public struct Coordinate: Hashable, Sendable {
    public var longitude: Double
    public var latitude: Double
    public var altitude: Double?

    /// Creates a coordinate; callers validate ranges (see `FeatureValidation`).
    public init(longitude: Double, latitude: Double, altitude: Double? = nil) {
        self.longitude = longitude
        self.latitude = latitude
        self.altitude = altitude
    }
}

/// One sharing participant, as one valid GeoJSON Point feature of the location response.
public struct Participant: Hashable, Sendable {
    /// E.164 phone number or email, exactly as the API sent it (not sanitised: display code sanitises).
    public var handle: String
    public var coordinate: Coordinate
    public var address: String?
    public var locality: String?
    /// When Apple last refreshed the position; nil when absent, null or unparseable.
    public var updatedAt: Date?
    /// The raw `updated_at` string, kept so an unparseable value can still be reported.
    public var updatedAtText: String?
    /// The feature's original `properties` object, for `--once --format geojson`.
    public var properties: JSONValue

    /// Creates a participant.
    public init(
        handle: String, coordinate: Coordinate, address: String? = nil, locality: String? = nil,
        updatedAt: Date? = nil, updatedAtText: String? = nil, properties: JSONValue = .object([:])
    ) {
        self.handle = handle
        self.coordinate = coordinate
        self.address = address
        self.locality = locality
        self.updatedAt = updatedAt
        self.updatedAtText = updatedAtText
        self.properties = properties
    }
}

/// The decoded result of one successful location fetch: valid participants in response order, and
/// one warning line per skipped feature, duplicate handle or unparseable time.
public struct LocationSnapshot: Hashable, Sendable {
    public var participants: [Participant]
    public var warnings: [String]

    /// Creates a snapshot.
    public init(participants: [Participant], warnings: [String] = []) {
        self.participants = participants
        self.warnings = warnings
    }
}
