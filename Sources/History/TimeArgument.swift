import Foundation

/// A time given on the command line: a duration back from now (`30m`, `2h`, `7d`, `45s`) or an ISO 8601 instant
/// (`2026-12-01T09:14:00Z`, with or without fractional seconds, any offset; a date alone is its midnight UTC).
public struct TimeArgument: Hashable, Sendable {
    /// What was given.
    public enum Value: Hashable, Sendable {
        /// This long before now.
        case ago(Duration)
        /// This instant.
        case instant(Date)
    }

    /// The parsed value.
    public var value: Value

    /// Parses `text`; nil when it is neither a positive whole number with one unit (s, m, h, d, w) nor ISO 8601.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let duration = Self.duration(trimmed) {
            value = .ago(duration)
        } else if let date = Self.instant(trimmed) {
            value = .instant(date)
        } else {
            return nil
        }
    }

    /// The instant meant, relative to `now` for a duration.
    public func date(now: Date) -> Date {
        switch value {
        case .ago(let duration): now.addingTimeInterval(-Double(duration.components.seconds))
        case .instant(let date): date
        }
    }

    /// `2h`, `30m`, `7d`, `45s`, `2w` as a duration; nil for anything else (no sign, no fraction, one unit).
    public static func duration(_ text: String) -> Duration? {
        guard let unit = text.last, text.count >= 2, let count = Int64(text.dropLast()), count > 0,
            text.first?.isNumber == true
        else { return nil }
        let seconds: Int64
        switch unit {
        case "s": seconds = 1
        case "m": seconds = 60
        case "h": seconds = 3600
        case "d": seconds = 86_400
        case "w": seconds = 7 * 86_400
        default: return nil
        }
        let (total, overflow) = count.multipliedReportingOverflow(by: seconds)
        return overflow ? nil : .seconds(total)
    }

    private static func instant(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle()) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            return date
        }
        // A date alone (`2026-12-01`) is valid ISO 8601: its midnight in UTC.
        return try? Date(text, strategy: Date.ISO8601FormatStyle().year().month().day())
    }
}
