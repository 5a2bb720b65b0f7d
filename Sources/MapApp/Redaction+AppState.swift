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

    /// The places as the screen draws and lists them: in privacy mode each centre is rounded like a position, so a
    /// ring or the `P` panel never shows where `home` is to the metre (the home point is rounded the same way).
    public var shownPlaces: [NamedPlace] {
        let places = events.settings.places
        guard isRedacted else { return places }
        return places.map { place in
            var shown = place
            shown.center = Redaction.position(place.center)
            return shown
        }
    }
}
