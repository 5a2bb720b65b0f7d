import Foundation

/// Turns one response of `GET /v3/chats/{chatId}/location` into a `LocationSnapshot` or a `FetchError`.
///
/// Accepts the success envelope `{"success": true, "data": FeatureCollection}` and, leniently, a bare
/// FeatureCollection. Each feature must be a GeoJSON Point with 2 or 3 finite numbers (longitude in
/// [-180, 180], latitude in [-90, 90]) and a non-empty string `properties.handle`; `address`, `locality`
/// and `updated_at` may be null or absent, and unknown fields are ignored. An invalid feature is skipped
/// with a warning; if features were present and none is valid, the whole response is malformed.
/// Duplicate handles keep the newest `updated_at` (a known time beats an unknown one; on a tie the first
/// wins), at the first one's position, with a warning.
public enum LocationDecoder {
    /// Decodes `body` received with HTTP `status` for chat `chatID`.
    ///
    /// A 2xx body is read straight from its bytes to the participants (`FeatureReader`): members linq-map
    /// does not use are checked as JSON and skipped, never built, and one value linq-map cannot read
    /// (`JSONOddity`) costs only that value or that feature, with a warning. Broken JSON, nesting deeper than
    /// `JSONValue.maxDepth` and a body that is not a FeatureCollection fail as a whole (`.malformed`).
    ///
    /// - Parameters:
    ///   - location: the response's `Location` header, named by the error for a 3xx.
    ///   - retryAfter: the server's `Retry-After`, carried by an unavailable error.
    public static func snapshot(
        status: Int, body: Data, chatID: String, location: String? = nil, retryAfter: Duration? = nil
    ) throws(FetchError) -> LocationSnapshot {
        guard (200..<300).contains(status) else {
            throw APIResponse.error(
                status: status, body: body, location: location, retryAfter: retryAfter, chatID: chatID)
        }
        let envelope: FeatureReader.Envelope
        do {
            envelope = try JSONScanner.withUTF8(body) { (bytes) throws(JSONValue.ParseError) in
                try FeatureReader.envelope(bytes)
            }
        } catch {
            throw .malformed(detail: error.detail)
        }
        if envelope.isFailure {
            // `success: false`: the error envelope's own reading says which error it is.
            let json = try APIResponse.successBody(
                status: status, body: body, location: location, retryAfter: retryAfter, chatID: chatID)
            return try snapshot(fromSuccessBody: json)
        }
        return try envelope.snapshot()
    }

    /// Decodes an already parsed 2xx body (envelope or bare FeatureCollection), by the same rules.
    public static func snapshot(fromSuccessBody json: JSONValue) throws(FetchError) -> LocationSnapshot {
        guard case .object(let members) = json else {
            throw .malformed(detail: "no \"data\" in the response")
        }
        var envelope = FeatureReader.Envelope()
        envelope.type = members["type"].map(FeatureFields.Text.init)
        envelope.topFeatures = members["features"].map(features)
        switch members["data"] {
        case nil: break
        case .object(let data)?:
            envelope.data = .collection(
                type: data["type"].map(FeatureFields.Text.init), features: data["features"].map(features))
        case .some: envelope.data = .notObject
        }
        return try envelope.snapshot()
    }

    /// Reads an ISO 8601 timestamp (see `TimestampReading`); nil when it is not one or before 2000.
    public static func parseTimestamp(_ text: String) -> Date? {
        TimestampReading(text).date
    }

    private static func features(_ value: JSONValue) -> FeatureReader.Features {
        guard case .array(let items) = value else { return .notArray }
        var builder = SnapshotBuilder()
        for item in items {
            builder.add(FeatureFields(item))
        }
        return .array(builder)
    }
}

/// What one feature holds, read from the text or from a parsed value, before it is checked.
struct FeatureFields {
    /// A member that should hold text.
    enum Text: Equatable {
        case null
        case text(String)
        case notText
        case odd(JSONOddity)

