import Foundation
import LinqModel
import TextUI

/// The side panel of a map of several chats: a header line per chat (its title, how many share, or its
/// error), then that chat's participants as `SidePanel` draws them. A participant in two chats is listed in
/// both, with its one label. The lines scroll so that the selected participant's first row stays visible.
public struct GroupedPanel: Hashable, Sendable {
    /// One chat's part of the panel.
    public struct Group: Hashable, Sendable {
        /// The chat's title (display name, else the id's first 8 characters).
        public var title: String
        /// How many of its participants share now.
        public var sharingCount: Int
        /// The chat's last error in a few words (`error 3006`), nil when its last poll succeeded.
        public var error: String?
        /// True until the chat's first poll ended.
        public var isWaiting: Bool
        /// Its participants, in label order.
        public var rows: [SidePanel.Row]
    }

    private enum Entry: Hashable {
        case header(Group)
        case row(SidePanel.Row)
        case empty(String)

        var height: Int {
            if case .row = self { return SidePanel.linesPerRow }
            return 1
        }
    }

    /// The groups, in the order of `AppState.chats`.
    public var groups: [Group]
    /// The flat panel the rows come from, which draws each row.
    private let panel: SidePanel

    /// Groups the rows of `panel` (built from `state`) by the chats of `state`.
    public init(state: AppState, panel: SidePanel) {
        self.panel = panel
        let rowsByLabel = Dictionary(panel.rows.map { ($0.label, $0) }) { first, _ in first }
        groups = state.chats.indices.map { index in
            let chat = state.chats[index]
            let members = state.participants(ofChat: index)
            return Group(
                title: state.shownText(chat.title), sharingCount: members.count(where: \.isSharing),
                error: chat.poll.lastError.map(StatusBar.shortErrorText),
                isWaiting: chat.poll.completedPolls == 0,
                rows: members.compactMap { rowsByLabel[$0.label] })
        }
    }

    private var entries: [Entry] {
        groups.flatMap { group -> [Entry] in
            var entries: [Entry] = [.header(group)]
            if group.rows.isEmpty {
                entries.append(
                    .empty(
                        group.isWaiting ? "waiting for the first update" : group.error == nil ? "nobody sharing" : ""))
            }
            return entries + group.rows.map(Entry.row)
        }
    }

    /// The first entry shown in `height` lines: the scroll that keeps the selected row's first line visible.
    private func firstVisibleEntry(of entries: [Entry], height: Int) -> Int {
        var first = 0
        if let selected = entries.firstIndex(where: { if case .row(let row) = $0 { row.isSelected } else { false } }) {
            while first < selected, entries[first...selected].map(\.height).reduce(0, +) > height { first += 1 }
        }
        return first
    }

    /// The handle of the participant row drawn at `line` (0 is the panel's first line) of a panel `height`
    /// lines high, as `render` lays it out; nil on a header, a note or below the rows.
    public func handle(atLine line: Int, height: Int) -> String? {
        let entries = entries
        var y = 0
        for entry in entries.dropFirst(firstVisibleEntry(of: entries, height: height)) {
            guard y + entry.height <= height else { return nil }
            if line >= y && line < y + entry.height {
                if case .row(let row) = entry { return row.handle }
                return nil
            }
            y += entry.height
        }
        return nil
    }

    /// Draws the groups into `rect`, clipped to it, and returns how many rows it used.
    @discardableResult
    public func render(in rect: Rect, into buffer: inout CellBuffer, ascii: Bool) -> Int {
        guard rect.width > 0, rect.height > 0 else { return 0 }
        let entries = entries
        let first = firstVisibleEntry(of: entries, height: rect.height)
        var y = rect.y
        for entry in entries.dropFirst(first) {
            guard y + entry.height <= rect.maxY else { break }
            switch entry {
            case .header(let group): drawHeader(group, at: y, in: rect, into: &buffer, ascii: ascii)
            case .row(let row): panel.draw(row, at: y, in: rect, into: &buffer, ascii: ascii)
            case .empty(let text):
                buffer.put(
                    truncated(text, toWidth: rect.width - 2, ascii: ascii), x: rect.x + 2, y: y,
                    style: Style(attributes: .dim), maxWidth: rect.width - 2, ascii: ascii)
            }
            y += entry.height
        }
        return y - rect.y
    }

    private func drawHeader(_ group: Group, at y: Int, in rect: Rect, into buffer: inout CellBuffer, ascii: Bool) {
        let note = group.error ?? (group.isWaiting ? "" : "\(group.sharingCount) sharing")
        let noteStyle = group.error == nil ? Style(attributes: .dim) : Style(foreground: .red, attributes: .bold)
        let noteWidth = displayWidth(of: note)
        let titleRoom = rect.width - (noteWidth > 0 ? noteWidth + 1 : 0)
        if titleRoom >= 4 {
            buffer.put(
                truncated(group.title, toWidth: titleRoom, ascii: ascii), x: rect.x, y: y,
                style: Style(attributes: [.bold, .underline]), maxWidth: titleRoom, ascii: ascii)
        }
        if noteWidth > 0, noteWidth + 4 <= rect.width {
            buffer.put(note, x: rect.maxX - noteWidth, y: y, style: noteStyle, maxWidth: noteWidth, ascii: ascii)
        }
    }
}
