import Foundation

/// A JSON value, kept verbatim where linq-map passes data through (feature properties).
///
/// Numbers are `Double`s, as JSONDecoder reads them; objects are unordered (writers sort their keys).
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

    /// Parses `data` as one JSON value with JSONDecoder's rules: invalid JSON, NaN or numbers a `Double`
    /// cannot hold (1e400) and nesting deeper than `maxDepth` throw; a duplicate object key keeps one value.
    public static func parse(_ data: Data, maxDepth: Int = JSONValue.maxDepth) throws(ParseError) -> JSONValue {
        // NB: the depth check runs before JSONDecoder so that our recursive decoding never goes deep
        // enough to threaten a small (512 KiB) cooperative-pool stack.
        if let depth = nestingDepthExceeding(maxDepth, in: data) {
            throw ParseError(detail: "JSON nested deeper than \(depth - 1) levels")
        }
        do {
            return try JSONDecoder().decode(DecodedJSON.self, from: data).value
        } catch let error as DecodingError {
            throw ParseError(detail: describe(error))
        } catch {
            throw ParseError(detail: "not valid JSON")
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

    /// Returns `maxDepth + 1` if arrays and objects in `data` nest deeper than `maxDepth`, else nil.
    /// Brackets inside strings do not count; malformed input is left to the JSON parser.
    private static func nestingDepthExceeding(_ maxDepth: Int, in data: Data) -> Int? {
        var depth = 0
        var isInString = false
        var isEscaped = false
        for byte in data {
            if isInString {
                if isEscaped {
                    isEscaped = false
                } else if byte == UInt8(ascii: "\\") {
                    isEscaped = true
                } else if byte == UInt8(ascii: "\"") {
                    isInString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                isInString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maxDepth { return depth }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
            default:
                break
            }
        }
        return nil
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted: return "not valid JSON"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            return "a value JSONDecoder cannot represent at /\(path.joined(separator: "/"))"
        case .keyNotFound: return "not valid JSON"
        @unknown default: return "not valid JSON"
        }
    }
}

/// Decodes any JSON value into `JSONValue`; private so that no public Codable conformance is claimed.
private struct DecodedJSON: Decodable {
    let value: JSONValue

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: JSONValue] = [:]
            for key in container.allKeys {
                members[key.stringValue] = try container.decode(DecodedJSON.self, forKey: key).value
            }
            value = .object(members)
        } else if var container = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !container.isAtEnd {
                items.append(try container.decode(DecodedJSON.self).value)
            }
            value = .array(items)
        } else {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                value = .null
            } else if let bool = try? container.decode(Bool.self) {
                value = .bool(bool)
            } else if let number = try? container.decode(Double.self) {
                value = .number(number)
            } else {
                // NB: a number JSONDecoder cannot hold (1e400) lands here and fails as a type mismatch.
                value = .string(try container.decode(String.self))
            }
        }
    }
}
