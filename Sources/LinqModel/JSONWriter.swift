/// The one JSON writer: every JSON text linq-map and its fake server produce (GeoJSON output, the chat list,
/// FakeLinq's bodies) is written here.
///
/// Deterministic: the same value gives the same bytes (object keys sorted, numbers in their shortest
/// round-tripping form, integral values without a fraction). Every control code point (C0, DEL, C1), the
/// line and paragraph separators and the bidirectional embeddings, overrides and isolates (U+202A-U+202E,
/// U+2066-U+2069) are escaped as `\uXXXX`, so the output can be shown in a terminal safely.
public enum JSONWriter {
    /// `value` as compact JSON text.
    public static func text(_ value: JSONValue) -> String {
        var output = ""
        write(value, into: &output)
        return output
    }

    /// Appends `value` as compact JSON text to `output`.
    public static func write(_ value: JSONValue, into output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let number): output += self.number(number)
        case .string(let text): write(string: text, into: &output)
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                write(item, into: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            // Sorted as pairs: no second hash lookup per key.
            for (index, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { output += "," }
                write(string: member.key, into: &output)
                output += ":"
                write(member.value, into: &output)
            }
            output += "}"
        }
    }

    /// `text` as a JSON string literal, quotes included, with the escaping described above.
    public static func string(_ text: String) -> String {
        var output = ""
        write(string: text, into: &output)
        return output
    }

    /// Appends `text` as a JSON string literal to `output`, as `string(_:)` writes it, without a string of its own.
    public static func write(string text: String, into output: inout String) {
        // Printable ASCII without quote or backslash needs no escape (issue 10: most of --once's writing time).
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
            output += "\""
            output += text
            output += "\""
            return
        }
        output += "\""
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
    }

    /// `number` as JSON: integral values below 2^53 without a fraction, others in Swift's shortest
    /// round-tripping form (`1e-05`, `5e+20`, both valid JSON); `null` for NaN and infinities, which JSON lacks.
    public static func number(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 9_007_199_254_740_992 {
            return String(Int64(number))
        }
        return "\(number)"
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
