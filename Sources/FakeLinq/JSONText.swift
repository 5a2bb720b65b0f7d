import Foundation
import LinqModel

/// The fake server's JSON pieces: envelopes and collections assembled by hand, so it controls every byte it
/// sends (key order, deliberately broken bodies), with strings and numbers written by `JSONWriter`.
public enum JSONText {
    /// A JSON string literal for `text`, escaped as `JSONWriter` escapes (control and bidi code points as
    /// `\uXXXX`); everything else, non-ASCII included, kept as UTF-8.
    public static func string(_ text: String) -> String {
        JSONWriter.string(text)
    }

    /// A JSON number for a finite `value` (as `JSONWriter` writes it); non-finite values are written as `NaN`,
    /// `Infinity` or `-Infinity`, which is not JSON (used only by hostile scenarios).
    public static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return JSONWriter.number(value)
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
