import Foundation

/// Writes participants as a bare RFC 7946 FeatureCollection for `--once --format geojson`.
///
/// Deterministic: the same participants give the same bytes (object keys sorted, numbers in their shortest
/// round-tripping form, integral values without a fraction). Every control code point (C0, DEL, C1), the
/// line and paragraph separators and the bidirectional embeddings, overrides and isolates (U+202A-U+202E,
/// U+2066-U+2069) are escaped as `\uXXXX`, so the output can be shown in a terminal safely.
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
        output += coordinates.map(number).joined(separator: ",")
        output += #"]},"properties":"#
        write(participant.properties, into: &output)
        output += "}"
        return output
    }

    /// `value` as compact JSON with sorted keys and escaped control and bidi code points.
    public static func json(_ value: JSONValue) -> String {
        var output = ""
        write(value, into: &output)
        return output
    }

    /// `text` as a JSON string literal, quotes included, with the escaping described above.
    public static func quoted(_ text: String) -> String {
        // Printable ASCII without quote or backslash needs no escape (issue 10: most of --once's writing time).
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) { return "\"" + text + "\"" }
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if needsEscape(scalar) {
                    output += "\\u" + hex4(scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
        return output
    }

    private static func write(_ value: JSONValue, into output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let number): output += self.number(number)
        case .string(let text): output += quoted(text)
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                write(item, into: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { output += "," }
                output += quoted(key)
                output += ":"
                write(members[key] ?? .null, into: &output)
            }
            output += "}"
        }
    }

    private static func number(_ number: Double) -> String {
        guard number.isFinite else { return "null" }  // JSON has no NaN or infinity
        if number == number.rounded(), abs(number) < 9_007_199_254_740_992 {
            return String(Int64(number))  // integral: no ".0", as the API sent it
        }
        return "\(number)"  // Swift's shortest round-trip form is valid JSON ("1e-05", "5e+20")
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true  // C0, DEL, C1
        case 0x2028, 0x2029: return true  // line and paragraph separators
        case 0x202A...0x202E, 0x2066...0x2069: return true  // bidi embeddings, overrides, isolates
        default: return false
        }
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: false)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
