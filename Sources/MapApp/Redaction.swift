import Foundation
import Geo
import LinqModel

/// Privacy mode's rules (`--redact`, Ctrl-R), the one place that decides what a screen share or a screenshot
/// may show: handles masked (`+1•••••0101`, `a•••@example.com`), names cut to the first name, addresses
/// hidden, positions rounded to a 0.01° grid (about 1 km), localities and times kept. Pure functions of their
/// input; `ascii` writes `*` for `•`.
public enum Redaction {
    /// The grid positions snap to, in degrees: 0.01° is 1.1 km north-south, less east-west.
    public static let gridDegrees = 0.01

    /// The masking character.
    public static func bullet(ascii: Bool) -> String { ascii ? "*" : "•" }

    /// A masked handle: a phone keeps `+`, its country code and its last four digits (`+1•••••0101`,
    /// `+44•••••0103`; a number without `+` keeps only the last four); an email keeps the first character of
    /// its local part and its domain (`a•••@example.com`). Anything else keeps only its first character. The
    /// bullets are always five (phones) or three (emails), so the mask does not tell the length.
    public static func handle(_ handle: String, ascii: Bool = false) -> String {
        let dot = bullet(ascii: ascii)
        if let at = handle.lastIndex(of: "@"), at > handle.startIndex {
            return String(handle[handle.startIndex]) + String(repeating: dot, count: 3) + handle[at...]
        }
        let digits = handle.filter(\.isASCIIDigit)
        guard isPhoneNumber(handle) else {
            return handle.first.map { String($0) + String(repeating: dot, count: 3) } ?? ""
        }
        let hasPlus = handle.hasPrefix("+")
        let country = hasPlus ? countryCode(of: digits) : ""
        let kept = min(4, max(0, digits.count - country.count - 2))
        return (hasPlus ? "+" : "") + country + String(repeating: dot, count: 5) + digits.suffix(kept)
    }

    /// The first word of a contact name: `Ana Lima` becomes `Ana`.
    public static func name(_ name: String) -> String {
        name.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? name
    }

    /// `position` snapped to the nearest point of the `gridDegrees` grid.
    public static func position(_ position: LatLon) -> LatLon {
        LatLon(lat: snapped(position.lat), lon: snapped(position.lon))
    }

    /// A coordinate snapped like `position(_:)`, its altitude dropped.
    public static func coordinate(_ coordinate: Coordinate) -> Coordinate {
        Coordinate(longitude: snapped(coordinate.longitude), latitude: snapped(coordinate.latitude))
    }

    /// A participant as privacy mode shows it: masked handle, no address, snapped position, locality and
    /// `updated_at` kept; its feature properties hold only `handle`, `locality` and `updated_at`.
    public static func participant(_ participant: Participant, ascii: Bool = false) -> Participant {
        var properties: [String: JSONValue] = ["handle": .string(handle(participant.handle, ascii: ascii))]
        if case .object(let received) = participant.properties {
            for key in ["locality", "updated_at"] { properties[key] = received[key] }
        }
        return Participant(
            handle: handle(participant.handle, ascii: ascii), coordinate: coordinate(participant.coordinate),
            address: nil, locality: participant.locality, updatedAt: participant.updatedAt,
            updatedAtText: participant.updatedAtText, properties: .object(properties))
    }

    /// A chat list as privacy mode lists it (`--list-chats --redact`): each chat's other people's handles masked
    /// (the partner's own lines left out), its display name passed through `text(_:names:ascii:)`; the names
    /// keyed by masked handle, first names only (`names(_:ascii:)`).
    public static func chatList(
        _ chats: [Chat], names: [String: String], ascii: Bool = false
    ) -> (chats: [Chat], names: [String: String]) {
        let fullNames = Array(Set(names.values))
        let redacted = chats.map { chat in
            var copy = chat
            copy.handles = chat.otherHandles.map { handle($0, ascii: ascii) }
            copy.ownHandles = []
            copy.displayName = chat.displayName.map { text($0, names: fullNames, ascii: ascii) }
            return copy
        }
        return (redacted, Redaction.names(names, ascii: ascii))
    }

    /// Contact names keyed by handle, re-keyed by masked handle with first names only, for output whose handles
    /// `handle(_:ascii:)` masked. A masked handle that stands for people of different first names gets none, so
    /// that nobody's name lands on someone else's line.
    public static func names(_ names: [String: String], ascii: Bool = false) -> [String: String] {
        var masked: [String: String] = [:]
        var conflicting: Set<String> = []
        for (key, value) in names {
            let maskedKey = handle(key, ascii: ascii)
            let first = name(value)
            if let known = masked[maskedKey], known != first { conflicting.insert(maskedKey) }
            masked[maskedKey] = first
        }
        return masked.filter { !conflicting.contains($0.key) }
    }

    /// `text` with every email address and every phone-number-like word (7 or more digits) masked as
    /// `handle(_:ascii:)` masks them, and each of `names` (contact names) cut to its first name: for chat
    /// titles, warnings and errors.
    public static func text(_ text: String, names: [String] = [], ascii: Bool = false) -> String {
        var text = text
        for full in names.sorted(by: { $0.count > $1.count }) where name(full) != full {
            text = text.replacingOccurrences(of: full, with: name(full))
        }
        var output = ""
        var rest = text[...]
        while let start = rest.firstIndex(where: { !$0.isWhitespace }) {
            output += rest[..<start]
            let end = rest[start...].firstIndex(where: \.isWhitespace) ?? rest.endIndex
            output += maskedWord(String(rest[start..<end]), ascii: ascii)
            rest = rest[end...]
        }
        output += rest
        return output
    }

    /// `word` with the email or phone number in it masked (punctuation around it kept); other words as they are.
    private static func maskedWord(_ word: String, ascii: Bool) -> String {
        let core = word.trimmingCharacters(in: CharacterSet(charactersIn: ",;:()[]<>\"'"))
        let isEmail = core.dropFirst().contains("@")
        guard isEmail || (isPhoneNumber(core) && core.filter(\.isASCIIDigit).count >= 7) else { return word }
        return word.replacingOccurrences(of: core, with: handle(core, ascii: ascii))
    }

    /// Whether `text` is digits with at most `+`, spaces, dashes, dots and parentheses between.
    private static func isPhoneNumber(_ text: String) -> Bool {
        text.contains(where: \.isASCIIDigit) && text.allSatisfy { $0.isASCIIDigit || " +-().".contains($0) }
    }

    private static func snapped(_ degrees: Double) -> Double {
        guard degrees.isFinite else { return degrees }
        return (degrees / gridDegrees).rounded() / (1 / gridDegrees)
    }

    /// The ITU calling codes of two digits; every other code starts with 1 or 7 (one digit) or has three.
    private static let twoDigitCodes: Set<String> = [
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
        "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84",
        "86", "90", "91", "92", "93", "94", "95", "98",
    ]

    /// The country calling code at the start of an E.164 number's `digits`.
    private static func countryCode(of digits: String) -> String {
        guard let first = digits.first else { return "" }
        if first == "1" || first == "7" { return String(first) }
        let two = String(digits.prefix(2))
        return twoDigitCodes.contains(two) ? two : String(digits.prefix(3))
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
