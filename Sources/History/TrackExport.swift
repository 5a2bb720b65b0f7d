import Foundation
import LinqModel

/// `linq-map history` output: the recorded tracks of a chat as GeoJSON (RFC 7946) or CSV.
public enum TrackExport {
    /// The CSV header line (no line end).
    public static let csvHeader = "chat_id,handle,name,lat,lon,locality,address,updated_at,seen_at"

    /// A FeatureCollection with one feature per track that has a position: a `LineString` of its positions
    /// (`[lon, lat]`, or `[lon, lat, alt]` when every position has an altitude), a `Point` when there is one;
    /// properties `handle`, `name` (from `names`, else null), `chat_id` and `times` (ISO 8601 UTC, one per
    /// coordinate: `updated_at`, else the poll that stored the fix). No tracks give an empty collection.
    public static func geoJSON(_ tracks: [Track], names: [String: String] = [:]) -> String {
        let features = tracks.compactMap { track -> JSONValue? in
            let positions = track.positions
            guard !positions.isEmpty else { return nil }
            let withAltitude = positions.allSatisfy { $0.coordinate.altitude != nil }
            let coordinates = positions.map { point -> JSONValue in
                var numbers = [JSONValue.number(point.coordinate.longitude), .number(point.coordinate.latitude)]
                if withAltitude, let altitude = point.coordinate.altitude { numbers.append(.number(altitude)) }
                return .array(numbers)
            }
            let geometry: JSONValue =
                coordinates.count == 1
                ? .object(["type": .string("Point"), "coordinates": coordinates[0]])
                : .object(["type": .string("LineString"), "coordinates": .array(coordinates)])
            let properties: JSONValue = .object([
                "handle": .string(track.handle),
                "name": names[track.handle].map(JSONValue.string) ?? .null,
                "chat_id": .string(track.chatID),
                "times": .array(positions.map { .string(isoText($0.time)) }),
            ])
            return .object(["type": .string("Feature"), "geometry": geometry, "properties": properties])
        }
        return JSONWriter.text(.object(["type": .string("FeatureCollection"), "features": .array(features)]))
    }

    /// The header and one line per position (stops left out), tracks in order, each line ending in CRLF as
    /// RFC 4180 says; fields with a comma, quote or line break are quoted. Absent values are empty.
    public static func csv(_ tracks: [Track], names: [String: String] = [:]) -> String {
        var output = csvHeader + "\r\n"
        for track in tracks {
            for point in track.positions {
                let fields = [
                    track.chatID, track.handle, names[track.handle] ?? "", number(point.coordinate.latitude),
                    number(point.coordinate.longitude), point.locality ?? "", point.address ?? "",
                    point.updatedAt.map(isoText) ?? "", isoText(point.seenAt),
                ]
                output += fields.map(csvField).joined(separator: ",") + "\r\n"
            }
        }
        return output
    }

    /// ISO 8601 in UTC, whole seconds: `2026-12-01T09:14:00Z`.
    public static func isoText(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    private static func number(_ value: Double) -> String {
        JSONWriter.text(.number(value))
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
