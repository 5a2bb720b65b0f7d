import ArgumentParser
import Foundation
import LinqModel
import Settings
import SettingsFile

/// The options `history` and `events` share to read recorded data: `--redact/--no-redact`, `--history PATH` and
/// `--config FILE`, and what they resolve to with the settings file.
struct StoredQueryOptions: ParsableArguments {
    @Flag(
        name: .customLong("redact"), inversion: .prefixedNo,
        help: ArgumentHelp(
            "Privacy mode, as in the viewer: handles and emails masked, first names only, no addresses, positions"
                + " rounded to about 1 km (default: 'redact' in the settings, else off)."))
    var redact: Bool?

    @Option(
        help: ArgumentHelp(
            "The history file (default: 'history' in the settings, else $XDG_STATE_HOME/linq-map/history.sqlite).",
            valueName: "PATH"))
    var history: String?

    @Option(
        help: ArgumentHelp("The settings file (default: $XDG_CONFIG_HOME/linq-map/config.toml).", valueName: "FILE"))
    var config: String?

    func validate() throws {
        if let history, history.isEmpty { throw ValidationError("--history needs a file path.") }
    }

    /// The settings file (`--config`, else the default file), the database it names (`--history`, else the
    /// settings' `history`, else the default) and whether output is redacted (`--redact/--no-redact`, else the
    /// settings' `redact`). Exits 78 after printing why when the settings file cannot be used.
    func resolved(environment: [String: String]) throws -> (settings: Settings, file: URL, redacts: Bool) {
        guard let settings = loadSettingsFile(config, environment: environment) else {
            throw ExitCode(ProgramExit.configuration.code)
        }
        var path = history
        if path == nil, case .string(let fromSettings) = settings.later["history"] {
            path = SettingsFile.expandingTilde(fromSettings, environment: environment)
        }
        return (settings, historyFile(path, environment: environment), redact ?? settings.redact ?? false)
    }
}
