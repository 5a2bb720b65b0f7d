import Foundation
import LinqModel
import TextUI

/// The list of participants on the right of the map: two lines per participant, sorted by label.
///
/// Line one: label, handle and staleness (coloured by age, dim when unknown). Line two: "same spot as 2"
/// when markers share a cell, then locality and address; or, for someone who stopped sharing, "stopped
/// sharing, last seen 12m ago", dimmed. The selected participant is reversed, and the rows scroll so that
/// it stays visible. Text is cut by display width with an ellipsis.
public struct SidePanel: Hashable, Sendable {
    /// One participant's entry.
    public struct Row: Hashable, Sendable {
        /// The participant's label.
        public var label: Character
        /// The handle, not yet sanitised.
        public var handle: String
        /// The staleness of the position.
        public var staleness: Staleness
        /// The second line: notes, locality and address.
        public var detail: String
        /// True for the selected participant.
        public var isSelected: Bool
        /// True for a participant who stopped sharing.
        public var isDimmed: Bool
        /// The contact name, when a contact matches the handle: shown first, the handle dimmed after it.
        public var name: String?
        /// Distance and bearing from the selected participant (or home), `2.4 km NE`, at the right of line two.
        public var distance: String?
        /// While trails show, the colour of this participant's trail: the label is drawn in it.
        public var trailColor: Color?

        /// Creates a row.
        public init(
            label: Character, handle: String, staleness: Staleness, detail: String, isSelected: Bool,
            isDimmed: Bool, name: String? = nil, distance: String? = nil, trailColor: Color? = nil
        ) {
            self.trailColor = trailColor
            self.name = name
            self.distance = distance
            self.label = label
            self.handle = handle
            self.staleness = staleness
            self.detail = detail
            self.isSelected = isSelected
            self.isDimmed = isDimmed
        }
    }

    /// Lines per participant.
    public static let linesPerRow = 2

    /// The rows, sorted by label.
    public var rows: [Row]

    /// Builds the panel of `state` at `now`; `sharedCells` (from the map composer) groups labels whose
    /// markers share a cell. With `detailedRows`, only the rows at those indices and the selected row get their
    /// second line and distance (the costly part: movement, distance and bearing, shared cells); the others keep
    /// their first line's data, so a frame of 10,000 participants formats only the rows it can show.
    public init(
        state: AppState, now: Date, sharedCells: [[Character]] = [], ascii: Bool = false,
        detailedRows: Range<Int>? = nil
    ) {
        let separator = ascii ? ", " : " · "
        rows = state.participants.enumerated().map { index, tracked in
            let isSelected = tracked.handle == state.selectedHandle
            let isDetailed = isSelected || detailedRows?.contains(index) ?? true
            var parts: [String] = []
            if isDetailed {
                if !tracked.isSharing {
                    let seen = Staleness.text(forAge: now.timeIntervalSince(tracked.lastSeenAt))
                    parts.append("stopped sharing, last seen \(seen)")
                } else {
                    let others = sharedCells.first { $0.contains(tracked.label) }?.filter { $0 != tracked.label } ?? []
                    if !others.isEmpty {
                        parts.append("same spot as " + others.map(String.init).joined(separator: ", "))
                    }
                    if let movement = state.movementText(of: tracked.handle, now: now) { parts.append(movement) }
                    if let locality = tracked.participant.locality, !locality.isEmpty { parts.append(locality) }
                    if let address = tracked.participant.address, !address.isEmpty, !state.isRedacted {
                        parts.append(address)
                    }
                }
            }
            return Row(
                label: tracked.label, handle: state.shownHandle(tracked.handle),
                staleness: Staleness(updatedAt: tracked.participant.updatedAt, now: now),
                detail: parts.joined(separator: separator), isSelected: isSelected,
                isDimmed: !tracked.isSharing, name: state.shownName(of: tracked.handle),
                distance: isDetailed ? state.distanceText(to: tracked) : nil,
                trailColor: state.history.showsTrails ? TrailPalette.color(for: tracked.label) : nil)
        }
    }

    /// The indices of the rows `render` can draw in a panel `height` lines tall when `count` rows are listed and
    /// the row at `selected` (if any) must stay visible: what `detailedRows` should hold.
    public static func shownRows(count: Int, selected: Int?, height: Int) -> Range<Int> {
        let fitsAll = count * linesPerRow <= height
        let first = firstVisibleRow(count: count, selected: selected, height: fitsAll ? height : height - 1)
        return first..<min(count, first + max(1, height / linesPerRow))
    }

