import Foundation

/// Writes JSON text by hand, so the fake server controls every byte it sends (number formats, key order,
/// deliberately broken bodies) without going through an encoder.
public enum JSONText {
    /// A JSON string literal for `text`: quotes, backslash and C0 controls escaped, everything else
    /// (including non-ASCII) kept as UTF-8.
    public static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let control where control.value < 0x20:
                out += String(format: "\\u%04x", control.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A JSON number for a finite `value` (Swift's shortest round-tripping form); non-finite values are
    /// written as `NaN`, `Infinity` or `-Infinity`, which is not JSON (used only by hostile scenarios).
    public static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// `{"success":true,"data":<data>}`.
    public static func success(data: String) -> String {
        #"{"success":true,"data":"# + data + "}"
    }

    /// A FeatureCollection with these features (each already JSON text).
    public static func featureCollection(_ features: [String]) -> String {
        #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}"
    }

    /// The Linq error envelope: `{"success":false,"error":{"status","code","message","doc_url"}}`.
    public static func error(status: Int, code: Int, message: String) -> String {
        #"{"success":false,"error":{"status":"# + String(status) + #","code":"# + String(code)
            + #","message":"# + string(message) + #","doc_url":"# + string(docURL(code: code)) + "}}"
    }

    /// The documentation address the real API puts in `doc_url` for an error code.
    public static func docURL(code: Int) -> String {
        "https://docs.linqapp.com/errors/\(code)"
    }
}
