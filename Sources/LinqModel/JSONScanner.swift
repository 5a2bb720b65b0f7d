import Foundation

/// Why one JSON value, well formed as text, is one linq-map does not read: a number a `Double` cannot hold
/// (`1e999` overflows, a non-zero `4.9e-325` underflows to zero) or a string that is not Unicode (a lone
/// surrogate escape such as `"\ud800"`, or bytes that are not UTF-8).
public enum JSONOddity: Hashable, Sendable {
    /// A number outside what a `Double` holds; `text` is the literal, cut to 40 bytes.
    case number(text: String)
    /// A lone UTF-16 surrogate escape in a string.
    case loneSurrogate
    /// Bytes in a string that are not UTF-8 (or, in a UTF-16 or UTF-32 body, code units that are not Unicode).
    case invalidUTF8

    /// A few words for a warning: `a number linq-map cannot read (1e999)`.
    public var description: String {
        switch self {
        case .number(let text): return "a number linq-map cannot read (\(text))"
        case .loneSurrogate: return "a string with a lone surrogate (not Unicode)"
        case .invalidUTF8: return "a string that is not valid UTF-8"
        }
    }
}

/// A byte-level reader of JSON text (RFC 8259) over UTF-8 bytes, for `JSONValue.parse` and the location
/// decoder's direct path. It never recurses past `maxDepth` (the check comes before the recursion), reads
/// numbers in the C locale, and tells odd values (`JSONOddity`) apart from broken syntax: odd values are
/// reported to the caller, broken syntax throws.
///
/// Reads past the end return a NUL sentinel, which no JSON production accepts, so every bound is checked.
struct JSONScanner {
    typealias ParseError = JSONValue.ParseError

    /// A string as found in the text: the bytes between its quotes and whether it needs unescaping.
    struct StringToken {
        /// Offset of the first byte after the opening quote.
        var start: Int
        /// Offset of the closing quote.
        var end: Int
        /// True when the string holds a backslash escape.
        var hasEscapes: Bool
        /// Why the string is not Unicode, if it is not.
        var oddity: JSONOddity?
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var depth = 0
    let maxDepth: Int
    /// When true, `value()` leaves odd values out instead of throwing.
    var dropsOddValues = false

