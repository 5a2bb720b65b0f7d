import ArgumentParser
import CursesScreen
import Foundation
import MapApp

/// The viewer and its one-shot modes: `linq-map <chat-id> [options]`, the default subcommand of `linq-map`.
struct ViewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "A terminal map of where the people in a Linq chat are right now.",
        usage: """
            linq-map <chat-id>... [options]
            linq-map                 (the chat picker, on a terminal)
            linq-map --demo
            linq-map --list-chats [--from PHONE] [--to HANDLE] [--format text|json]
            linq-map <chat-id>... --once [--format text|geojson|status|tmux|tsv|json] [--max-age SECONDS]
            """,
        discussion: """
            ENVIRONMENT
              LINQ_API_V3_API_KEY   the API key (or --api-key-file PATH)
              LINQ_API_V3_BASE_URL  the API base URL
                                    (default https://api.linqapp.com/api/partner)
              NO_COLOR              no colour with --color auto
              XDG_CONFIG_HOME       settings (linq-map/config.toml) and contacts
                                    (linq-map/contacts.vcf); default ~/.config
              XDG_CACHE_HOME        the --max-age cache (linq-map/); default ~/.cache

            KEYS (viewer)
            \(KeyTable.lines.map { "  " + $0 }.joined(separator: "\n"))

            EXIT CODES
              0    success (also when nobody shares)
              64   usage error
              65   malformed or oversized response
              66   chat not found (HTTP 404)
              69   unavailable: network, timeout, 5xx or 429 after retries,
                   Retry-After over 60 s
              76   other HTTP 4xx, or a redirect
              77   unauthorized or forbidden (HTTP 401, 403)
              78   configuration: API key, base URL, terminal, settings file
              129  SIGHUP, 130 SIGINT, 143 SIGTERM
            """,
    )

    @Argument(
        help: ArgumentHelp(
            "The chat ids, UUIDs, up to 16 in one map (none on a terminal: the chat picker; optional with --demo,"
                + " --list-chats or 'chats' in the settings)."))
    var chatIDs: [String] = []

    @Flag(help: "Run against a built-in simulated group chat on a loopback fake server; needs no key.")
    var demo = false

    @Flag(help: "List the chats the key can see, one a line, and exit.")
    var listChats = false

    @Option(
        help: ArgumentHelp("With --list-chats or the picker: only chats with this phone number.", valueName: "PHONE"))
    var from: String?

    @Option(
        help: ArgumentHelp(
            "With --list-chats or the picker: only chats with this participant (phone or email).", valueName: "HANDLE")
    )
    var to: String?

    @Option(
        help: ArgumentHelp(
            "Names for handles: a vCard file or 'handle = Name' lines (default: contacts.vcf in the config folder).",
            valueName: "FILE"))
    var contacts: String?

    @Option(
        help: ArgumentHelp("The settings file (default: $XDG_CONFIG_HOME/linq-map/config.toml).", valueName: "FILE"))
    var config: String?

    @Option(
        help: ArgumentHelp(
            "With --once: print the cached result when it is younger than this, without a request.",
            valueName: "SECONDS"))
    var maxAge: Int?

    @Flag(help: "Fetch once, print the result and exit.")
    var once = false

    @Option(help: "Output of --once (text, geojson, status, tmux, tsv, json) or --list-chats (text, json).")
    var format: OutputFormat?

    @Option(help: ArgumentHelp("API base URL (default: $LINQ_API_V3_BASE_URL, else Linq's).", valueName: "URL"))
    var baseURL: String?

    @Option(
        help: ArgumentHelp("Read the API key from this file (mode 600); wins over the variable.", valueName: "PATH"))
    var apiKeyFile: String?

    @Option(help: ArgumentHelp("Seconds between polls (minimum 5; default 60, 5 in the demo).", valueName: "SECONDS"))
    var interval: Int?

    @Option(
        name: .customLong("forget-after"),
        help: ArgumentHelp(
            "Keep a participant who stopped sharing this long, e.g. 90m, 24h, 7d (default 24h; at most 1,000 kept).",
            valueName: "DURATION"),
        transform: ForgetAfterArgument.parse)
    var forgetAfter: ForgetAfterArgument?

    @Option(
        name: .customLong("timeout"),
        help: ArgumentHelp("Seconds each HTTP attempt may take (minimum 1; default 20).", valueName: "SECONDS"))
    var timeoutOption: Int?

    @Option(
        name: .customLong("retries"),
        help: ArgumentHelp("Retries on 408, 409, 429, 5xx and network errors (default 2).", valueName: "N"))
    var retriesOption: Int?

    @Option(
        help: ArgumentHelp(
            "Text frame width in cells (minimum 20); with --format status or tmux, the line's.", valueName: "COLUMNS"))
    var width: Int?

    @Option(help: ArgumentHelp("Text frame height in cells (minimum 8).", valueName: "ROWS"))
    var height: Int?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Zoom level: 0 is the whole world, each level doubles the scale.", valueName: "LEVEL"))
    var zoom: Int?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Centre of the view in degrees, e.g. -33.9,151.2.", valueName: "LAT,LON"),
        transform: CenterArgument.parse)
    var center: CenterArgument?

    @Option(name: .customLong("color"), help: "Colour: auto (a terminal and no NO_COLOR), always, never.")
    var colorOption: ColorChoice?

    @Flag(
        name: .customLong("ascii"), inversion: .prefixedNo, help: "Draw only 7-bit ASCII (no Braille, no box drawing).")
    var asciiOption: Bool?

    @Flag(
        name: .customLong("redact"), inversion: .prefixedNo,
        help: ArgumentHelp(
            "Privacy mode for screen shares: mask handles and emails, first names only, no addresses, positions "
                + "rounded to about 1 km; on the screen (Ctrl-R toggles it), in --once frames and every --format."))
    var redactOption: Bool?

    @Flag(
        name: .customLong("no-mouse"),
        help: "Leave the mouse to the terminal (no wheel zoom, clicks or drags in the map), e.g. to select text.")
    var noMouse = false

    @Flag(
        name: .customLong("graticule"), inversion: .prefixedNo, help: "Draw a graticule (lines every 10 or 30 degrees)."
    )
    var graticuleOption: Bool?

    /// The smallest `--once` text frame, in cells.
    static let minimumFrameWidth = Layout.minimumTextFrameWidth
    /// The smallest `--once` text frame, in rows.
    static let minimumFrameHeight = Layout.minimumTextFrameHeight

    @Option(
        help: ArgumentHelp(
            "Record every poll in this SQLite file (default: $XDG_STATE_HOME/linq-map/history.sqlite).",
            valueName: "PATH"))
    var history: String?

    @Flag(help: "Record no history.")
    var noHistory = false

    @Option(
        name: .customLong("keep"),
        help: ArgumentHelp("Days of history to keep; older polls are deleted at start (default 30).", valueName: "DAYS")
    )
    var keepOption: Int?

    @Option(
        help: ArgumentHelp(
            "How far back trails (t) reach, e.g. 30m, 2h, 1d (default 2h).", valueName: "DURATION"))
    var trail: String?

    @Option(help: "Distances and the scale bar: km or mi (default km).")
    var units: UnitsChoice?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "A home point in degrees, e.g. 51.5,-0.12: marked on the map, distances from it when nobody is selected.",
            valueName: "LAT,LON"),
        transform: CenterArgument.parse)
    var home: CenterArgument?

    @OptionGroup(title: "Places and events")
    var eventOptions: EventsOptions

    mutating func validate() throws {
        if let chatID {
            guard isCanonicalUUID(chatID) else {
                throw ValidationError(
                    "'\(chatID.prefix(80))' is not a chat id: expected a UUID like 975d0776-bd17-4273-8337-f346b4c661b0."
                )
            }
        }
        if demo && (!chatIDs.isEmpty || baseURL != nil) {
            throw ValidationError(
                "--demo runs its own simulated chat on a loopback server: drop the chat id and --base-url.")
        }
        try validateChats()
        if listChats && (once || chatID != nil) {
            throw ValidationError("--list-chats takes no chat id and no --once.")
        }
        if let format {
            if listChats {
                guard format == .text || format == .json else {
                    throw ValidationError("--list-chats prints --format text or json.")
                }
            } else {
                guard once else { throw ValidationError("--format needs --once or --list-chats.") }
            }
        }
        if from != nil && !listChats && !chatIDs.isEmpty {
            throw ValidationError("--from needs --list-chats or the chat picker (no chat id).")
        }
        if let interval, interval < 5 { throw ValidationError("--interval must be at least 5 seconds.") }
        if timeout < 1 { throw ValidationError("--timeout must be at least 1 second.") }
        if retries < 0 || retries > 10 { throw ValidationError("--retries must be between 0 and 10.") }
        // A one-line format (status, tmux) is cut to any width; a frame needs room for a map.
        let minimumWidth = format?.isOneLine == true ? 1 : Self.minimumFrameWidth
        if let width, width < minimumWidth {
            throw ValidationError("--width \(width): the smallest text frame is \(minimumWidth) columns.")
        }
        if let height, height < Self.minimumFrameHeight {
            throw ValidationError("--height \(height): the smallest text frame is \(Self.minimumFrameHeight) rows.")
        }
        if let zoom, !(0...18).contains(zoom) { throw ValidationError("--zoom \(zoom): zoom must be 0 to 18.") }
        try validateHistoryOptions()
    }

    mutating func run() async throws {
        let status = await executeWithSettings()
        if status != .success { throw ExitCode(status.code) }
    }
}
