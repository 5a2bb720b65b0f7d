import ArgumentParser
import EventHooks
import Foundation
import History
import MapApp
import Settings

/// The viewer's options for places, events, notifications and hooks (issue 13).
struct EventsOptions: ParsableArguments {
    @Option(
        name: .customLong("place"),
        help: ArgumentHelp(
            "A named circle: NAME=LAT,LON[,RADIUS], radius like 300m or 2km (default 200m); repeatable.",
            valueName: "NAME=LAT,LON[,RADIUS]"))
    var places: [String] = []

    @Option(
        name: .customLong("stale-after"),
        help: ArgumentHelp(
            "A 'stale' event after this long without a new fix, e.g. 30m, 2h (default 30m).",
            valueName: "DURATION"))
    var staleAfter: String?

    @Flag(name: .customLong("bell"), inversion: .prefixedNo, help: "Ring the terminal bell on each event.")
    var bell: Bool?

    @Flag(
        name: .customLong("notify"), inversion: .prefixedNo,
        help: "A desktop notification on each event (OSC 9 and OSC 777; in tmux: set -g allow-passthrough on).")
    var notify: Bool?

    @Option(
        name: .customLong("on-event"),
        help: ArgumentHelp(
            "Run PROGRAM (no shell) for each event: the event as JSON on stdin, LINQ_MAP_EVENT=<kind>.",
            valueName: "PROGRAM"))
    var onEvent: String?

    /// The places given with `--place`, checked.
    func commandLinePlaces() throws -> [NamedPlace] {
        let places: [NamedPlace]
        do throws(PlaceError) {
            places = try self.places.map { (text) throws(PlaceError) in try NamedPlace.parse(text) }
            try NamedPlace.checkNames(places)
        } catch {
            throw ValidationError("--place: \(error.message)")
        }
        return places
    }

    mutating func validate() throws {
        _ = try commandLinePlaces()
        if let staleAfter, TimeArgument.duration(staleAfter) == nil {
            throw ValidationError(
                "--stale-after '\(staleAfter.prefix(40))' is not a duration: use a whole number and a unit, like 30m,"
                    + " 2h or 1d.")
        }
        if let onEvent {
            guard !onEvent.isEmpty else { throw ValidationError("--on-event needs a program.") }
            guard HookRunner.resolve(onEvent, path: ProcessInfo.processInfo.environment["PATH"]) != nil else {
                throw ValidationError(
                    "--on-event '\(onEvent.prefix(80))': no such executable file (it runs directly, not through a"
                        + " shell: give a path, or a program on PATH, with no arguments).")
            }
        }
    }

    /// The event settings in effect: the command line over the settings file (`file`, named `path` in errors);
    /// the places of both (a `--place` replaces a file place of the same name). Throws a `SettingsError` (exit 78)
    /// for a bad `[places]` entry or `notify_events` kind.
    func settings(file: Settings, path: String) throws(SettingsError) -> EventSettings {
        var settings = EventSettings()
        let fromCommandLine = (try? commandLinePlaces()) ?? []
        var places = fromCommandLine
        if case .table(let members)? = file.later["places"] {
            for (name, value) in members.sorted(by: { $0.key < $1.key })
            where !fromCommandLine.contains(where: { $0.name == name }) {
                guard case .string(let text) = value else {
                    throw SettingsError(
                        file: path, key: "places.\(name)", problem: "must be \"LAT,LON[,RADIUS]\" in double quotes")
                }
                do throws(PlaceError) {
                    places.append(try NamedPlace.parse(name: name, value: text))
                } catch {
                    throw SettingsError(file: path, key: "places.\(name)", problem: error.message)
                }
            }
        }
        settings.places = places
        if let staleAfter, let duration = TimeArgument.duration(staleAfter) {
            settings.staleAfter = duration
        } else if case .integer(let seconds)? = file.later["stale_after"] {
            settings.staleAfter = .seconds(seconds)
        }
        settings.ringsBell = bell ?? (file.later["bell"] == .bool(true))
        settings.notifies = notify ?? (file.later["notify"] == .bool(true))
        if case .array(let items)? = file.later["notify_events"] {
            var kinds = Set<ChatEvent.Kind>()
            for item in items {
                guard case .string(let text) = item, let kind = ChatEvent.Kind(named: text) else {
                    let known = ChatEvent.Kind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                    throw SettingsError(
                        file: path, key: "notify_events", problem: "each must be one of \(known)")
                }
                kinds.insert(kind)
            }
            settings.notifiedKinds = kinds
        }
        settings.runsHooks = onEvent != nil
        return settings
    }
}
