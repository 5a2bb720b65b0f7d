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
    /// - Parameters:
    ///   - location: the response's `Location` header, named by the error for a 3xx.
    ///   - retryAfter: the server's `Retry-After`, carried by an unavailable error.
    public static func snapshot(
        status: Int, body: Data, chatID: String, location: String? = nil, retryAfter: Duration? = nil
    ) throws(FetchError) -> LocationSnapshot {
        let json = try APIResponse.successBody(
            status: status, body: body, location: location, retryAfter: retryAfter, chatID: chatID)
        return try snapshot(fromSuccessBody: json)
    }

    /// Decodes an already parsed 2xx body (envelope or bare FeatureCollection).
    public static func snapshot(fromSuccessBody json: JSONValue) throws(FetchError) -> LocationSnapshot {
        let collection: JSONValue
        if json["type"] != nil {
            collection = json  // a bare FeatureCollection
        } else if let data = json["data"] {
            collection = data
        } else {
            throw .malformed(detail: "no \"data\" in the response")
        }
        guard case .object = collection else {
            throw .malformed(detail: "\"data\" is not a FeatureCollection object")
        }
        if let type = collection["type"], type != .string("FeatureCollection") {
            throw .malformed(detail: "\"data\" is not a FeatureCollection")
        }
        guard let features = collection["features"]?.arrayValue else {
            throw .malformed(detail: "the FeatureCollection has no \"features\" array")
        }

        var warnings: [String] = []
        var participants: [Participant] = []
        var indexByHandle: [String: Int] = [:]
        for (index, feature) in features.enumerated() {
            let participant: Participant
            switch validate(feature, number: index + 1, warnings: &warnings) {
            case .success(let valid):
                participant = valid
            case .failure(let reason):
                warnings.append("skipped feature \(index + 1): \(reason.text)")
                continue
            }
            guard let existing = indexByHandle[participant.handle] else {
                indexByHandle[participant.handle] = participants.count
                participants.append(participant)
                continue
            }
            if isNewer(participant.updatedAt, than: participants[existing].updatedAt) {
                participants[existing] = participant
                warnings.append(
                    "duplicate handle \(participant.handle): kept feature \(index + 1), the newest position")
            } else {
                warnings.append(
                    "duplicate handle \(participant.handle): skipped feature \(index + 1), an older position")
            }
        }
        if !features.isEmpty && participants.isEmpty {
            throw .malformed(detail: "none of the \(features.count) features is valid (\(warnings[0]))")
        }
        return LocationSnapshot(participants: participants, warnings: warnings)
    }

    /// Parses an ISO 8601 timestamp with or without fractional seconds, `Z` or any offset; nil otherwise.
    public static func parseTimestamp(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        // NB: older Apple Foundation needs the fractional-seconds style for ".123Z" (NOTES section 7).
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }

    private struct Invalid: Error {
        var text: String
    }

    private static func validate(
        _ feature: JSONValue, number: Int, warnings: inout [String]
    ) -> Result<Participant, Invalid> {
        guard case .object = feature else { return .failure(Invalid(text: "not an object")) }
        if let type = feature["type"], type != .string("Feature") {
            return .failure(Invalid(text: "type is not \"Feature\""))
        }
        guard let geometry = feature["geometry"], case .object = geometry else {
            return .failure(Invalid(text: "no geometry"))
        }
        guard geometry["type"] == .string("Point") else {
            return .failure(Invalid(text: "geometry is not a Point"))
        }
        guard let values = geometry["coordinates"]?.arrayValue, (2...3).contains(values.count) else {
            return .failure(Invalid(text: "coordinates are not 2 or 3 numbers"))
        }
        let numbers = values.compactMap(\.numberValue)
        guard numbers.count == values.count, numbers.allSatisfy(\.isFinite) else {
            return .failure(Invalid(text: "coordinates are not 2 or 3 finite numbers"))
        }
        guard (-180...180).contains(numbers[0]) else {
            return .failure(Invalid(text: "longitude \(numbers[0]) outside [-180, 180]"))
        }
        guard (-90...90).contains(numbers[1]) else {
            return .failure(Invalid(text: "latitude \(numbers[1]) outside [-90, 90]"))
        }
        guard let properties = feature["properties"], case .object = properties else {
            return .failure(Invalid(text: "no properties object"))
        }
        guard let handle = properties["handle"]?.stringValue,
            !handle.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else {
            return .failure(Invalid(text: "no handle"))
        }

        func optionalText(_ key: String) -> String? {
            switch properties[key] {
            case nil, .null?: return nil
            case .string(let text)?: return text
            case .some:
                warnings.append("feature \(number) (\(handle)): \(key) is not a string; ignored")
                return nil
            }
        }
        let updatedAtText = optionalText("updated_at")
        var updatedAt: Date?
        if let updatedAtText {
            updatedAt = parseTimestamp(updatedAtText)
            if updatedAt == nil {
                warnings.append(
                    "feature \(number) (\(handle)): updated_at \"\(updatedAtText)\" is not ISO 8601; shown as unknown")
            }
        }
        return .success(
            Participant(
                handle: handle,
                coordinate: Coordinate(
                    longitude: numbers[0], latitude: numbers[1], altitude: numbers.count == 3 ? numbers[2] : nil),
                address: optionalText("address"),
                locality: optionalText("locality"),
                updatedAt: updatedAt,
                updatedAtText: updatedAtText,
                properties: properties
            ))
    }

    private static func isNewer(_ candidate: Date?, than current: Date?) -> Bool {
        guard let candidate else { return false }
        guard let current else { return true }
        return candidate > current
    }
}
