import Foundation

/// The keys the settings file may hold and the values each accepts; turns entries into `Settings`.
public enum SettingsSchema {
    /// What a key accepts.
    enum Rule {
        case integer(ClosedRange<Int>, unit: String)
        case string
        case choice([String])
        case bool
        case stringArray(maximumCount: Int)
        case table
        /// `"LAT,LON"` in degrees.
        case latLon
        /// A whole number and one unit: `30m`, `2h`, `1d`.
        case duration
    }

    /// Every key, in the order the README lists them.
    static let rules: [(key: String, rule: Rule)] = [
        ("interval", .integer(5...86_400, unit: "seconds")),
        ("contacts", .string),
        ("chats", .stringArray(maximumCount: 16)),
        ("color", .choice(["auto", "always", "never"])),
        ("ascii", .bool),
        ("graticule", .bool),
        ("base_url", .string),
        ("timeout", .integer(1...600, unit: "seconds")),
        ("retries", .integer(0...10, unit: "retries")),
        ("max_age", .integer(0...86_400 * 365, unit: "seconds")),
        ("api_key", .string),
        // Later features' settings: accepted and type-checked now, used when those features land.
        ("history", .string),
        ("no_history", .bool),
        ("keep", .integer(1...36_500, unit: "days")),
        ("units", .choice(["km", "mi"])),
        ("home", .latLon),
        ("trail", .duration),
        ("places", .table),
        ("bell", .bool),
        ("notify", .bool),
        ("redact", .bool),
        ("stale_after", .integer(1...86_400 * 365, unit: "seconds")),
        ("notify_events", .stringArray(maximumCount: 6)),
    ]

    /// The keys, for messages and the README.
    public static var keys: [String] { rules.map(\.key) }

    /// The settings `entries` describe. Throws on the first unknown key or bad value, naming `file`, the line and
    /// the key; an `api_key` entry is an error unless `keyAllowed` (the file is mode 0600).
    public static func settings(
        from entries: [SettingEntry], file: String, keyAllowed: Bool
    ) throws(SettingsError) -> Settings {
        var settings = Settings()
        for entry in entries {
            guard let rule = rules.first(where: { $0.key == entry.key })?.rule else {
                throw SettingsError(
                    file: file, line: entry.line, key: entry.key,
                    problem: "unknown setting; known: \(keys.joined(separator: ", "))")
            }
            let fail = { (expectation: String) -> SettingsError in
                SettingsError(
                    file: file, line: entry.line, key: entry.key,
                    problem: "must be \(expectation), not \(describe(entry.value))")
            }
            switch (rule, entry.value) {
            case (.integer(let range, _), .integer(let value)) where range.contains(value):
                set(entry.key, .integer(value), into: &settings)
            case (.integer(let range, let unit), _):
                throw fail("a whole number of \(unit) from \(range.lowerBound) to \(range.upperBound)")
            case (.string, .string(let text)) where !text.isEmpty:
                set(entry.key, .string(text), into: &settings)
            case (.string, _):
                throw fail("a non-empty string in double quotes")
            case (.choice(let choices), .string(let text)) where choices.contains(text):
                set(entry.key, .string(text), into: &settings)
            case (.choice(let choices), _):
                throw fail("one of " + choices.map { "\"\($0)\"" }.joined(separator: ", "))
            case (.bool, .bool(let flag)):
                set(entry.key, .bool(flag), into: &settings)
            case (.bool, _):
                throw fail("true or false")
            case (.stringArray(let maximum), .array(let items))
            where items.count <= maximum && items.allSatisfy({ if case .string = $0 { true } else { false } }):
                set(entry.key, .array(items), into: &settings)
            case (.stringArray(let maximum), _):
                throw fail("an array of at most \(maximum) strings")
            case (.table, .table(let members)):
                set(entry.key, .table(members), into: &settings)
            case (.table, _):
                throw fail("a table ([\(entry.key)])")
            case (.latLon, .string(let text)) where latLon(text) != nil:
                set(entry.key, .string(text), into: &settings)
            case (.latLon, _):
                throw fail("\"LAT,LON\" in degrees, e.g. \"51.5,-0.12\"")
            case (.duration, .string(let text)) where isDuration(text):
                set(entry.key, .string(text), into: &settings)
            case (.duration, _):
                throw fail("a duration like \"30m\", \"2h\" or \"1d\"")
            }
        }
        if settings.apiKey != nil && !keyAllowed {
            let line = entries.first { $0.key == "api_key" }?.line
            throw SettingsError(
                file: file, line: line, key: "api_key",
                problem: "the file can be read by others; run 'chmod 600 \(file)' or remove the key")
        }
        return settings
    }

    private static func set(_ key: String, _ value: SettingValue, into settings: inout Settings) {
        switch (key, value) {
        case ("interval", .integer(let value)): settings.interval = value
        case ("timeout", .integer(let value)): settings.timeout = value
        case ("retries", .integer(let value)): settings.retries = value
        case ("max_age", .integer(let value)): settings.maxAge = value
        case ("contacts", .string(let text)): settings.contacts = text
        case ("color", .string(let text)): settings.color = text
        case ("base_url", .string(let text)): settings.baseURL = text
        case ("api_key", .string(let text)): settings.apiKey = text
        case ("ascii", .bool(let flag)): settings.ascii = flag
        case ("graticule", .bool(let flag)): settings.graticule = flag
        case ("redact", .bool(let flag)): settings.redact = flag
        case ("chats", .array(let items)):
            settings.chats = items.compactMap { if case .string(let text) = $0 { text } else { nil } }
        default: settings.later[key] = value
        }
    }

    /// `"LAT,LON"` as degrees, latitude -90...90 and longitude -180...180; nil for anything else.
    public static func latLon(_ text: String) -> (lat: Double, lon: Double)? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let lat = Double(parts[0].trimmingCharacters(in: .whitespaces)),
            let lon = Double(parts[1].trimmingCharacters(in: .whitespaces)), (-90...90).contains(lat),
            (-180...180).contains(lon)
        else { return nil }
        return (lat, lon)
    }

    /// Whether `text` is a positive whole number and one unit of s, m, h, d or w.
    static func isDuration(_ text: String) -> Bool {
        guard let unit = text.last, "smhdw".contains(unit), let count = Int(text.dropLast()), count > 0 else {
            return false
        }
        return text.first?.isNumber == true
    }

    /// The value for an error message: its kind, and its text when short (never an `api_key`'s).
    static func describe(_ value: SettingValue) -> String {
        switch value {
        case .string(let text): text.count <= 40 ? "\"\(text)\"" : "a long string"
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .bool(let flag): String(flag)
        default: value.kind
        }
    }
}
