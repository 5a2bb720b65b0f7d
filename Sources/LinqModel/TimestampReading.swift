import Foundation

/// What an `updated_at` text says, read as an ISO 8601 date-time in the extended format:
/// `YYYY-MM-DDTHH:MM[:SS[.fraction]]` then `Z`, `±HH:MM`, `±HHMM`, `±HH` or nothing (UTC, with a note).
///
/// A fraction of any length is read to nanoseconds (further digits are cut, not rounded); `T` and `Z` may be
/// lower case; a leap second (`:60`) counts as the next second. Times before `earliestPlausibleYear` are
/// implausible (no phone shared a position then; `0000-01-01T00:00:00Z` is a placeholder) and read as unknown.
/// Times in the future parse: how far ahead is the staleness model's question (`Staleness`).
public enum TimestampReading: Hashable, Sendable {
    /// A time with a zone.
    case time(Date)
    /// A time without a zone, read as UTC.
    case timeWithoutZone(Date)
    /// A well-formed time before `earliestPlausibleYear`.
    case implausible
    /// Not an ISO 8601 date-time.
    case invalid

    /// The first year whose times are believed.
    public static let earliestPlausibleYear = 2000

    /// The time to use, if any.
    public var date: Date? {
        switch self {
        case .time(let date), .timeWithoutZone(let date): return date
        case .implausible, .invalid: return nil
        }
    }

    /// Reads `text`.
    public init(_ text: String) {
        var text = text
        self = text.withUTF8 { TimestampReading(utf8: $0) }
    }

    /// Reads UTF-8 bytes.
    init(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let digit = bytes[index + offset] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            index += count
            return value
        }
        func take(_ byte: UInt8, or other: UInt8? = nil) -> Bool {
            guard index < bytes.count, bytes[index] == byte || bytes[index] == other else { return false }
            index += 1
            return true
        }
        guard let year = digits(4), take(UInt8(ascii: "-")), let month = digits(2), take(UInt8(ascii: "-")),
            let day = digits(2), take(UInt8(ascii: "T"), or: UInt8(ascii: "t")), let hour = digits(2),
            take(UInt8(ascii: ":")), let minute = digits(2)
        else {
            self = .invalid
            return
        }
        var second = 0
        var nanoseconds = 0
        if take(UInt8(ascii: ":")) {
            guard let value = digits(2) else {
                self = .invalid
                return
            }
            second = value
            if take(UInt8(ascii: "."), or: UInt8(ascii: ",")) {
                var count = 0
                while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
                    if count < 9 { nanoseconds = nanoseconds * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
                    count += 1
                    index += 1
                }
                guard count > 0 else {
                    self = .invalid
                    return
                }
                for _ in min(count, 9)..<9 { nanoseconds *= 10 }
            }
        }
        var offsetSeconds = 0
        var hasZone = true
        if take(UInt8(ascii: "Z"), or: UInt8(ascii: "z")) {
            offsetSeconds = 0
        } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let hours = digits(2), hours < 24 else {
                self = .invalid
                return
            }
            var minutes = 0
            if index < bytes.count {
                _ = take(UInt8(ascii: ":"))
                guard let value = digits(2), value < 60 else {
                    self = .invalid
                    return
                }
                minutes = value
            }
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
        } else {
            hasZone = false
        }
        guard index == bytes.count, (1...12).contains(month), day >= 1,
            day <= Self.daysInMonth(month, year: year), hour < 24, minute < 60, second <= 60
        else {
            self = .invalid
            return
        }
        guard year >= Self.earliestPlausibleYear else {
            self = .implausible
            return
        }
        let days = Self.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        let date = Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9)
        self = hasZone ? .time(date) : .timeWithoutZone(date)
    }

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to the proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