        init(_ value: JSONValue) {
            switch value {
            case .null: self = .null
            case .string(let text): self = .text(text)
            default: self = .notText
            }
        }
    }

    var isObject = true
    var type: Text?
    var hasGeometryObject = false
    var geometryType: Text?
    /// The number of coordinates; -1 when `coordinates` is absent or not an array.
    var coordinateCount = -1
    /// The first three coordinates; nil for one that is not a number a `Double` holds.
    var coordinates: (Double?, Double?, Double?) = (nil, nil, nil)
    var hasPropertiesObject = false
    var handle: Text?
    var address: Text?
    var locality: Text?
    var updatedAt: Text?
    /// Properties members left out because they hold a value linq-map cannot read: name and why.
    var omitted: [(name: String, oddity: JSONOddity)] = []
    var properties = FeatureProperties(.object([:]))

    init() {}

    /// The fields of a parsed feature.
    init(_ feature: JSONValue) {
        guard case .object(let members) = feature else {
            isObject = false
            return
        }
        type = members["type"].map(Text.init)
        if case .object(let geometry)? = members["geometry"] {
            hasGeometryObject = true
            geometryType = geometry["type"].map(Text.init)
            if case .array(let values)? = geometry["coordinates"] {
                coordinateCount = values.count
                func number(_ index: Int) -> Double? { index < values.count ? values[index].numberValue : nil }
                coordinates = (number(0), number(1), number(2))
            }
        }
        if case .object(let properties)? = members["properties"] {
            hasPropertiesObject = true
            handle = properties["handle"].map(Text.init)
            address = properties["address"].map(Text.init)
            locality = properties["locality"].map(Text.init)
            updatedAt = properties["updated_at"].map(Text.init)
            self.properties = FeatureProperties(.object(properties))
        }
    }
}

/// Collects the valid participants of one `features` array, in order, with the warnings.
struct SnapshotBuilder {
    private(set) var participants: [Participant] = []
    private(set) var warnings: [String] = []
    private(set) var count = 0
    private var indexByHandle: [String: Int] = [:]

    private struct Invalid: Error {
        var text: String
    }

    /// A builder with room for `expectedCount` participants (none reserved for 0 or less).
    init(expectedCount: Int = 0) {
        guard expectedCount > 0 else { return }
        participants.reserveCapacity(expectedCount)
        indexByHandle.reserveCapacity(expectedCount)
    }

    /// Checks the next feature and keeps it, skips it with a warning, or settles a duplicate handle.
    mutating func add(_ fields: FeatureFields) {
        count += 1
        let index = count
        let participant: Participant
        switch validate(fields, number: index) {
        case .success(let valid):
            participant = valid
        case .failure(let reason):
            warnings.append("skipped feature \(index): \(reason.text)")
            return
        }
        // One hash for a new handle: insert, and put the first index back for a duplicate.
        guard let existing = indexByHandle.updateValue(participants.count, forKey: participant.handle) else {
            participants.append(participant)
            return
        }
        indexByHandle[participant.handle] = existing
        if Self.isNewer(participant.updatedAt, than: participants[existing].updatedAt) {
            participants[existing] = participant
            warnings.append("duplicate handle \(participant.handle): kept feature \(index), the newest position")
        } else {
            warnings.append("duplicate handle \(participant.handle): skipped feature \(index), an older position")
        }
    }

    /// The snapshot; `.malformed` when there were features and none was valid.
    func snapshot() throws(FetchError) -> LocationSnapshot {
        if count > 0 && participants.isEmpty {
            throw .malformed(detail: "none of the \(count) features is valid (\(warnings.first ?? ""))")
        }
        return LocationSnapshot(participants: participants, warnings: warnings)
    }

