import TextUI

extension SidePanel {
    /// Draws the row's distance (`2.4 km NE`) at the right end of line `y` when it fits beside a few cells of
    /// detail; returns the cells it took, its gap included (0 when none is drawn).
    func drawDistance(
        _ row: Row, y: Int, in rect: Rect, style: Style, into buffer: inout CellBuffer, ascii: Bool
    ) -> Int {
        guard let distance = row.distance else { return 0 }
        let width = displayWidth(of: distance)
        guard width + 8 <= rect.width else { return 0 }
        buffer.put(distance, x: rect.maxX - width, y: y, style: style, maxWidth: width, ascii: ascii)
        return width + 1
    }
}
