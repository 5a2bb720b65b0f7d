import Foundation
import LinqModel
import TextUI

/// Draws the chat picker over the whole screen.
///
/// Line one: `Chats`, the filter with a cursor, and how many are marked. Line two: the column heads. Then one
/// row per chat: a mark (`●`, `*` in ASCII), the title, group or 1:1, the others' names or handles and the
/// service, in columns aligned by display width; the highlighted row is reversed and marked rows bold. The
/// bottom line says what is loading (with the page count), what failed, or which keys do what.
public enum ChatPickerView {
    /// Renders `state.picker` at `state.width` x `state.height`; below 40x10 the frame says the terminal is
    /// too small, as the map does.
    public static func render(_ state: AppState, now: Date, ascii: Bool) -> CellBuffer {
        var buffer = CellBuffer(width: state.width, height: state.height)
        guard state.width >= Layout.minimumWidth, state.height >= Layout.minimumHeight else {
            buffer.put(
                "Terminal too small: \(state.width)x\(state.height), need \(Layout.minimumWidth)x\(Layout.minimumHeight)",
                x: 0, y: 0, style: Style(attributes: .bold), maxWidth: state.width, ascii: ascii)
            return buffer
        }
        let picker = state.picker
        let width = state.width
        drawTop(picker, width: width, into: &buffer, ascii: ascii)

        let visible = picker.visible
        let rows = visible.map {
            [state.shownText($0.title), $0.kind, state.shownText($0.others.joined(separator: ", ")), $0.service]
        }
        let heads = ["name", "kind", "participants", "service"]
        var table = Table(
            [
                Table.Column(.fitting(maximum: 40)), Table.Column(.fitting(maximum: 5)),
                Table.Column(.fitting(maximum: Int.max / 4)), Table.Column(.fitting(maximum: 10)),
            ], spacing: 2)
        var widths = table.widths(for: [heads] + rows, totalWidth: width - 2, ascii: ascii)
        if widths[3] < min(10, rows.map { displayWidth(of: $0[3]) }.max() ?? 0) {
            // Too narrow for every participant: the participants column gives way, so the service still shows.
            table.columns[2] = Table.Column(.flexible)
            widths = table.widths(for: [heads] + rows, totalWidth: width - 2, ascii: ascii)
        }
        buffer.put(
            table.line(heads, widths: widths, ascii: ascii), x: 2, y: 1, style: Style(attributes: .dim),
            maxWidth: width - 2, ascii: ascii)

        let page = state.pickerPageSize
        // After a resize the highlight may lie past the page the picker last scrolled to: keep it in view.
        let top = max(0, min(picker.top, picker.highlighted), picker.highlighted - page + 1)
        for (offset, index) in (top..<min(visible.count, top + page)).enumerated() {
            let y = 2 + offset
            let entry = visible[index]
            let isMarked = picker.marked.contains(entry.id)
            var style = Style()
            if isMarked { style.attributes.insert(.bold) }
            if index == picker.highlighted { style.attributes.insert(.reverse) }
            buffer.fill(Rect(x: 0, y: y, width: width, height: 1), with: Cell(" ", style: style))
            if isMarked {
                var markStyle = style
                markStyle.foreground = .green
                buffer.put(ascii ? "*" : "●", x: 0, y: y, style: markStyle, ascii: ascii)
            }
            buffer.put(
                table.line(rows[index], widths: widths, ascii: ascii), x: 2, y: y, style: style, maxWidth: width - 2,
                ascii: ascii)
        }
        if visible.isEmpty, case .loaded = picker.load {
            let text = picker.entries.isEmpty ? "No chats." : "No chat matches \"\(picker.filter)\"."
            buffer.put(text, x: 2, y: 2, style: Style(attributes: .dim), maxWidth: width - 2, ascii: ascii)
        }
        StatusLine(bottomItems(state, shown: visible.count, now: now), separator: .bar, style: StatusBar.barStyle)
            .render(in: Rect(x: 0, y: state.height - 1, width: width, height: 1), into: &buffer, ascii: ascii)
        return buffer
    }

    private static func drawTop(_ picker: ChatPicker, width: Int, into buffer: inout CellBuffer, ascii: Bool) {
        var x = buffer.put("Chats", x: 0, y: 0, style: Style(attributes: .bold), ascii: ascii)
        x += buffer.put("  filter: ", x: x, y: 0, style: Style(attributes: .dim), ascii: ascii)
        let marks = picker.marked.isEmpty ? "" : "\(picker.marked.count) marked"
        let marksWidth = displayWidth(of: marks)
        let room = width - x - 1 - (marksWidth > 0 ? marksWidth + 2 : 0)
        if room > 0 {
            // The end of a long filter stays visible, where the typing happens.
            let shown =
                displayWidth(of: picker.filter) > room ? "…" + String(picker.filter.suffix(room - 1)) : picker.filter
            x += buffer.put(shown, x: x, y: 0, maxWidth: room, ascii: ascii)
            buffer.put(ascii ? "_" : "▏", x: x, y: 0, style: Style(attributes: .dim), ascii: ascii)
        }
        if marksWidth > 0 {
            buffer.put(marks, x: width - marksWidth, y: 0, style: Style(foreground: .green, attributes: .bold))
        }
    }

    /// After a failed load: the countdown to the automatic retry, and the key that retries at once (`r` when
    /// nothing is listed, else Ctrl-R, since typing filters).
    static func retryText(_ picker: ChatPicker, now: Date) -> String {
        let key = picker.entries.isEmpty && picker.filter.isEmpty ? "r" : "Ctrl-R"
        guard let due = picker.retryAt else { return "\(key) reloads" }
        let countdown = "retry in \(StatusBar.countdownText(due.timeIntervalSince(now)))"
        if let allowed = picker.retryAllowedAt, now < allowed { return countdown }
        return "\(countdown), \(key) retries now"
    }

    private static func bottomItems(_ state: AppState, shown: Int, now: Date) -> [StatusLine.Segment] {
        let picker = state.picker
        var items: [StatusLine.Segment] = []
        func add(_ text: String, _ style: Style = Style(), priority: Int, required: Bool = false) {
            var style = style
            style.attributes.insert(.reverse)
            items.append(StatusLine.Segment(text, style: style, priority: priority, isRequired: required))
        }
        switch picker.load {
        case .loading(let pages, let count):
            let so = pages == 0 ? "" : " (page \(pages), \(count) chats so far)"
            add("loading chats…" + so, Style(foreground: .cyan), priority: 5, required: true)
        case .loaded:
            add(
                picker.filter.isEmpty ? "\(picker.entries.count) chats" : "\(shown) of \(picker.entries.count) chats",
                priority: 5)
        case .failed(let error):
            if !picker.entries.isEmpty { add("\(picker.entries.count) chats", priority: 4) }
            add(
                StatusBar.errorText(error) + " (\(retryText(picker, now: now)))",
                Style(foreground: .red, attributes: .bold),
                priority: Int.max, required: true)
        }
        if picker.isMarkRefused {
            add("at most \(ChatPicker.maximumMarks) chats in one map", Style(foreground: .yellow), priority: 6)
        }
        let marked = picker.marked.count
        add(marked > 0 ? "Enter opens \(marked) marked" : "Enter opens", priority: 3)
        add("Tab marks", priority: 2)
        let escape = !picker.filter.isEmpty ? "Esc clears" : state.hasMap ? "Esc back to the map" : "Esc quits"
        add(escape, priority: 1)
        return items
    }
}
