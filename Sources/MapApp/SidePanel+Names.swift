import TextUI

extension SidePanel.Row {
    /// The name when a contact matches, else the handle: for one-line summaries.
    public var who: String { name ?? handle }
}

extension SidePanel {
    /// Draws who the row is in `room` cells from `x`: the handle alone; or the name, then (when both fit
    /// with two spaces between) the handle dimmed, `Ana Lima  +14155550101`; a name too long is cut with `…`.
    func drawWho(
        _ row: Row, x: Int, y: Int, room: Int, style: Style, into buffer: inout CellBuffer, ascii: Bool
    ) {
        guard let name = row.name else {
            buffer.put(
                truncated(row.handle, toWidth: room, ascii: ascii), x: x, y: y, style: style, maxWidth: room,
                ascii: ascii)
            return
        }
        let shownName = truncated(name, toWidth: room, ascii: ascii)
        let used = buffer.put(shownName, x: x, y: y, style: style, maxWidth: room, ascii: ascii)
        let handleWidth = displayWidth(of: row.handle)
        guard used + 2 + handleWidth <= room else { return }
        var dim = style
        dim.attributes.insert(.dim)
        buffer.put(row.handle, x: x + used + 2, y: y, style: dim, maxWidth: handleWidth, ascii: ascii)
    }
}
