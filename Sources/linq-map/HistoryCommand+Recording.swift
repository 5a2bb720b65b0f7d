import ArgumentParser
import Foundation
import Geo
import History
import HistorySQLite
import LocalFiles
import Settings
import SettingsFile

/// The history options of the viewer and `--once` (`--history PATH`, `--no-history`, `--keep DAYS`, `--trail`,
/// `--units`, `--home`), resolved.
extension ViewCommand {
    /// `--keep`, else 30 days.
    var keep: Int { keepOption ?? 30 }

    /// Checks the history options; called from `validate()`.
    func validateHistoryOptions() throws {
        if noHistory && history != nil { throw ValidationError("--history and --no-history cannot be used together.") }
        if !(1...36_500).contains(keep) { throw ValidationError("--keep must be between 1 and 36500 days.") }
        if let history, history.isEmpty { throw ValidationError("--history needs a file path.") }
        if let trail, TimeArgument.duration(trail) == nil {
            throw ValidationError("--trail '\(trail.prefix(40))' is not a duration: use e.g. 30m, 2h or 1d.")
        }
    }

    /// The recorder for this run, or nil with `--no-history`. Nothing is opened until the first poll.
    func historyRecorder(environment: [String: String]) -> HistoryRecorder? {
        guard !noHistory else { return nil }
        return HistoryRecorder(file: historyFile(history, environment: environment), keep: .seconds(keep * 86_400))
    }

    /// `--trail`, `--units` and `--home` for the viewer.
    var historyViewSettings: HistoryViewSettings {
        var settings = HistoryViewSettings()
        if let duration = trail.flatMap(TimeArgument.duration) { settings.trail = duration }
        settings.units = units == .mi ? .mi : .km
        settings.home = home.map { LatLon(lat: $0.lat, lon: $0.lon) }
        return settings
    }

    /// This command with the settings file's `history`, `no_history`, `keep`, `trail`, `units` and `home` where the
    /// command line gave none (`--history` or `--no-history` on the command line outranks both file keys). `file`
    /// names the settings file in the error when it sets both `history` and `no_history = true`.
    func applyingHistorySettings(_ settings: Settings, file: String) throws(SettingsError) -> ViewCommand {
        var command = self
        let later = settings.later
        if history == nil && !noHistory {
            if case .bool(true) = later["no_history"] {
                if later["history"] != nil {
                    throw SettingsError(
                        file: file, key: "no_history", problem: "cannot be true together with history; remove one")
                }
                command.noHistory = true
            } else if case .string(let path) = later["history"] {
                command.history = SettingsFile.expandingTilde(path, environment: ProcessInfo.processInfo.environment)
            }
        }
        if keepOption == nil, case .integer(let days) = later["keep"] { command.keepOption = days }
        if trail == nil, case .string(let text) = later["trail"] { command.trail = text }
        if units == nil, case .string(let text) = later["units"] { command.units = UnitsChoice(rawValue: text) }
        if home == nil, case .string(let text) = later["home"], let point = SettingsSchema.latLon(text) {
            command.home = CenterArgument(lat: point.lat, lon: point.lon)
        }
        return command
    }
}

/// `--units`: kilometres or miles.
enum UnitsChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case km, mi
}

/// `--history PATH` as a file URL (relative to the working folder), else the default under the XDG state folder.
func historyFile(_ path: String?, environment: [String: String]) -> URL {
    if let path {
        let expanded = (path as NSString).expandingTildeInPath
        return URL(fileURLWithPath: expanded, isDirectory: false)
    }
    return HistoryLocation.defaultFile(XDGDirectories(environment: environment))
}
