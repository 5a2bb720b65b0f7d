import Foundation

/// A JSON value, kept verbatim where linq-map passes data through (feature properties).
///
/// Numbers are `Double`s; objects are unordered (writers sort their keys).
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

extension JSONValue {
    /// Why a body could not be read as JSON.
    public struct ParseError: Error, Hashable, Sendable {
        /// What was wrong, in a few words, for `FetchError.malformed`.
        public var detail: String

        /// Creates a parse error.
        public init(detail: String) {
            self.detail = detail
        }
    }

    /// The deepest nesting of arrays and objects `parse` accepts; Linq bodies need 5 levels plus properties.
    public static let maxDepth = 64

    /// Parses `data` as one JSON value (RFC 8259; UTF-8, or UTF-16 or UTF-32 told apart by their NUL bytes
    /// or byte order mark): invalid JSON, NaN and nesting deeper than `maxDepth` throw; a duplicate object key
    /// keeps its last value. Numbers a `Double` cannot hold (`1e400`, a non-zero `4.9e-325`) and strings that
    /// are not Unicode throw too, or with `dropsOddValues` are left out of their array or object (the response
    /// envelopes read this way, so one such value does not hide an error message or a chat list).
    public static func parse(
        _ data: Data, maxDepth: Int = JSONValue.maxDepth, dropsOddValues: Bool = false
    ) throws(ParseError) -> JSONValue {
        try JSONScanner.withUTF8(data) { (bytes) throws(ParseError) in
            var scanner = JSONScanner(bytes, maxDepth: maxDepth)
            scanner.dropsOddValues = dropsOddValues
            let value = try scanner.value()
            scanner.skipWhitespace()
            guard scanner.isAtEnd else { throw JSONScanner.notJSON }
            guard let value else { throw ParseError(detail: "the whole body is a value linq-map cannot read") }
            return value
        }
    }

    /// The object's member `key`, or nil when this is not an object or has no such member.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    /// The string payload, or nil for any other case.
    public var stringValue: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    /// The number payload, or nil for any other case.
    public var numberValue: Double? {
        guard case .number(let number) = self else { return nil }
        return number
    }

    /// The array payload, or nil for any other case.
    public var arrayValue: [JSONValue]? {
        guard case .array(let items) = self else { return nil }
        return items
    }

    /// True for `.null`.
    public var isNull: Bool { self == .null }
}
