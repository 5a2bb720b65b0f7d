import ArgumentParser
import CursesScreen
import Foundation

/// The viewer and its one-shot modes: `linq-map <chat-id> [options]`, the default subcommand of `linq-map`.
struct ViewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "A terminal map of where the people in a Linq chat are right now.",
        usage: """
            linq-map <chat-id> [options]
            linq-map --demo
            linq-map --list-chats [--from PHONE] [--format text|json]
            linq-map <chat-id> --once [--format text|geojson]
            """,
        discussion: """
            ENVIRONMENT
              LINQ_API_V3_API_KEY   the API key (or --api-key-file PATH)
              LINQ_API_V3_BASE_URL  the API base URL
                                    (default https://api.linqapp.com/api/partner)
              NO_COLOR              no colour with --color auto

            KEYS (viewer)
              q quit   + - zoom   arrows, h j k l pan   Tab/n next   Shift-Tab/p prev
              1-9 or g<label> jump   c centre   f fit all   w world   r refresh
              s panel   Ctrl-L redraw   Ctrl-Z suspend   ? help

            EXIT CODES
              0    success (also when nobody shares)
              64   usage error
              65   malformed or oversized response
              66   chat not found (HTTP 404)
              69   unavailable: network, timeout, 5xx or 429 after retries,
                   Retry-After over 60 s
              76   other HTTP 4xx, or a redirect
              77   unauthorized or forbidden (HTTP 401, 403)
              78   configuration: API key, base URL, terminal
              129  SIGHUP, 130 SIGINT, 143 SIGTERM
            """,
    )

    @Argument(help: "The chat's id, a UUID (optional with --demo or --list-chats).")
    var chatID: String?

    @Flag(help: "Run against a built-in simulated group chat on a loopback fake server; needs no key.")
    var demo = false

    @Flag(help: "List the chats the key can see, one a line, and exit.")
    var listChats = false

    @Option(help: ArgumentHelp("With --list-chats: only chats with this phone number.", valueName: "PHONE"))
    var from: String?

    @Flag(help: "Fetch once, print the result and exit.")
    var once = false

    @Option(help: "Output of --once (text, geojson) or --list-chats (text, json).")
    var format: OutputFormat?

    @Option(help: ArgumentHelp("API base URL (default: $LINQ_API_V3_BASE_URL, else Linq's).", valueName: "URL"))
    var baseURL: String?

    @Option(
        help: ArgumentHelp("Read the API key from this file (mode 600); wins over the variable.", valueName: "PATH"))
    var apiKeyFile: String?

    @Option(help: ArgumentHelp("Seconds between polls (minimum 5; default 60, 5 in the demo).", valueName: "SECONDS"))
    var interval: Int?

    @Option(help: ArgumentHelp("Seconds each HTTP attempt may take (minimum 1).", valueName: "SECONDS"))
    var timeout: Int = 20

    @Option(help: ArgumentHelp("Retries on 408, 409, 429, 5xx and network errors.", valueName: "N"))
    var retries: Int = 2

    @Option(help: ArgumentHelp("Text frame width in cells (minimum 20).", valueName: "COLUMNS"))
    var width: Int?

    @Option(help: ArgumentHelp("Text frame height in cells (minimum 8).", valueName: "ROWS"))
    var height: Int?

    @Option(help: ArgumentHelp("Zoom level: 0 is the whole world, each level doubles the scale.", valueName: "LEVEL"))
    var zoom: Int?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Centre of the view in degrees, e.g. -33.9,151.2.", valueName: "LAT,LON"))
    var center: CenterArgument?

    @Option(help: "Colour: auto (a terminal and no NO_COLOR), always, never.")
    var color: ColorChoice = .auto

    @Flag(help: "Draw only 7-bit ASCII (no Braille, no box drawing).")
    var ascii = false

    @Flag(help: "Draw a graticule (lines every 10 or 30 degrees).")
    var graticule = false

    @Option(
        help: ArgumentHelp(
            "Record every poll in this SQLite file (default: $XDG_STATE_HOME/linq-map/history.sqlite).",
            valueName: "PATH"))
    var history: String?

    @Flag(help: "Record no history.")
    var noHistory = false

    @Option(help: ArgumentHelp("Days of history to keep; older polls are deleted at start.", valueName: "DAYS"))
    var keep: Int = 30

    mutating func validate() throws {
        if let chatID {
            guard isCanonicalUUID(chatID) else {
                throw ValidationError(
                    "'\(chatID.prefix(80))' is not a chat id: expected a UUID like 975d0776-bd17-4273-8337-f346b4c661b0."
                )
            }
        } else if !demo && !listChats {
            throw ValidationError("Missing <chat-id>. Give a chat id, or use --demo or --list-chats.")
        }
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
                guard format == .text || format == .geojson else {
                    throw ValidationError("--once prints --format text or geojson.")
                }
            }
        }
        if from != nil && !listChats { throw ValidationError("--from needs --list-chats.") }
        if let interval, interval < 5 { throw ValidationError("--interval must be at least 5 seconds.") }
        if timeout < 1 { throw ValidationError("--timeout must be at least 1 second.") }
        if retries < 0 || retries > 10 { throw ValidationError("--retries must be between 0 and 10.") }
        if let width, width < 20 { throw ValidationError("--width must be at least 20.") }
        if let height, height < 8 { throw ValidationError("--height must be at least 8.") }
        if let zoom, !(0...18).contains(zoom) { throw ValidationError("--zoom must be between 0 and 18.") }
        try validateHistoryOptions()
    }

    mutating func run() async throws {
        let status = await execute()
        if status != 0 { throw ExitCode(status) }
    }
}
