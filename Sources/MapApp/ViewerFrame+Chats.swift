import Contacts
import Foundation
import Geo
import LinqModel
import TextUI

extension ViewerFrame {
    /// The text frame of `--once --format text` for one or more chats fetched at `now`: the same path as the
    /// viewer (one label per handle across chats, the panel grouped by chat when there are several, names from
    /// `contacts`), at `width` x `height`, without help hint, countdown or overlays; `redacts` draws it in
    /// privacy mode (`--redact`); `home` is marked and the rows' distances measured from it, in `units`; `places`
    /// are drawn as rings where they are a few cells wide, as on the screen.
    public static func textFrame(
        chats: [(chatID: String, snapshot: LocationSnapshot)], contacts: ContactBook = ContactBook(), now: Date,
        width: Int, height: Int, initialView: InitialView = .fit, redacts: Bool = false,
        options: FrameOptions = FrameOptions(isInteractive: false), composer: MapComposer, home: LatLon? = nil,
        units: DistanceUnits = .km, places: [NamedPlace] = []
    ) -> CellBuffer {
        var state = AppState(chatIDs: chats.map(\.chatID), width: width, height: height, initialView: initialView)
        state.isTextFrame = true
        state.isRedacted = redacts
        state.useHistorySettings(
            trailDuration: state.history.trailDuration, units: units, home: home, isRecorded: false,
            timeZone: state.history.timeZone)
        state.useContacts(contacts)
        for (index, chat) in chats.enumerated() {
            _ = state.apply(.pollSucceeded(chat.snapshot, now: now, chat: index))
        }
        // The places after the polls: the frame draws their rings, but one poll is no news, so no event (an
        // `arrived` for whoever is inside) reaches its status bar.
        if !places.isEmpty { state.useEvents(EventSettings(places: places)) }
        var options = options
        options.isInteractive = false
        return render(state, now: now, options: options, composer: composer)
    }
}

extension ViewerFrame {
    /// The help overlay's legend of labels: `1 Ana Lima`, `2 +12125550102`, ... (names where a contact matches),
    /// at most 35 entries (the labels that are not `*`).
    static func helpLegend(_ state: AppState) -> [String] {
        state.participants.filter { $0.label != LabelBook.overflow }.map {
            "\($0.label) \(state.displayName(of: $0.handle))"
        }
    }
}

extension ViewerFrame {
    /// `entries` joined by three spaces into lines of at most `width` columns, never breaking an entry (one
    /// longer than `width` gets a line of its own, cut by the drawing).
    static func packed(_ entries: [String], width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for entry in entries {
            let candidate = line.isEmpty ? entry : line + "   " + entry
            if line.isEmpty || displayWidth(of: candidate) <= width {
                line = candidate
            } else {
                lines.append(line)
                line = entry
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
