import Foundation
import LocalFiles
import Settings
import TOMLKit

/// Reads the settings file: `--config FILE`, else `config.toml` in linq-map's XDG config folder when it exists.
///
/// The TOML is parsed with TOMLKit; the keys and values are checked by `SettingsSchema`, so every problem is a
/// `SettingsError` naming the file, the line and the key (exit 78).
public enum SettingsFile {
    /// The file's name inside the config folder.
    public static let fileName = "config.toml"

    /// `$XDG_CONFIG_HOME/linq-map/config.toml`, else `~/.config/linq-map/config.toml`.
    public static func defaultFile(environment: [String: String]) -> URL {
        XDGDirectories(environment: environment).config.appendingPathComponent(fileName)
    }

    /// The settings in effect from the file: `explicitPath` (which must exist), else the default file when it
    /// exists, else no settings.
    public static func load(explicitPath: String?, environment: [String: String]) throws(SettingsError) -> Settings {
        let file: URL
        if let explicitPath {
            file = URL(fileURLWithPath: expandingTilde(explicitPath, environment: environment))
            guard FileManager.default.fileExists(atPath: file.path) else {
                throw SettingsError(file: explicitPath, problem: "no such file (given with --config)")
            }
        } else {
            file = defaultFile(environment: environment)
            guard FileManager.default.fileExists(atPath: file.path) else { return Settings() }
        }
        let shownPath = explicitPath ?? file.path
        let data: Data
        do {
            guard let read = try PrivateFiles.read(file) else { return Settings() }
            data = read
        } catch {
            throw SettingsError(file: shownPath, problem: "cannot read: \(error.reason)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SettingsError(file: shownPath, problem: "not UTF-8 text (TOML files are UTF-8)")
        }
        return try parse(text, file: shownPath, keyAllowed: isPrivate(file))
    }

    /// The settings `text` holds; `file` names it in errors. `keyAllowed` says whether `api_key` may be read.
    public static func parse(_ text: String, file: String, keyAllowed: Bool) throws(SettingsError) -> Settings {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw SettingsError(
                file: file, line: error.source.begin.line, problem: "not valid TOML: \(error.description)")
        } catch {
            throw SettingsError(file: file, problem: "not valid TOML: \(error)")
        }
        let lines = KeyLines(text)
        var entries: [SettingEntry] = []
        for (key, value) in table {
            entries.append(SettingEntry(key: key, value: settingValue(value.tomlValue), line: lines.line(of: key)))
        }
        entries.sort { ($0.line ?? Int.max, $0.key) < ($1.line ?? Int.max, $1.key) }
        return try SettingsSchema.settings(from: entries, file: file, keyAllowed: keyAllowed)
    }

    /// `path` with a leading `~/` replaced by `$HOME/` (or the home folder).
    public static func expandingTilde(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + path.dropFirst()
    }

    /// Whether only the owner may read or write `file` (mode 0600 or stricter).
    static func isPrivate(_ file: URL) -> Bool {
        var status = stat()
        guard stat(file.path, &status) == 0 else { return false }
        return status.st_mode & 0o077 == 0
    }

    private static func settingValue(_ value: TOMLValue) -> SettingValue {
        switch value.type {
        case .string: return .string(value.string ?? "")
        case .int: return .integer(value.int ?? 0)
        case .double: return .number(value.double ?? 0)
        case .bool: return .bool(value.bool ?? false)
        case .array: return .array((value.array ?? TOMLArray()).map { settingValue($0.tomlValue) })
        case .table:
            var members: [String: SettingValue] = [:]
            for (key, member) in value.table ?? TOMLTable() {
                members[key] = settingValue(member.tomlValue)
            }
            return .table(members)
        case .date: return .other("a date")
        case .time: return .other("a time")
        case .dateTime: return .other("a date-time")
        }
    }
}

/// Where each top-level key of a TOML text is written: TOMLKit gives values without their positions.
struct KeyLines {
    private var lineByKey: [String: Int] = [:]

    /// Scans `text` for `key =`, `"key" =`, `key.sub =` before the first table header, and `[key]` / `[key.sub]`
    /// / `[[key]]` headers; the first occurrence counts.
    init(_ text: String) {
        var inTable = false
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                inTable = true
                let name = line.drop { $0 == "[" }.prefix { $0 != "]" && $0 != "." }
                record(Self.unquoted(name.trimmingCharacters(in: .whitespaces)), line: index + 1)
            } else if !inTable, let equals = line.firstIndex(of: "=") {
                let name = line[..<equals].prefix { $0 != "." }
                record(Self.unquoted(name.trimmingCharacters(in: .whitespaces)), line: index + 1)
            }
        }
    }

    /// The 1-based line where `key` first appears; nil when not found.
    func line(of key: String) -> Int? { lineByKey[key] }

    private mutating func record(_ key: String, line: Int) {
        if lineByKey[key] == nil { lineByKey[key] = line }
    }

    private static func unquoted(_ key: String) -> String {
        guard key.count >= 2, let first = key.first, first == "\"" || first == "'", key.last == first else {
            return key
        }
        return String(key.dropFirst().dropLast())
    }
}
