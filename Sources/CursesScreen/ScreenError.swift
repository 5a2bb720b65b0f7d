import LinqModel

/// Why the interactive screen could not start; the CLI prints `message` and exits with `programExit`.
public enum ScreenError: Error, Equatable, Sendable {
    /// Standard input or output is not a terminal (a pipe, a file, `/dev/null`).
    case noTerminal
    /// `TERM` is unset or empty.
    case terminalTypeUnset
    /// ncurses has no description for this `TERM` value.
    case unknownTerminal(String)
    /// The terminal cannot move the cursor (`dumb`, or no `cup` capability).
    case dumbTerminal(String)
    /// A system call the screen needs failed; `errno` is the C error number.
    case systemCallFailed(call: String, errno: Int32)

    /// One line for stderr that says what happened and what to do instead.
    public var message: String {
        let instead = "use --once to print a single frame instead"
        switch self {
        case .noTerminal:
            return "linq-map needs a terminal for the interactive viewer (stdin and stdout); \(instead)"
        case .terminalTypeUnset:
            return "TERM is not set, so the terminal's capabilities are unknown; "
                + "set TERM (e.g. xterm-256color) or \(instead)"
        case .unknownTerminal(let name):
            return "unknown terminal type TERM=\(name); "
                + "set TERM to one your system knows (e.g. xterm-256color) or \(instead)"
        case .dumbTerminal(let name):
            return "terminal TERM=\(name) cannot move the cursor; \(instead)"
        case .systemCallFailed(let call, let code):
            return "could not set up the screen: \(call) failed (errno \(code))"
        }
    }

    /// The sysexits(3) status: 78 (EX_CONFIG) for a missing or unusable terminal, 71 (EX_OSERR) otherwise.
    public var programExit: ProgramExit {
        switch self {
        case .noTerminal, .terminalTypeUnset, .unknownTerminal, .dumbTerminal: .configuration
        case .systemCallFailed: .osError
        }
    }
}
