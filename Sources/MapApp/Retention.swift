import Foundation
import LinqModel

/// How long the viewer remembers participants who stopped sharing, and how much text of a participant it keeps:
/// what bounds the state's memory when a chat's handles rotate or a server sends huge strings.
public struct Retention: Hashable, Sendable {
    /// The default of `--forget-after`: a day.
    public static let defaultForgetAfter: Duration = .seconds(86_400)
    /// The most rows of participants who stopped sharing that are kept; the longest stopped go first.
    public static let defaultMaximumStoppedRows = 1_000
    /// The most characters of a handle, address, locality or time text that are kept: more than any screen
    /// shows (the decoder cuts too; this is the state's own bound).
    public static let maximumTextLength = 512

    /// How long after the last poll that listed a participant its dimmed row and marker stay (`--forget-after`).
    public var forgetAfter: Duration
    /// The most rows of participants who stopped sharing kept at once.
    public var maximumStoppedRows: Int

    /// Creates a retention; the defaults keep stopped participants a day, at most 1,000 of them.
    public init(
        forgetAfter: Duration = Retention.defaultForgetAfter,
        maximumStoppedRows: Int = Retention.defaultMaximumStoppedRows
    ) {
        self.forgetAfter = forgetAfter
        self.maximumStoppedRows = max(0, maximumStoppedRows)
    }

    /// `participant` with its text cut to `maximumTextLength` characters, and then without the raw `properties`
    /// (which hold the same long text; the viewer never shows them); the participant itself when nothing is
    /// long, found cheaply since native strings store their UTF-8 count.
    public static func trimmed(_ participant: Participant) -> Participant {
        let limit = maximumTextLength
        guard
            participant.handle.utf8.count > limit || (participant.address?.utf8.count ?? 0) > limit
                || (participant.locality?.utf8.count ?? 0) > limit
                || (participant.updatedAtText?.utf8.count ?? 0) > limit
        else { return participant }
        var trimmed = participant
        trimmed.properties = .object([:])
        trimmed.handle = cut(participant.handle)
        trimmed.address = participant.address.map(cut)
        trimmed.locality = participant.locality.map(cut)
        trimmed.updatedAtText = participant.updatedAtText.map(cut)
        return trimmed
    }

    /// `text` cut to `maximumTextLength` characters; unchanged (and not scanned) when its UTF-8 is no longer.
    static func cut(_ text: String) -> String {
        guard text.utf8.count > maximumTextLength else { return text }
        return String(text.prefix(maximumTextLength))
    }

    /// Parses a `--forget-after` value: a whole number with a unit `s`, `m`, `h` or `d` (`90m`, `24h`, `7d`), or
    /// plain seconds (`3600`); nil for anything else, zero or negative, or beyond 10 years.
    public static func duration(parsing text: String) -> Duration? {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        var digits = Substring(text.trimmingCharacters(in: .whitespaces))
        var unit: Int64 = 1
        if let last = digits.last, let scale = units[Character(last.lowercased())] {
            unit = scale
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let value = Int64(digits), value > 0,
            value <= 315_360_000 / unit
        else { return nil }
        return .seconds(value * unit)
    }
}
