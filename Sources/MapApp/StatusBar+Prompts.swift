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
            var question = state.question(for: action)
            // A question cut at the edge would lose its "y/n": on a narrow terminal the warning goes first.
            if displayWidth(of: question) > state.width - 1 {
                question = question.replacingOccurrences(of: AppState.stopWarning + " ", with: "")
            }
            // Narrower still, the question itself is cut before its answer keys, never after them.
            let keys = " y/n"
            if displayWidth(of: question) > state.width - 1, question.hasSuffix(keys) {
                let room = max(1, state.width - 1 - displayWidth(of: keys))
                question = truncated(String(question.dropLast(keys.count)), toWidth: room) + keys
            }
            items.append(Item(question, style: Style(foreground: .yellow), priority: Priority.error))
        }
        switch state.chatActivity {
        case .running(let action)?:
            let text = if case .requestLocation = action { "asking…" } else { "stopping…" }
            items.append(Item(text, style: Style(foreground: .cyan), priority: Priority.notice))
        case .answered(let text, let isRefusal, _)?:
            items.append(
                Item(
                    state.shownText(text), style: Style(foreground: isRefusal ? .yellow : .green),
                    priority: Priority.notice))
        case nil:
            break
        }
        return items
    }
}