    init(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    static let notJSON = ParseError(detail: "not valid JSON")

    @inline(__always) func byte(at offset: Int) -> UInt8 {
        offset < bytes.count ? bytes[offset] : 0
    }

    @inline(__always) var current: UInt8 { byte(at: position) }

    var isAtEnd: Bool { position >= bytes.count }

    @inline(__always) mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// Consumes `byte` after optional whitespace, or throws.
    @inline(__always) mutating func expect(_ byte: UInt8) throws(ParseError) {
        skipWhitespace()
        guard current == byte else { throw Self.notJSON }
        position += 1
    }

    /// Enters an array or object whose opening bracket is at `position`; throws past `maxDepth`.
    @inline(__always) mutating func enter() throws(ParseError) {
        depth += 1
        if depth > maxDepth {
            throw ParseError(detail: "JSON nested deeper than \(maxDepth) levels")
        }
        position += 1
    }

    // MARK: Objects and arrays

    /// Reads `{ "key": value, ... }` from `position` (at the `{`): calls `member` with each key, positioned at
    /// the value after whitespace; `member` must consume the value.
    mutating func readObject(
        _ member: (inout JSONScanner, StringToken) throws(ParseError) -> Void
    ) throws(ParseError) {
        try enter()
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw Self.notJSON }
            let key = try scanString()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            try member(&self, key)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                depth -= 1
                return
            default: throw Self.notJSON
            }
        }
    }

    /// Reads `[ value, ... ]` from `position` (at the `[`): calls `element` with each index, positioned at the
    /// value after whitespace; `element` must consume the value.
    mutating func readArray(_ element: (inout JSONScanner, Int) throws(ParseError) -> Void) throws(ParseError) {
        try enter()
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return
        }
        var index = 0
        while true {
            skipWhitespace()
            try element(&self, index)
            index += 1
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                depth -= 1
                return
            default: throw Self.notJSON
            }
        }
    }

    /// Skips one value (after whitespace), checking its syntax and depth; returns the first odd value inside it.
    mutating func skipValue() throws(ParseError) -> JSONOddity? {
        skipWhitespace()
        switch current {
        case UInt8(ascii: "\""):
            return try scanString().oddity
        case UInt8(ascii: "{"):
            var oddity: JSONOddity?
            try readObject { (scanner, key) throws(ParseError) in
                let inner = try scanner.skipValue()
                oddity = oddity ?? key.oddity ?? inner
            }
            return oddity
        case UInt8(ascii: "["):
            var oddity: JSONOddity?
            try readArray { (scanner, _) throws(ParseError) in
                let inner = try scanner.skipValue()
                oddity = oddity ?? inner
            }
            return oddity
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default:
            let number = try scanNumber()
            return number.oddity
        }
        return nil
    }

    /// Consumes `word` (true, false, null) or throws.
    mutating func literal(_ word: StaticString) throws(ParseError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw Self.notJSON }
        let start = word.utf8Start
        for offset in 0..<count where bytes[position + offset] != start[offset] {
            throw Self.notJSON
        }
        position += count
    }

    // MARK: Values as a tree

    /// Reads one value (after whitespace) as a `JSONValue`. An odd value throws, or with `dropsOddValues` is
    /// left out of its array or object (nil when the value itself is odd).
    mutating func value() throws(ParseError) -> JSONValue? {
        skipWhitespace()
        switch current {
        case UInt8(ascii: "\""):
            let token = try scanString()
            if let oddity = token.oddity { return try odd(oddity) }
            return .string(string(token))
        case UInt8(ascii: "{"):
            var members: [String: JSONValue] = [:]
            members.reserveCapacity(8)  // NB: growing from empty took a tenth of --format geojson's time (perf)
            try readObject { (scanner, key) throws(ParseError) in
                let value = try scanner.value()
                if let oddity = key.oddity {
                    _ = try scanner.odd(oddity)
                    return
                }
                // NB: a duplicate key keeps its last value, as JavaScript and Python do; an odd last value
                // leaves none.
                members[scanner.string(key)] = value
            }
            return .object(members)
        case UInt8(ascii: "["):
            var items: [JSONValue] = []
            try readArray { (scanner, _) throws(ParseError) in
                if let value = try scanner.value() { items.append(value) }
            }
            return .array(items)
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            let number = try scanNumber()
            if let oddity = number.oddity { return try odd(oddity) }
            return .number(number.value)
        }
    }

    /// Throws for an odd value, or returns nil when odd values are dropped.
    private func odd(_ oddity: JSONOddity) throws(ParseError) -> JSONValue? {
        guard dropsOddValues else { throw ParseError(detail: oddity.description) }
        return nil
    }

    // MARK: Strings

    /// Scans a string from `position` (at the opening quote) to after its closing quote. Throws on raw control
    /// characters, bad escapes and a missing closing quote; reports lone surrogates and invalid UTF-8.
    mutating func scanString() throws(ParseError) -> StringToken {
        position += 1
        var token = StringToken(start: position, end: position, hasEscapes: false, oddity: nil)
        let count = bytes.count
        var index = position
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                token.end = index
                position = index + 1
                return token
            }
            if byte == UInt8(ascii: "\\") {
                token.hasEscapes = true
                let (length, oddity) = try Self.escape(in: bytes, at: index)
                if token.oddity == nil { token.oddity = oddity }
                index += length
                continue
            }
            if byte < 0x20 { throw Self.notJSON }
            if byte < 0x80 {
                index += 1
                continue
            }
            let length = Self.utf8SequenceLength(in: bytes, at: index)
            if length == 0 {
                if token.oddity == nil { token.oddity = .invalidUTF8 }
                index += 1
            } else {
                index += length
            }
        }
        throw Self.notJSON
    }

    /// The length of the escape at `index` (a backslash) and whether it is a lone surrogate; throws if malformed.
    static func escape(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) throws(ParseError) -> (Int, JSONOddity?) {
        guard index + 1 < bytes.count else { throw notJSON }
        switch bytes[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return (2, nil)
        case UInt8(ascii: "u"):
            let unit = try hex4(in: bytes, at: index + 2)
            switch unit {
            case 0xD800...0xDBFF:
                if index + 7 < bytes.count, bytes[index + 6] == UInt8(ascii: "\\"),
                    bytes[index + 7] == UInt8(ascii: "u"),
                    let low = try? hex4(in: bytes, at: index + 8), (0xDC00...0xDFFF).contains(low)
                {
                    return (12, nil)
                }
                return (6, .loneSurrogate)
            case 0xDC00...0xDFFF:
                return (6, .loneSurrogate)
            default:
                return (6, nil)
            }
        default:
            throw notJSON
        }
    }

    /// The four hex digits at `index` as a UTF-16 code unit, or throws.
    static func hex4(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) throws(ParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw notJSON }
        var unit: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw notJSON
            }
            unit = unit << 4 | UInt32(digit)
        }
        return unit
    }

    /// The length of the well-formed UTF-8 sequence of two to four bytes at `index`, or 0 (RFC 3629 table).
    static func utf8SequenceLength(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index + offset < bytes.count && range.contains(bytes[index + offset])
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0:
            return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return continuation(1) && continuation(2) ? 3 : 0
        case 0xED:
            return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xF0:
            return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4:
            return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default:
            return 0
        }
    }

    /// The text of a string token that has no oddity.
    func string(_ token: StringToken) -> String {
        let raw = UnsafeBufferPointer(rebasing: bytes[token.start..<token.end])
        guard token.hasEscapes else { return String(decoding: raw, as: UTF8.self) }
        return String(decoding: Self.unescaped(raw), as: UTF8.self)
    }

    /// True when the token's text is `literal` (ASCII).
    func token(_ token: StringToken, is literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        if token.hasEscapes { return token.oddity == nil && string(token) == literal.description }
        guard token.end - token.start == count else { return false }
        let start = literal.utf8Start
        for offset in 0..<count where bytes[token.start + offset] != start[offset] {
            return false
        }
        return true
    }

    /// The UTF-8 bytes of escaped string contents (validated by `scanString`, without its oddities).
    static func unescaped(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < raw.count else {
                output.append(byte)
                index += 1
                continue
            }
            let escaped = raw[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = (try? hex4(in: raw, at: index)) ?? 0xFFFD  // validated by scanString
                index += 4
                if (0xD800...0xDBFF).contains(scalar), index + 6 <= raw.count,
                    let low = try? hex4(in: raw, at: index + 2), (0xDC00...0xDFFF).contains(low)
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: &output)
            default: output.append(escaped)  // " \ /
            }
        }
        return output
    }

    static func appendUTF8(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        output.append(contentsOf: scalar.utf8)
    }

    // MARK: Numbers

    /// Scans a number from `position` by RFC 8259's grammar (no NaN, Infinity, leading `+` or zeros, or bare
    /// `.`) and reads it as the nearest `Double`; a literal whose value overflows or underflows to zero is odd.
    mutating func scanNumber() throws(ParseError) -> (value: Double, oddity: JSONOddity?) {
        let start = position
        var index = position
        let isNegative = byte(at: index) == UInt8(ascii: "-")
        if isNegative { index += 1 }
        var mantissa: UInt64 = 0
        var digits = 0  // significant digits taken into `mantissa`
        var isExact = true  // false once a non-zero digit did not fit in `mantissa`
        var hasNonZeroDigit = false
        var decimalExponent = 0

        func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

        let first = byte(at: index)
        guard isDigit(first) else { throw Self.notJSON }
        if first == UInt8(ascii: "0") {
            index += 1
            if isDigit(byte(at: index)) { throw Self.notJSON }
        } else {
            while isDigit(byte(at: index)) {
                let digit = UInt64(byte(at: index) - UInt8(ascii: "0"))
                hasNonZeroDigit = hasNonZeroDigit || digit != 0
                if digits < 19 {
                    mantissa = mantissa * 10 + digit
                    digits += 1
                } else {
                    decimalExponent += 1
                    if digit != 0 { isExact = false }
                }
                index += 1
            }
        }
        if byte(at: index) == UInt8(ascii: ".") {
            index += 1
            guard isDigit(byte(at: index)) else { throw Self.notJSON }
            while isDigit(byte(at: index)) {
                let digit = UInt64(byte(at: index) - UInt8(ascii: "0"))
                hasNonZeroDigit = hasNonZeroDigit || digit != 0
                if digits < 19 {
                    if mantissa != 0 || digit != 0 {
                        mantissa = mantissa * 10 + digit
                        digits += mantissa == 0 ? 0 : 1
                    }
                    decimalExponent -= 1
                } else if digit != 0 {
                    isExact = false
                }
                index += 1
            }
        }
        var exponent = 0
        let byteAfterNumber = byte(at: index)
        if byteAfterNumber == UInt8(ascii: "e") || byteAfterNumber == UInt8(ascii: "E") {
            index += 1
            var isExponentNegative = false
            if byte(at: index) == UInt8(ascii: "+") || byte(at: index) == UInt8(ascii: "-") {
                isExponentNegative = byte(at: index) == UInt8(ascii: "-")
                index += 1
            }
            guard isDigit(byte(at: index)) else { throw Self.notJSON }
            while isDigit(byte(at: index)) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(byte(at: index) - UInt8(ascii: "0")) }
                index += 1
            }
            if isExponentNegative { exponent = -exponent }
        }
        position = index

        let power = decimalExponent + exponent
        var value: Double
        if !hasNonZeroDigit {
            value = 0
        } else if isExact, mantissa < 1 << 53, (-22...22).contains(power) {
            // NB: Clinger's fast path: both the mantissa and the power of ten are exact doubles, so one
            // correctly rounded multiplication or division gives the correctly rounded result.
            value = Double(mantissa)
            value = power < 0 ? value / Self.powersOfTen[-power] : value * Self.powersOfTen[power]
        } else {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            value = Double(text).map(abs) ?? .infinity  // Swift reads in the C locale, whatever LC_NUMERIC says
        }
        if isNegative { value = -value }
        if value.isInfinite || (value == 0 && hasNonZeroDigit) {
            let literal = String(
                decoding: UnsafeBufferPointer(rebasing: bytes[start..<min(index, start + 40)]), as: UTF8.self)
            return (value, .number(text: literal))
        }
        return (value, nil)
    }

    static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}

