#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The C library calls whose spelling differs between glibc (Linux, tested) and Darwin (macOS, expected to
/// build): the one place in this module that knows which is which (see docs/platform-notes.md, "Platforms").
enum Platform {
    /// True when `action` ignores its signal (its plain handler is `SIG_IGN`).
    static func isIgnored(_ action: sigaction) -> Bool {
        #if canImport(Glibc)
            let handler = action.__sigaction_handler.sa_handler
        #else
            let handler = action.__sigaction_u.__sa_handler
        #endif
        return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    /// A `sigaction` with the default action, an empty mask and no flags.
    static func defaultAction() -> sigaction {
        var action = sigaction()
        sigemptyset(&action.sa_mask)
        #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = SIG_DFL
        #else
            action.__sigaction_u.__sa_handler = SIG_DFL
        #endif
        return action
    }
}

/// The size in cells of the terminal on `descriptor` (TIOCGWINSZ), or nil when it is not a terminal or
/// reports a zero size.
public func terminalSize(of descriptor: Int32) -> (width: Int, height: Int)? {
    var size = winsize()
    guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
    return (Int(size.ws_col), Int(size.ws_row))
}
