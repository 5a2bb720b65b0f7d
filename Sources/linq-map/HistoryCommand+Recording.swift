import ArgumentParser
import Foundation
import HistorySQLite
import LocalFiles

/// The history options of the viewer and `--once` (`--history PATH`, `--no-history`, `--keep DAYS`), resolved.
extension ViewCommand {
    /// Checks the history options; called from `validate()`.
    func validateHistoryOptions() throws {
        if noHistory && history != nil { throw ValidationError("--history and --no-history cannot be used together.") }
        if !(1...36_500).contains(keep) { throw ValidationError("--keep must be between 1 and 36500 days.") }
        if let history, history.isEmpty { throw ValidationError("--history needs a file path.") }
    }

    /// The recorder for this run, or nil with `--no-history`. Nothing is opened until the first poll.
    func historyRecorder(environment: [String: String]) -> HistoryRecorder? {
        guard !noHistory else { return nil }
        return HistoryRecorder(file: historyFile(history, environment: environment), keep: .seconds(keep * 86_400))
    }
}

/// `--history PATH` as a file URL (relative to the working folder), else the default under the XDG state folder.
func historyFile(_ path: String?, environment: [String: String]) -> URL {
    if let path {
        let expanded = (path as NSString).expandingTildeInPath
        return URL(fileURLWithPath: expanded, isDirectory: false)
    }
    return HistoryLocation.defaultFile(XDGDirectories(environment: environment))
}