    /// The colour of an age class.
    public static func style(for ageClass: AgeClass) -> Style {
        switch ageClass {
        case .fresh: return Style(foreground: .green)
        case .recent: return Style(foreground: .yellow)
        case .old: return Style(foreground: .red)
        case .unknown: return Style(attributes: .dim)
        }
    }

    /// The index of the first row shown in `height` lines so that the selected row is visible.
    public func firstVisibleRow(height: Int) -> Int {
        SidePanel.firstVisibleRow(count: rows.count, selected: rows.firstIndex(where: \.isSelected), height: height)
    }

    private static func firstVisibleRow(count: Int, selected: Int?, height: Int) -> Int {
        let visible = max(1, height / linesPerRow)
        guard let selected else { return 0 }
        return max(0, min(selected - visible + 1, count - visible))
    }

    /// The index of the row drawn on `line` (0 at the top) of a panel `height` lines tall, as `render` draws
    /// it; nil for the `+3 more` line and below the rows.
    public func row(atLine line: Int, height: Int) -> Int? {
        let fitsAll = rows.count * SidePanel.linesPerRow <= height
        let rowsHeight = fitsAll ? height : height - 1
        let shown = rowsHeight / SidePanel.linesPerRow
        guard line >= 0, line < shown * SidePanel.linesPerRow else { return nil }
        let index = firstVisibleRow(height: rowsHeight) + line / SidePanel.linesPerRow
        return index < rows.count ? index : nil
    }

    /// Draws the rows into `rect`, clipped to it; an empty panel stays blank. When not every row fits, the
    /// last line says how many are hidden (`+3 more`) and the rows scroll to keep the selection visible.
    /// Returns the number of lines used.
    @discardableResult
    public func render(in rect: Rect, into buffer: inout CellBuffer, ascii: Bool) -> Int {
        guard rect.width > 0, rect.height > 0 else { return 0 }
        let fitsAll = rows.count * SidePanel.linesPerRow <= rect.height
        let rowsHeight = fitsAll ? rect.height : rect.height - 1
        let first = firstVisibleRow(height: rowsHeight)
        var y = rect.y
        var shown = 0
        for row in rows.dropFirst(first) {
            guard y + SidePanel.linesPerRow <= rect.y + rowsHeight else { break }
            draw(row, at: y, in: rect, into: &buffer, ascii: ascii)
            y += SidePanel.linesPerRow
            shown += 1
        }
        if shown < rows.count {
            buffer.put(
                "+\(rows.count - shown) more", x: rect.x, y: y, style: Style(attributes: .dim), maxWidth: rect.width,
                ascii: ascii)
            y += 1
        }
        return y - rect.y
    }

    func draw(_ row: Row, at y: Int, in rect: Rect, into buffer: inout CellBuffer, ascii: Bool) {
        var base = Style()
        if row.isDimmed { base.attributes.insert(.dim) }
        if row.isSelected { base.attributes.insert(.reverse) }
        buffer.fill(
            Rect(x: rect.x, y: y, width: rect.width, height: SidePanel.linesPerRow), with: Cell(" ", style: base))

        var labelStyle = base
        labelStyle.attributes.insert(.bold)
        if let trailColor = row.trailColor { labelStyle.foreground = trailColor }
        buffer.put(String(row.label), x: rect.x, y: y, style: labelStyle, maxWidth: rect.width, ascii: ascii)

        var ageStyle = SidePanel.style(for: row.staleness.ageClass)
        ageStyle.attributes.formUnion(base.attributes)
        if row.isDimmed { ageStyle = base }
        let age = row.isDimmed ? "" : row.staleness.text
        let ageWidth = displayWidth(of: age)
        let handleRoom = rect.width - 2 - (ageWidth > 0 ? ageWidth + 1 : 0)
        if handleRoom > 0 {
            drawWho(row, x: rect.x + 2, y: y, room: handleRoom, style: base, into: &buffer, ascii: ascii)
        }
        if ageWidth > 0, ageWidth + 2 <= rect.width {
            buffer.put(age, x: rect.maxX - ageWidth, y: y, style: ageStyle, maxWidth: ageWidth, ascii: ascii)
        }
        let detailRoom =
            rect.width - 2 - drawDistance(row, y: y + 1, in: rect, style: base, into: &buffer, ascii: ascii)
        if detailRoom > 0 {
            buffer.put(
                truncated(row.detail, toWidth: detailRoom, ascii: ascii), x: rect.x + 2, y: y + 1, style: base,
                maxWidth: detailRoom, ascii: ascii)
        }
    }
}