extension JSONScanner {
    /// Calls `body` with `data` as UTF-8 bytes. JSON text in UTF-16 or UTF-32 (RFC 8259 section 8.1 leaves
    /// old senders; RFC 4627 section 3 tells them apart by the NUL bytes of the first two characters, and a
    /// byte order mark says so too) is transcoded first, so the depth limit and every other check see the
    /// same text; a UTF-8 byte order mark is skipped. Code units that are not Unicode (a lone surrogate, a
    /// value past U+10FFFF, a cut-off unit) become bytes that are not UTF-8, which the scanner reports as
    /// `.invalidUTF8` inside a string and rejects outside one.
    static func withUTF8<Result>(
        _ data: Data, _ body: (UnsafeBufferPointer<UInt8>) throws(ParseError) -> Result
    ) throws(ParseError) -> Result {
        let outcome: Swift.Result<Result, ParseError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            func run(_ buffer: UnsafeBufferPointer<UInt8>) -> Swift.Result<Result, ParseError> {
                do throws(ParseError) {
                    return .success(try body(buffer))
                } catch {
                    return .failure(error)
                }
            }
            switch TextEncoding.detect(bytes) {
            case .utf8(let bomLength):
                return run(UnsafeBufferPointer(rebasing: bytes[bomLength...]))
            case .utf16(let isBigEndian, let bomLength):
                let utf8 = transcodeUTF16(UnsafeBufferPointer(rebasing: bytes[bomLength...]), isBigEndian: isBigEndian)
                return utf8.withUnsafeBufferPointer(run)
            case .utf32(let isBigEndian, let bomLength):
                let utf8 = transcodeUTF32(UnsafeBufferPointer(rebasing: bytes[bomLength...]), isBigEndian: isBigEndian)
                return utf8.withUnsafeBufferPointer(run)
            }
        }
        return try outcome.get()
    }

    enum TextEncoding: Equatable {
        case utf8(bomLength: Int)
        case utf16(isBigEndian: Bool, bomLength: Int)
        case utf32(isBigEndian: Bool, bomLength: Int)

        static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> TextEncoding {
            let count = bytes.count
            func at(_ index: Int) -> UInt8? { index < count ? bytes[index] : nil }
            switch (at(0), at(1), at(2), at(3)) {
            case (0xEF, 0xBB, 0xBF, _): return .utf8(bomLength: 3)
            case (0x00, 0x00, 0xFE, 0xFF): return .utf32(isBigEndian: true, bomLength: 4)
            case (0xFF, 0xFE, 0x00, 0x00): return .utf32(isBigEndian: false, bomLength: 4)
            case (0xFE, 0xFF, _, _): return .utf16(isBigEndian: true, bomLength: 2)
            case (0xFF, 0xFE, _, _): return .utf16(isBigEndian: false, bomLength: 2)
            case (0x00, 0x00, 0x00, .some): return .utf32(isBigEndian: true, bomLength: 0)
            case (.some(let first), 0x00, 0x00, 0x00) where first != 0: return .utf32(isBigEndian: false, bomLength: 0)
            case (0x00, .some(let second), _, _) where second != 0: return .utf16(isBigEndian: true, bomLength: 0)
            case (.some(let first), 0x00, _, _) where first != 0: return .utf16(isBigEndian: false, bomLength: 0)
            default: return .utf8(bomLength: 0)
            }
        }
    }

    /// A byte that is never UTF-8, standing in for a code unit that is not Unicode.
    static let notUTF8: UInt8 = 0xFF

    static func transcodeUTF16(_ bytes: UnsafeBufferPointer<UInt8>, isBigEndian: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 2 + 16)
        let units = bytes.count / 2
        func unit(_ index: Int) -> UInt32 {
            let first = UInt32(bytes[2 * index])
            let second = UInt32(bytes[2 * index + 1])
            return isBigEndian ? first << 8 | second : second << 8 | first
        }
        var index = 0
        while index < units {
            let value = unit(index)
            index += 1
            switch value {
            case 0xD800...0xDBFF:
                if index < units, (0xDC00...0xDFFF).contains(unit(index)) {
                    let scalar = 0x10000 + ((value - 0xD800) << 10) + (unit(index) - 0xDC00)
                    index += 1
                    appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: &output)
                } else {
                    output.append(notUTF8)
                }
            case 0xDC00...0xDFFF:
                output.append(notUTF8)
            default:
                appendUTF8(Unicode.Scalar(value) ?? "\u{FFFD}", to: &output)
            }
        }
        if bytes.count % 2 != 0 { output.append(notUTF8) }
        return output
    }

    static func transcodeUTF32(_ bytes: UnsafeBufferPointer<UInt8>, isBigEndian: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 4 + 16)
        for index in 0..<(bytes.count / 4) {
            var value: UInt32 = 0
            for offset in 0..<4 {
                let byte = UInt32(bytes[4 * index + (isBigEndian ? offset : 3 - offset)])
                value = value << 8 | byte
            }
            if let scalar = Unicode.Scalar(value) {
                appendUTF8(scalar, to: &output)
            } else {
                output.append(notUTF8)
            }
        }
        if bytes.count % 4 != 0 { output.append(notUTF8) }
        return output
    }
}
