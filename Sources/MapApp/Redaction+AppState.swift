import Geo

extension AppState {
    /// `handle` as the screen shows it: masked in privacy mode (`Redaction.handle`), else as received.
    public func shownHandle(_ handle: String) -> String {
        isRedacted ? Redaction.handle(handle) : handle
    }

    /// The contact name of `handle` as the screen shows it (the first name in privacy mode); nil without one.
    public func shownName(of handle: String) -> String? {
        names[handle].map { isRedacted ? Redaction.name($0) : $0 }
    }

    /// Where the screen puts `tracked`: rounded to about 1 km in privacy mode.
    public func shownPosition(_ tracked: TrackedParticipant) -> LatLon {
        isRedacted ? Redaction.position(tracked.position) : tracked.position
    }

    /// Free text (a chat title, a warning) with handles and emails masked and contact names cut to first names
    /// in privacy mode.
    public func shownText(_ text: String) -> String {
        isRedacted ? Redaction.text(text, names: Array(Set(names.values))) : text
    }
}
