import Foundation

extension StatusBar {
    /// The newest event (or problem with one) for its first 10 seconds: `Ana arrived home`, coloured as in the
    /// log; nil otherwise. An event ranks with the answers to keys; a problem (a hook that failed, the database)
    /// with the other warnings, so a long one never pushes out the chat and its count.
    public static func eventItem(_ state: AppState, now: Date) -> Item? {
        guard let entry = state.events.current(now: now) else { return nil }
        var style = EventsPane.style(of: entry)
        style.attributes.insert(.bold)
        // Privacy mode masks the handle, or cuts the name, in the line as it does everywhere on screen.
        return Item(
            state.shownText(entry.text), style: style, priority: entry.isProblem ? Priority.note : Priority.notice)
    }
}
