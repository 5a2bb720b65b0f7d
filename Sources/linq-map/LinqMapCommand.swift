import ArgumentParser
import CFatalSignals
import CursesScreen
import Foundation
import TextUI

/// The version printed by `--version` and sent in the User-Agent.
let linqMapVersion = "0.1.0"

/// `linq-map`: the viewer (`view`, the default, so `linq-map <chat-id>` works) and the commands beside it.
@main
struct LinqMapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linq-map",
        abstract: "A terminal map of where the people in a Linq chat are right now.",
        version: linqMapVersion,
        subcommands: subcommands,
        defaultSubcommand: ViewCommand.self
    )

    /// Every subcommand; the first is the default. Later commands (`history`, `events`, `streets`) join here.
    static let subcommands: [any ParsableCommand.Type] = [
        ViewCommand.self, StreetsCommand.self, HistoryCommand.self, EventsCommand.self,
    ]

    /// Makes sure a crash never waits for a key (see `ensureNonInteractiveBacktrace`), then parses and runs.
    static func main() async {
        // A crash's backtrace log (written by swift-backtrace, which inherits the mask) and every file
        // linq-map writes stay readable by their owner only.
        umask(0o077)
        ensureNonInteractiveBacktrace()
        // NB: glibc gives threads arenas of their own; memory a poll's threads allocate and the screen thread
        // frees fragmented them until RSS kept growing against rotating handles: one arena keeps it flat
        // (docs/platform-notes.md, "Memory").
        _ = lm_limit_malloc_arenas(1)
        let arguments = Array(CommandLine.arguments.dropFirst())
        if Self.asksForRootHelp(arguments) {
            // `linq-map --help` describes the viewer, which is what `linq-map <chat-id>` runs, then the others.
            print(ViewCommand.helpMessage(for: ViewCommand.self, columns: nil))
            print(Self.subcommandSummary)
            return
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let status = exitCode(for: error)
            let message = fullMessage(for: error)
            guard status != .success, !message.isEmpty else { exit(withError: error) }
            // Usage errors read like every other error line: `linq-map: ` first, then the usage and the hint.
            var lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if let first = lines.first {
                lines[0] = ErrorLine.formatted(
                    first.hasPrefix("Error: ") ? String(first.dropFirst(7)) : first, program: "linq-map")
            }
            FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            exit(withError: ExitCode(status.rawValue))
        }
    }

    /// True for `linq-map --help` / `-h` / `help` with no subcommand named before it.
    static func asksForRootHelp(_ arguments: [String]) -> Bool {
        guard let first = arguments.first else { return false }
        return (first == "--help" || first == "-h" || first == "help") && arguments.count == 1
    }

    /// The SUBCOMMANDS section printed under the viewer's help.
    static var subcommandSummary: String {
        let names = subcommands.map { command in
            let name = command.configuration.commandName ?? "\(command)"
            let isDefault = command == ViewCommand.self
            let summary = isDefault ? "the map above; 'linq-map <chat-id>' runs it" : command.configuration.abstract
            return "  \(name)\(isDefault ? " (default)" : "")".padding(toLength: 22, withPad: " ", startingAt: 0)
                + summary
        }
        return "SUBCOMMANDS:\n" + names.joined(separator: "\n")
            + "\n\n  See 'linq-map help <subcommand>' for its options."
    }
}
