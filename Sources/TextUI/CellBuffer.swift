/// A grid of cells, row-major, that frames are composed into before a screen or a text frame shows them.
///
/// Every write is clipped to the buffer; nothing wraps.
public struct CellBuffer: Hashable, Sendable {
    /// Width in cells.
    public let width: Int
    /// Height in cells.
    public let height: Int
    /// The cells, row-major: the cell at `(x, y)` is `cells[y * width + x]`.
    public var cells: [Cell]

    /// Creates a buffer of blank cells; negative sizes are clamped to zero.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The whole buffer as a rectangle at the origin.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at `(x, y)`, or a blank cell outside the buffer; writes outside the buffer are ignored.
    ///
    /// Writing a cell that is not a continuation over half of a wide character blanks the other half, so no
    /// continuation is left without its character. The cell's character should be one column wide: use `put`
    /// for text.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return .blank }
            return cells[y * width + x]
        }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            if !newValue.isContinuation { detachWideCharacters(row: y, from: x, to: x + 1) }
            cells[y * width + x] = newValue
        }
    }

    /// The characters, one line per row, continuation cells omitted, trailing spaces kept.
    public var text: String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var line = ""
            for x in 0..<width {
                let cell = cells[y * width + x]
                if !cell.isContinuation { cell.glyph.append(to: &line) }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
