import Foundation
import TextUI

extension StatusBar {
    /// The items of privacy mode and of chat actions: `redacted`; the question waiting for y/n (never
    /// dropped); `asking…` or `stopping…` while the request runs; then its answer.
    static func actingItems(_ state: AppState) -> [Item] {
        var items: [Item] = []
        if state.isRedacted {
            items.append(
                Item("redacted", style: Style(foreground: .magenta, attributes: .bold), priority: Priority.identity))
        }
        if case .confirming(let action) = state.inputMode {
            items.append(Item(state.question(for: action), style: Style(foreground: .yellow), priority: Priority.error))
        }
        switch state.chatActivity {
        case .running(let action)?:
            let text = if case .requestLocation = action { "asking…" } else { "stopping…" }
            items.append(Item(text, style: Style(foreground: .cyan), priority: Priority.notice))
        case .answered(let text, let isRefusal, _)?:
            items.append(
                Item(text, style: Style(foreground: isRefusal ? .yellow : .green), priority: Priority.notice))
        case nil:
            break
        }
        return items
    }
}
