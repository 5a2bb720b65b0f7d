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
///
/// Text arrives cut to what can be shown (`maximumTextLength` characters, see `cutForDisplay`); the feature's
/// `properties` are kept whole, as received, for `--once --format geojson`.
public struct Participant: Hashable, Sendable {
    /// The most characters (grapheme clusters) of a handle, address, locality or raw `updated_at` kept for
    /// display; longer text keeps its first `maximumTextLength - 1` characters and ends in `…`.
    public static let maximumTextLength = 512

    /// E.164 phone number or email as the API sent it (not sanitised: display code sanitises), cut to
    /// `maximumTextLength`; it identifies the participant across polls.
    public var handle: String
    public var coordinate: Coordinate
    public var address: String?
    public var locality: String?
    /// When Apple last refreshed the position; nil when absent, null, unparseable or implausible.
    public var updatedAt: Date?
    /// The raw `updated_at` string, kept so an unparseable value can still be reported.
    public var updatedAtText: String?
    /// The feature's `properties` object, for `--once --format geojson`: every member as received, except
    /// one holding a value linq-map cannot read (left out with a warning).
    public var properties: JSONValue {
        get { featureProperties.value }
        set { featureProperties = FeatureProperties(newValue) }
    }
    /// The same properties, stored as received.
    public var featureProperties: FeatureProperties

    /// Creates a participant.
    public init(
        handle: String, coordinate: Coordinate, address: String? = nil, locality: String? = nil,
        updatedAt: Date? = nil, updatedAtText: String? = nil, properties: JSONValue = .object([:])
    ) {
        self.init(
            handle: handle, coordinate: coordinate, address: address, locality: locality, updatedAt: updatedAt,
            updatedAtText: updatedAtText, featureProperties: FeatureProperties(properties))
    }

    /// Creates a participant whose properties are kept as received.
    public init(
        handle: String, coordinate: Coordinate, address: String?, locality: String?, updatedAt: Date?,
        updatedAtText: String?, featureProperties: FeatureProperties
    ) {
        self.handle = handle
        self.coordinate = coordinate
        self.address = address
        self.locality = locality
        self.updatedAt = updatedAt
        self.updatedAtText = updatedAtText
        self.featureProperties = featureProperties
    }

    /// `text` cut to `maximumTextLength` characters, the last one then `…`; shorter text is returned as is.
    ///
    /// NB: issue 10: a poll with seven 1 MB localities kept a core busy measuring and clipping them on every
    /// frame; nothing past a screen's width is ever shown.
    public static func cutForDisplay(_ text: String) -> String {
        guard text.utf8.count > maximumTextLength else { return text }  // fewer bytes than characters to cut
        var end = text.startIndex
        var count = 0
        while end < text.endIndex && count < maximumTextLength {
            text.formIndex(after: &end)
            count += 1
        }
        guard end < text.endIndex else { return text }
        return String(text[..<text.index(before: end)]) + "…"
    }
}

/// A feature's `properties` object: compact storage of the JSON text as received (read into a `JSONValue`
/// when asked), or a value built in code. Two are equal when their values are.
public struct FeatureProperties: Hashable, Sendable {
    private enum Storage: Hashable, Sendable {
        case text([UInt8])
        case value(JSONValue)
    }

    private let storage: Storage

    /// Properties given as a value.
    public init(_ value: JSONValue) {
        storage = .value(value)
    }

    /// Properties as JSON text (UTF-8) that the location decoder has checked parses as an object.
    init(checkedText: [UInt8]) {
        storage = .text(checkedText)
    }

    /// The properties as a value; `.object([:])` for text that does not parse (never the case for decoded text).
    public var value: JSONValue {
        switch storage {
        case .value(let value):
            return value
        case .text(let bytes):
            return bytes.withUnsafeBufferPointer { utf8 in
                var scanner = JSONScanner(utf8, maxDepth: JSONValue.maxDepth)
                return ((try? scanner.value()) ?? nil) ?? .object([:])  // UTF-8 JSON text checked by the decoder
            }
        }
    }

    /// The UTF-8 JSON text as received, when the properties were decoded from a response.
    public var receivedText: [UInt8]? {
        if case .text(let bytes) = storage { return bytes }
        return nil
    }

    public static func == (lhs: FeatureProperties, rhs: FeatureProperties) -> Bool {
        if case .text(let left) = lhs.storage, case .text(let right) = rhs.storage, left == right { return true }
        return lhs.value == rhs.value
    }

    /// Hashes nothing: equal values may be stored as different text, so only `==` tells them apart.
    public func hash(into hasher: inout Hasher) {}
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
