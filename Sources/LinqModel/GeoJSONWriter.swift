import Foundation

/// Writes participants as a bare RFC 7946 FeatureCollection for `--once --format geojson`, through
/// `JSONWriter` (deterministic bytes, control and bidi code points escaped).
public enum GeoJSONWriter {
    /// The FeatureCollection, one Feature per line, without a trailing newline; `[]` features when empty.
    public static func featureCollection(_ participants: [Participant]) -> String {
        guard !participants.isEmpty else { return #"{"type":"FeatureCollection","features":[]}"# }
        var output = #"{"type":"FeatureCollection","features":["# + "\n"
        for (index, participant) in participants.enumerated() {
            output += feature(participant)
            output += index == participants.count - 1 ? "\n" : ",\n"
        }
        output += "]}"
        return output
    }

    /// One Feature: a Point at the participant's coordinate with its original properties.
    public static func feature(_ participant: Participant) -> String {
        let coordinate = participant.coordinate
        var coordinates = [coordinate.longitude, coordinate.latitude]
        if let altitude = coordinate.altitude { coordinates.append(altitude) }
        var output = #"{"type":"Feature","geometry":{"type":"Point","coordinates":["#
        output += coordinates.map(JSONWriter.number).joined(separator: ",")
        output += #"]},"properties":"#
        JSONWriter.write(participant.properties, into: &output)
        output += "}"
        return output
    }
}
