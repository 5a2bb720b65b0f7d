import Foundation

/// Writes participants as a bare RFC 7946 FeatureCollection for `--once --format geojson`, through
/// `JSONWriter` (deterministic bytes, control and bidi code points escaped).
public enum GeoJSONWriter {
    /// The FeatureCollection, one Feature per line, without a trailing newline; `[]` features when empty.
    public static func featureCollection(_ participants: [Participant]) -> String {
        guard !participants.isEmpty else { return #"{"type":"FeatureCollection","features":[]}"# }
        var output = #"{"type":"FeatureCollection","features":["# + "\n"
        // About 180 bytes a feature: one allocation for most collections instead of one per doubling.
        output.reserveCapacity(participants.count * 192)
        for (index, participant) in participants.enumerated() {
            write(participant, into: &output)
            output += index == participants.count - 1 ? "\n" : ",\n"
        }
        output += "]}"
        return output
    }

    /// One Feature: a Point at the participant's coordinate with its original properties.
    public static func feature(_ participant: Participant) -> String {
        var output = ""
        write(participant, into: &output)
        return output
    }

    /// Appends `feature(participant)` to `output`.
    static func write(_ participant: Participant, into output: inout String) {
        let coordinate = participant.coordinate
        output += #"{"type":"Feature","geometry":{"type":"Point","coordinates":["#
        output += JSONWriter.number(coordinate.longitude)
        output += ","
        output += JSONWriter.number(coordinate.latitude)
        if let altitude = coordinate.altitude {
            output += ","
            output += JSONWriter.number(altitude)
        }
        output += #"]},"properties":"#
        JSONWriter.write(participant.properties, into: &output)
        output += "}"
    }
}
