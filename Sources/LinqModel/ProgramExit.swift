/// How a linq-map process ends: the sysexits(3) statuses it uses, and 128 + n after signal n. The one place
/// these numbers are written; everything else names a case. (Not `ExitStatus`: Swift Testing has one.)
public enum ProgramExit: Equatable, Hashable, Sendable {
    /// 0: done (also when nobody shares), or `q`.
    case success
    /// 64, EX_USAGE: a bad option, argument or combination.
    case usage
    /// 65, EX_DATAERR: a malformed or oversized response, or a malformed input file.
    case dataError
    /// 66, EX_NOINPUT: the chat (HTTP 404) or an input file does not exist.
    case noInput
    /// 69, EX_UNAVAILABLE: network, timeouts, 5xx or 429 after retries.
    case unavailable
    /// 70, EX_SOFTWARE: an internal error (a demo server that cannot start).
    case software
    /// 71, EX_OSERR: the system refused a resource (a pipe, a thread).
    case osError
    /// 74, EX_IOERR: reading or writing a file failed.
    case ioError
    /// 76, EX_PROTOCOL: another HTTP 4xx, or a redirect (never followed).
    case protocolError
    /// 77, EX_NOPERM: unauthorized or forbidden (HTTP 401, 403).
    case noPermission
    /// 78, EX_CONFIG: the API key, base URL, settings file or terminal is unusable.
    case configuration
    /// 128 + n: ended by signal n (129 SIGHUP, 130 SIGINT, 143 SIGTERM) after restoring the terminal.
    case signal(Int32)

    /// The number the process exits with.
    public var code: Int32 {
        switch self {
        case .success: 0
        case .usage: 64
        case .dataError: 65
        case .noInput: 66
        case .unavailable: 69
        case .software: 70
        case .osError: 71
        case .ioError: 74
        case .protocolError: 76
        case .noPermission: 77
        case .configuration: 78
        case .signal(let number): 128 + number
        }
    }
}
