import Foundation
import History
import TextUI

extension StatusBar {
    /// In history mode, the item that says so plainly, never dropped: `history 14:32 (25m ago) · End: live`
    /// (the time of day in the state's zone); nothing when live.
    public static func historyItems(_ state: AppState, now: Date) -> [Item] {
        guard let shown = state.history.shown else { return [] }
        let text = HistoryModeText.status(shownAt: shown.shownAt, now: now, timeZone: state.history.timeZone)
        return [Item(text, style: Style(foreground: .yellow, attributes: .bold), priority: Priority.error)]
    }
}