    private mutating func validate(_ fields: FeatureFields, number: Int) -> Result<Participant, Invalid> {
        guard fields.isObject else { return .failure(Invalid(text: "not an object")) }
        if let type = fields.type, type != .text("Feature") {
            return .failure(Invalid(text: "type is not \"Feature\""))
        }
        guard fields.hasGeometryObject else { return .failure(Invalid(text: "no geometry")) }
        guard fields.geometryType == .text("Point") else {
            return .failure(Invalid(text: "geometry is not a Point"))
        }
        guard (2...3).contains(fields.coordinateCount) else {
            return .failure(Invalid(text: "coordinates are not 2 or 3 numbers"))
        }
        let (first, second, third) = fields.coordinates
        guard let longitude = first, let latitude = second, longitude.isFinite, latitude.isFinite,
            fields.coordinateCount == 2 || third?.isFinite == true
        else {
            return .failure(Invalid(text: "coordinates are not 2 or 3 finite numbers"))
        }
        guard (-180...180).contains(longitude) else {
            return .failure(Invalid(text: "longitude \(longitude) outside [-180, 180]"))
        }
        guard (-90...90).contains(latitude) else {
            return .failure(Invalid(text: "latitude \(latitude) outside [-90, 90]"))
        }
        guard fields.hasPropertiesObject else { return .failure(Invalid(text: "no properties object")) }
        let rawHandle: String
        switch fields.handle {
        case .text(let text)? where !Self.isBlank(text):
            rawHandle = text
        case .odd(let oddity)?:
            return .failure(Invalid(text: "the handle is \(oddity.description)"))
        default:
            return .failure(Invalid(text: "no handle"))
        }
        let handle = Participant.cutForDisplay(rawHandle)

        func optionalText(_ field: FeatureFields.Text?, _ key: String) -> String? {
            switch field {
            case nil, .null?: return nil
            case .text(let text)?: return text
            case .notText?:
                warnings.append("feature \(number) (\(handle)): \(key) is not a string; ignored")
                return nil
            case .odd(let oddity)?:
                warnings.append("feature \(number) (\(handle)): \(key) is \(oddity.description); ignored")
                return nil
            }
        }
        let address = optionalText(fields.address, "address").map(Participant.cutForDisplay)
        let locality = optionalText(fields.locality, "locality").map(Participant.cutForDisplay)
        let updatedAtText = optionalText(fields.updatedAt, "updated_at")
        for (name, oddity) in fields.omitted {
            warnings.append("feature \(number) (\(handle)): property \(name) holds \(oddity.description); left out")
        }
        var updatedAt: Date?
        if let updatedAtText {
            let reading = TimestampReading(updatedAtText)
            updatedAt = reading.date
            let quoted = "updated_at \"\(Participant.cutForDisplay(updatedAtText))\""
            switch reading {
            case .time: break
            case .timeWithoutZone:
                warnings.append("feature \(number) (\(handle)): \(quoted): no time zone, read as UTC")
            case .implausible:
                warnings.append(
                    "feature \(number) (\(handle)): \(quoted) is before \(TimestampReading.earliestPlausibleYear); "
                        + "shown as unknown")
            case .invalid:
                warnings.append("feature \(number) (\(handle)): \(quoted) is not ISO 8601; shown as unknown")
            }
        }
        return .success(
            Participant(
                handle: handle,
                coordinate: Coordinate(
                    longitude: longitude, latitude: latitude,
                    altitude: fields.coordinateCount == 3 ? third : nil),
                address: address,
                locality: locality,
                updatedAt: updatedAt,
                updatedAtText: updatedAtText.map(Participant.cutForDisplay),
                featureProperties: fields.properties
            ))
    }

    /// True for text that is empty or only whitespace; quick for text that starts with a visible ASCII byte.
    private static func isBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, first > 0x20, first < 0x7F { return false }
        return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    private static func isNewer(_ candidate: Date?, than current: Date?) -> Bool {
        guard let candidate else { return false }
        guard let current else { return true }
        return candidate > current
    }
}
