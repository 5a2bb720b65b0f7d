import Geo
import History
import TextUI

/// What a key asks the map to do in the normal input mode.
public enum KeyCommand: Hashable, Sendable {
    /// Quit with status 0 (`q`).
    case quit
    /// Quit as SIGINT would (Ctrl-C, which raw mode delivers as a key).
    case interrupt
    /// Repaint the whole screen.
    case redraw
    /// Stop the process; the screen comes back on `fg`.
    case suspend
    /// Show the help overlay.
    case help
    /// Show the last poll's warnings in a pane.
    case warnings
    /// Start a search by handle, locality or address.
    case search
    /// Copy the selected participant's `lat,lon` to the clipboard.
    case copy
    /// Select the next participant, wrapping.
    case nextParticipant
    /// Select the previous participant, wrapping.
    case previousParticipant
    /// Select the participant with this label.
    case jump(Character)
    /// Wait for the next key to name a label (`g`).
    case awaitLabel
    /// Zoom in one level.
    case zoomIn
    /// Zoom out one level.
    case zoomOut
    /// Pan a quarter of the view.
    case pan(PanDirection)
    /// Centre on the selected participant and follow them; stop following when already following.
    case centre
    /// Fit everyone, and keep fitting as people move.
    case fit
    /// Show the whole world.
    case world
    /// Show or hide the side panel.
    case togglePanel
    /// Poll now (refused inside a Retry-After window).
    case refresh
    /// Open the chat picker, the watched chats marked (`o`).
    case openPicker
    /// Ask the selected participant to share their location (1:1 chats; asks y/n first).
    case requestLocation
    /// Stop the selected participant's location share with you (asks y/n first).
    case stopSharing
    /// Privacy mode on or off.
    case toggleRedaction
    /// Show or hide every participant's trail (`t`).
    case toggleTrails
    /// Show the map as it was at another recorded poll (`[` `]` `{` `}`).
    case stepHistory(HistoryModeText.Step)
    /// Leave history mode for the live map (`End`).
    case live
    /// Show or hide the event log pane (`e`).
    case eventLog
    /// List the places in the panel, or the participants again (`P`).
    case places
}

/// One row of the key table: how the keys are written, what they do, and the keys the reducer matches.
public struct KeyBinding: Sendable {
    /// The keys as the help overlay, `--help` and the README write them (`+ -`, `arrows h j k l`).
    public var keys: String
    /// What the keys do, in a few words.
    public var action: String
    /// The keys the reducer matches and the command each one runs; may hold aliases the row does not name
    /// (`=` zooms in like `+`, Ctrl-C quits like a SIGINT).
    public var commands: [Key: KeyCommand]

    /// Creates a row.
    public init(_ keys: String, _ action: String, _ commands: [Key: KeyCommand]) {
        self.keys = keys
        self.action = action
        self.commands = commands
    }
}

/// The viewer's keys: the one table the reducer, the help overlay, `linq-map --help` and (checked by a test)
/// the README's key table are made from.
public enum KeyTable {
    /// The rows, in the order help shows them.
    public static let rows: [KeyBinding] = [
        KeyBinding("q", "quit", [.character("q"): .quit, .control("c"): .interrupt]),
        KeyBinding(
            "+ -", "zoom in, zoom out", [.character("+"): .zoomIn, .character("="): .zoomIn, .character("-"): .zoomOut]),
        KeyBinding(
            "arrows h j k l", "pan (h west, j south, k north, l east)",
            [
                .up: .pan(.north), .character("k"): .pan(.north), .down: .pan(.south), .character("j"): .pan(.south),
                .left: .pan(.west), .character("h"): .pan(.west), .right: .pan(.east), .character("l"): .pan(.east),
            ]),
        KeyBinding("Tab n", "next participant", [.tab: .nextParticipant, .character("n"): .nextParticipant]),
        KeyBinding(
            "Shift-Tab p", "previous participant",
            [.backTab: .previousParticipant, .character("p"): .previousParticipant]
        ),
        KeyBinding(
            "1-9", "jump to that label",
            Dictionary(uniqueKeysWithValues: "123456789".map { (Key.character($0), KeyCommand.jump($0)) })),
        KeyBinding("g then label", "jump to any label", [.character("g"): .awaitLabel]),
        KeyBinding("c", "centre on and follow the selected participant", [.character("c"): .centre]),
        KeyBinding("/", "find by name, handle or place; Enter jumps", [.character("/"): .search]),
        KeyBinding("y", "copy the selected lat,lon (OSC 52)", [.character("y"): .copy]),
        KeyBinding("f", "fit everyone", [.character("f"): .fit]),
        KeyBinding("w", "whole world", [.character("w"): .world]),
        KeyBinding("r", "refresh now", [.character("r"): .refresh]),
        KeyBinding("s", "side panel on or off", [.character("s"): .togglePanel]),
        KeyBinding("W", "the warnings in a pane", [.character("W"): .warnings]),
        KeyBinding("o", "chat picker; Esc there comes back", [.character("o"): .openPicker]),
        KeyBinding("R", "ask them to share location (1:1 chats only)", [.character("R"): .requestLocation]),
        KeyBinding("X", "stop their location share with you", [.character("X"): .stopSharing]),
        KeyBinding("Ctrl-R", "privacy mode: mask handles, round places", [.control("r"): .toggleRedaction]),
        KeyBinding("t", "trails on or off (the last --trail, default 2h)", [.character("t"): .toggleTrails]),
        KeyBinding(
            "[ ]", "back, forward one recorded poll (history)",
            [.character("["): .stepHistory(.previousPoll), .character("]"): .stepHistory(.nextPoll)]),
        KeyBinding(
            "{ }", "back, forward an hour (history)",
            [.character("{"): .stepHistory(.hourBack), .character("}"): .stepHistory(.hourForward)]),
        KeyBinding("End", "back to live", [.end: .live]),
        KeyBinding(
            "e P", "event log (PgUp PgDn scroll); places in panel",
            [.character("e"): .eventLog, .character("P"): .places]),
        KeyBinding("Ctrl-L", "redraw the screen", [.control("l"): .redraw]),
        KeyBinding("Ctrl-Z", "suspend", [.control("z"): .suspend]),
        KeyBinding("?", "this help; any key closes it", [.character("?"): .help]),
    ]

    private static let commands: [Key: KeyCommand] = rows.reduce(into: [:]) { table, row in
        table.merge(row.commands) { first, _ in first }
    }

    /// The command `key` runs in the normal input mode, or nil for a key the table does not bind.
    public static func command(for key: Key) -> KeyCommand? {
        commands[key]
    }

    /// The table as aligned lines, `keys  action`, for the help overlay and `--help`.
    public static var lines: [String] {
        let width = rows.map { displayWidth(of: $0.keys) }.max() ?? 0
        return rows.map { $0.keys.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.action }
    }

    /// The table as the README writes it: a Markdown table with a `key` and an `action` column.
    public static var markdown: String {
        (["| key | action |", "| --- | --- |"] + rows.map { "| `\($0.keys)` | \($0.action) |" })
            .joined(separator: "\n")
    }
}
