extension FetchError {
    /// How `--once`, `--list-chats` and a viewer ended by this error exit (sysexits(3)).
    public var programExit: ProgramExit {
        switch self {
        case .unauthorized: .noPermission
        case .chatNotFound: .noInput
        case .unavailable, .cancelled: .unavailable
        case .malformed, .tooLarge: .dataError
        case .redirect, .clientError: .protocolError
        }
    }

    /// True when this error, on the viewer's first poll, ends the viewer: the key or the chat is wrong
    /// (401, 403, 404), which waiting cannot mend. Later, or for any other error, the viewer keeps the last
    /// good state on screen and retries.
    public var endsViewerOnFirstPoll: Bool {
        switch self {
        case .unauthorized, .chatNotFound: true
        case .unavailable, .cancelled, .malformed, .tooLarge, .redirect, .clientError: false
        }
    }
}
