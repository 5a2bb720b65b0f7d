import Foundation
import History
import TextUI

/// The `e` pane: the event log in a box across the bottom of the screen, above the status bar, newest first, one
/// line an entry (`14:32:05  Ana arrived home`, the chat's title after the time when several are watched). The
/// map keeps its keys; PgUp and PgDn scroll the log.
public enum EventsPane {
    /// The lines of entries the pane shows on a terminal `height` rows tall: two fifths of the rows above the
    /// status bar less the box's edges, at least one.
    public static func rows(height: Int) -> Int {
        max(1, (height - 1) * 2 / 5 - 2)
    }

    /// Draws the pane of `state` at `now` over the bottom of the screen (above the status bar), clipped to it.
    public static func render(_ state: AppState, now: Date, into buffer: inout CellBuffer, ascii: Bool) {
        let watch = state.events
        let shown = rows(height: state.height)
        let entries = Array(watch.log.dropFirst(watch.logScroll).prefix(shown))
        let height = max(1, entries.count) + 2
        let box = Rect(x: 0, y: max(0, state.height - 1 - height), width: state.width, height: height)
        buffer.fill(box, with: .blank)
        let count = watch.log.count
        var title = count == 1 ? "1 event" : "\(count) events"
        if watch.logScroll > 0 { title += ", \(watch.logScroll) newer above" }
        buffer.drawBox(box, style: Style(attributes: .bold), ascii: ascii, title: title + "; e closes")
        let inner = box.width - 4
        guard inner > 0 else { return }
        if entries.isEmpty {
            let text = watch.settings.places.isEmpty ? "no events yet" : "no events yet; places: \(placeNames(state))"
            buffer.put(text, x: 2, y: box.y + 1, style: Style(attributes: .dim), maxWidth: inner, ascii: ascii)
            return
        }
        for (offset, entry) in entries.enumerated() {
            let y = box.y + 1 + offset
            var x = 2
            x += buffer.put(
                clockText(entry.time, now: now, timeZone: watch.settings.timeZone) + "  ", x: x, y: y,
                style: Style(attributes: .dim), maxWidth: 2 + inner - x, ascii: ascii)
            if state.hasSeveralChats, case .event(let event) = entry,
                let chat = state.chats.first(where: { $0.id.lowercased() == event.chatID })
            {
                x += buffer.put(
                    state.shownText(chat.title) + "  ", x: x, y: y, style: Style(attributes: .dim),
                    maxWidth: 2 + inner - x, ascii: ascii
                )
            }
            let room = 2 + inner - x
            if room > 0 {
                buffer.put(
                    truncated(state.shownText(entry.text), toWidth: room, ascii: ascii), x: x, y: y,
                    style: style(of: entry),
                    maxWidth: room, ascii: ascii)
            }
        }
    }

    /// `14:32:05` in `timeZone`, with the month and day before it when not on `now`'s day (`Nov 30 14:32:05`).
    static func clockText(_ date: Date, now: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.month, .day, .hour, .minute, .second], from: date)
        let clock = String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
        guard !calendar.isDate(date, inSameDayAs: now) else { return clock }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(months[max(0, min(11, (parts.month ?? 1) - 1))]) \(parts.day ?? 1) \(clock)"
    }

    /// The colour of an entry: arrivals and fresh fixes green, departures and stale fixes yellow, shares starting
    /// cyan, stopping dim, problems red.
    public static func style(of entry: EventLogEntry) -> Style {
        guard case .event(let event) = entry else { return Style(foreground: .red) }
        switch event.kind {
        case .arrived, .freshAgain: return Style(foreground: .green)
        case .left, .stale: return Style(foreground: .yellow)
        case .startedSharing: return Style(foreground: .cyan)
        case .stoppedSharing: return Style(attributes: .dim)
        }
    }

    private static func placeNames(_ state: AppState) -> String {
        state.events.settings.places.map(\.name).joined(separator: ", ")
    }
}
