/// One value of the settings file, independent of the file format that carried it.
public indirect enum SettingValue: Hashable, Sendable {
    /// A string.
    case string(String)
    /// An integer.
    case integer(Int)
    /// A floating-point number.
    case number(Double)
    /// A Boolean.
    case bool(Bool)
    /// An array.
    case array([SettingValue])
    /// A table of keys to values (`[places]`).
    case table([String: SettingValue])
    /// A date, time or anything else the format has and settings never use; the text says which.
    case other(String)

    /// A short description for error messages: `a string`, `an integer`, ...
    public var kind: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .number: "a number"
        case .bool: "true or false"
        case .array: "an array"
        case .table: "a table"
        case .other(let kind): kind
        }
    }
}

/// One `key = value` of the settings file, with where it was written.
public struct SettingEntry: Hashable, Sendable {
    /// The key as written, e.g. `interval`, or `places` for a table.
    public var key: String
    /// The value.
    public var value: SettingValue
    /// The 1-based line of the key in the file; nil when unknown.
    public var line: Int?

    /// Creates an entry.
    public init(key: String, value: SettingValue, line: Int?) {
        self.key = key
        self.value = value
        self.line = line
    }
}

/// A settings file that cannot be used: what is wrong, where, and what to do. The CLI exits 78.
public struct SettingsError: Error, Hashable, Sendable {
    /// The file's path as the user gave it or as linq-map found it.
    public var file: String
    /// The 1-based line; nil when the problem is the whole file.
    public var line: Int?
    /// The key at fault; nil for a syntax error or an unreadable file.
    public var key: String?
    /// What is wrong and what to do, e.g. `must be a whole number of seconds, at least 5 (got "fast")`.
    public var problem: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, key: String? = nil, problem: String) {
        self.file = file
        self.line = line
        self.key = key
        self.problem = problem
    }

    /// One line for stderr: `FILE:LINE: KEY: PROBLEM`, leaving out what is unknown.
    public var message: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let key { text += "\(key): " }
        return text + problem
    }
}
