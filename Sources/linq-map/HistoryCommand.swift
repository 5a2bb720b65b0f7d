import ArgumentParser
import Foundation
import History
import HistorySQLite
import LinqModel
import MapApp

/// `linq-map history CHAT-ID`: the recorded tracks of a chat, as GeoJSON or CSV, without calling the API.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Print a chat's recorded tracks (GeoJSON or CSV) without calling the API.",
        usage: """
            linq-map history <chat-id> [--since DURATION|TIME] [--until TIME] [--format geojson|csv] [--redact]
            """,
        discussion: """
            Times are a duration back from now (30m, 2h, 7d) or an ISO 8601 instant
            (2026-12-01T09:14:00Z). GeoJSON has one LineString per participant (a Point
            when there is one fix) with the time of each coordinate in "times"; CSV has
            the header chat_id,handle,name,lat,lon,locality,address,updated_at,seen_at.
            --redact applies the viewer's privacy mode to every format: handles masked,
            first names only, addresses left empty, positions rounded to about 1 km.

            EXIT CODES
              0    success (also for a chat with no history: nothing is printed)
              64   usage error
              65   the file is not a history database, or is from a newer linq-map
              66   no history database at the path
              69   the database is locked
              78   the settings file cannot be used
            """)

    @Argument(help: "The chat's id, a UUID.")
    var chatID: String

    @Option(help: ArgumentHelp("Only fixes seen since this time (default: all kept).", valueName: "DURATION|TIME"))
    var since: String?

    @Option(help: ArgumentHelp("Only fixes recorded up to this time (default: now).", valueName: "DURATION|TIME"))
    var until: String?

    @Option(help: "Output: geojson or csv.")
    var format: TrackFormat = .geojson

    @OptionGroup var stored: StoredQueryOptions

    @Option(
        help: ArgumentHelp(
            "Names for handles: a vCard file or 'handle = Name' lines (default: 'contacts' in the settings, else"
                + " contacts.vcf in the config folder).", valueName: "FILE"))
    var contacts: String?

    /// What `--format` prints.
    enum TrackFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
        case geojson, csv
    }

    mutating func validate() throws {
        try validateStoredQuery(chatID: chatID, times: [("--since", since), ("--until", until)])
    }

    func run() throws {
        let now = Date()
        let environment = ProcessInfo.processInfo.environment
        let (settings, file, redacts) = try stored.resolved(environment: environment)
        let from = since.flatMap(TimeArgument.init)?.date(now: now)
        let to = until.flatMap(TimeArgument.init)?.date(now: now)
        var tracks: [Track]
        do throws(HistoryError) {
            let store = try SQLiteHistoryStore(file: file, create: false)
            tracks = try store.tracks(chatID: chatID.lowercased(), from: from, until: to)
        } catch {
            printError("linq-map: \(error.message)")
            throw ExitCode(error.exitCode)
        }
        guard tracks.contains(where: { !$0.positions.isEmpty }) else { return }
        var names = contactNames(
            for: tracks.map(\.handle), file: contacts ?? settings.contacts, redacts: redacts, environment: environment)
        if redacts {
            tracks = tracks.map { Redaction.track($0) }
            names = Redaction.names(names)
        }
        switch format {
        case .geojson: writeOutput(TrackExport.geoJSON(tracks, names: names) + "\n")
        case .csv: writeOutput(TrackExport.csv(tracks, names: names))
        }
    }

    /// Display names by handle for the `name` field, from the contacts the viewer reads (`--contacts`, the
    /// settings' `contacts`, else `contacts.vcf` in the config folder); problems with the file are warnings on
    /// stderr (masked when `redacts`) and leave `name` null in GeoJSON and empty in CSV.
    func contactNames(
        for handles: [String], file: String?, redacts: Bool, environment: [String: String]
    ) -> [String: String] {
        let (book, problems) = readContactsFile(file, environment: environment)
        for problem in problems { printError("linq-map: warning: \(redacts ? Redaction.text(problem) : problem)") }
        return book.names(for: handles)
    }
}
