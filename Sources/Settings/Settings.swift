/// Defaults for the long options, from the settings file (`config.toml`); every field nil when not set.
///
/// The same type holds what the command line gave, so that `effective(commandLine:file:)` can merge the two:
/// options on the command line win.
public struct Settings: Hashable, Sendable {
    /// `interval`: seconds between polls (at least 5).
    public var interval: Int?
    /// `contacts`: the contacts file (`~` not yet expanded).
    public var contacts: String?
    /// `chats`: chat ids watched when none is given on the command line.
    public var chats: [String]?
    /// `color`: `auto`, `always` or `never`.
    public var color: String?
    /// `ascii`: draw only 7-bit ASCII.
    public var ascii: Bool?
    /// `graticule`: draw a graticule.
    public var graticule: Bool?
    /// `redact`: privacy mode (`--redact`) for the viewer, `--once`, `history` and `events`.
    public var redact: Bool?
    /// `base_url`: the API base URL.
    public var baseURL: String?
    /// `timeout`: seconds each HTTP attempt may take (at least 1).
    public var timeout: Int?
    /// `retries`: retries per fetch (0 to 10).
    public var retries: Int?
    /// `max_age`: with `--once`, seconds a cached result stays good.
    public var maxAge: Int?
    /// `api_key`: honoured only when the file is mode 0600 (the settings file reader checks).
    public var apiKey: String?
    /// Keys whose features read them themselves: the history's (`history`, `no_history`, `keep`, `units`, `home`,
    /// `trail`, read by `linq-map`'s history options) and the events' (`places`, `bell`, `notify`, `stale_after`,
    /// `notify_events`, read by its event options), validated for their type and kept for them.
    public var later: [String: SettingValue]

    /// Creates settings; everything unset by default.
    public init(
        interval: Int? = nil, contacts: String? = nil, chats: [String]? = nil, color: String? = nil,
        ascii: Bool? = nil, graticule: Bool? = nil, redact: Bool? = nil, baseURL: String? = nil, timeout: Int? = nil,
        retries: Int? = nil, maxAge: Int? = nil, apiKey: String? = nil, later: [String: SettingValue] = [:]
    ) {
        self.interval = interval
        self.contacts = contacts
        self.chats = chats
        self.color = color
        self.ascii = ascii
        self.graticule = graticule
        self.redact = redact
        self.baseURL = baseURL
        self.timeout = timeout
        self.retries = retries
        self.maxAge = maxAge
        self.apiKey = apiKey
        self.later = later
    }

    /// The options in effect: each one from `commandLine` when given there, else from `file`. Chat ids on the
    /// command line replace the file's list; `apiKey` is never taken from the command line (it has none).
    public static func effective(commandLine: Settings, file: Settings) -> Settings {
        Settings(
            interval: commandLine.interval ?? file.interval, contacts: commandLine.contacts ?? file.contacts,
            chats: (commandLine.chats?.isEmpty ?? true) ? file.chats : commandLine.chats,
            color: commandLine.color ?? file.color, ascii: commandLine.ascii ?? file.ascii,
            graticule: commandLine.graticule ?? file.graticule, redact: commandLine.redact ?? file.redact,
            baseURL: commandLine.baseURL ?? file.baseURL,
            timeout: commandLine.timeout ?? file.timeout, retries: commandLine.retries ?? file.retries,
            maxAge: commandLine.maxAge ?? file.maxAge, apiKey: file.apiKey,
            later: file.later.merging(commandLine.later) { _, fromCommandLine in fromCommandLine })
    }
}
