import ArgumentParser
import Foundation
import History
import HistorySQLite
import LinqModel
import MapApp

/// `linq-map events CHAT-ID`: the events the viewer recorded for a chat, as text lines or JSON, without calling
/// the API.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Print a chat's recorded events (arrived, left, sharing, stale) without calling the API.",
        usage: """
            linq-map events <chat-id> [--since DURATION|TIME] [--format text|json] [--redact]
            """,
        discussion: """
            Events are recorded by the viewer (linq-map <chat-id>) in the history database
            unless --no-history. Times are a duration back from now (30m, 2h, 7d) or an
            ISO 8601 instant (2026-12-01T09:14:00Z). Text prints one event a line, oldest
            first: time, who, what, position. JSON prints an array of objects with time,
            chat_id, participant, handle, name, kind, place, lat and lon. --redact applies
            the viewer's privacy mode: handles masked, first names only, positions rounded
            to about 1 km.

            EXIT CODES
              0    success (also for a chat with no events: text prints nothing, JSON [])
              64   usage error
              65   the file is not a history database, or is from a newer linq-map
              66   no history database at the path
              69   the database is locked
              78   the settings file cannot be used
            """)

    @Argument(help: "The chat's id, a UUID.")
    var chatID: String

    @Option(help: ArgumentHelp("Only events since this time (default: all kept).", valueName: "DURATION|TIME"))
    var since: String?

    @Option(help: "Output: text or json.")
    var format: EventFormat = .text

    @OptionGroup var stored: StoredQueryOptions

    /// What `--format` prints.
    enum EventFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
        case text, json
    }

    mutating func validate() throws {
        try validateStoredQuery(chatID: chatID, times: [("--since", since)])
    }

    func run() throws {
        let (_, file, redacts) = try stored.resolved(environment: ProcessInfo.processInfo.environment)
        let from = since.flatMap(TimeArgument.init)?.date(now: Date())
        var events: [ChatEvent]
        do throws(HistoryError) {
            let store = try SQLiteHistoryStore(file: file, create: false)
            events = try store.events(chatID: chatID.lowercased(), since: from)
        } catch {
            printError("linq-map: \(error.message)")
            throw ExitCode(error.exitCode)
        }
        if redacts { events = events.map { Redaction.event($0) } }
        switch format {
        case .text: writeOutput(events.map { $0.line + "\n" }.joined())
        case .json: writeOutput(ChatEvent.jsonArray(events) + "\n")
        }
    }
}

/// Checks the arguments of a command that reads the history database (`history`, `events`): the chat id is a UUID,
/// each of `times` (option name and value) is a duration or an ISO 8601 instant (`--history` is checked by
/// `StoredQueryOptions`).
func validateStoredQuery(chatID: String, times: [(name: String, value: String?)]) throws {
    guard isCanonicalUUID(chatID) else {
        throw ValidationError(
            "'\(chatID.prefix(80))' is not a chat id: expected a UUID like 975d0776-bd17-4273-8337-f346b4c661b0.")
    }
    for (name, value) in times {
        if let value, TimeArgument(value) == nil {
            throw ValidationError(
                "\(name) '\(value.prefix(40))' is not a time: use a duration like 30m, 2h, 7d or an ISO 8601"
                    + " instant like 2026-12-01T09:14:00Z.")
        }
    }
}
