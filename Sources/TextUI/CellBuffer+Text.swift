extension CellBuffer {
    /// Writes `text` at `(x, y)` in cells and returns how many columns it advanced from `x`.
    ///
    /// This is the only way outside text reaches a buffer: the text is sanitised (`TextSanitizer`), folded to
    /// ASCII when `ascii` is true (`asciiFolded`), and measured by display width. A wide character takes its
    /// cell and a continuation cell; characters of width zero that stand alone are dropped. Nothing wraps:
    /// the text is cut at the buffer's right edge and after `maxWidth` columns, and a wide character that
    /// does not fit before that limit, or that starts just left of the buffer, leaves a space in its visible
    /// half. Columns left of the buffer count in the result, so the next piece can start at `x + result`;
    /// a row outside the buffer writes nothing but still measures.
    @discardableResult
    public mutating func put(
        _ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil, ascii: Bool = false
    ) -> Int {
        var limit = width
        if let maxWidth {
            if maxWidth <= 0 { return 0 }
            // Compared before adding, so that extreme arguments cannot overflow.
            let (room, overflow) = width.subtractingReportingOverflow(x)
            // NB: found by fuzz/text.swift: `room` overflows only when x is so far left that the room exceeds
            // any maxWidth, and then x + maxWidth is safe; skipping the limit there let text run past maxWidth.
            if overflow || maxWidth < room { limit = x + maxWidth }
        }
        guard x < limit else { return 0 }
        var clean = TextSanitizer.sanitized(text)
        if ascii { clean = asciiFolded(clean) }
        var pen = Pen(column: x, limit: limit, y: y, isRowVisible: y >= 0 && y < height, style: style)
        // Text made only of scalars that stand alone as characters skips grapheme breaking.
        if clean.unicodeScalars.allSatisfy({ simpleScalarWidth($0) != nil }) {
            for scalar in clean.unicodeScalars {
                guard draw(Character(scalar), width: simpleScalarWidth(scalar) ?? 1, with: &pen) else { break }
            }
        } else {
            for character in clean {
                guard draw(character, width: displayWidth(of: character), with: &pen) else { break }
            }
        }
        return pen.column - x
    }

    /// Where `put` writes next, and what bounds it.
    private struct Pen {
        var column: Int
        let limit: Int
        let y: Int
        let isRowVisible: Bool
        let style: Style
    }

    /// Draws one character of `width` columns at the pen and moves it; false once the pen reached its limit.
    private mutating func draw(_ character: Character, width characterWidth: Int, with pen: inout Pen) -> Bool {
        let y = pen.y
        if characterWidth == 0 { return true }
        if characterWidth == 1 {
            if pen.isRowVisible && pen.column >= 0 {
                writeNarrow(Cell(character, style: pen.style), x: pen.column, y: y)
            }
            pen.column += 1
            return pen.column < pen.limit
        }
        if pen.column + 1 >= pen.limit {
            if pen.isRowVisible && pen.column >= 0 { writeNarrow(Cell(" ", style: pen.style), x: pen.column, y: y) }
            pen.column += 1
            return false
        }
        if pen.isRowVisible {
            if pen.column >= 0 {
                detachWideCharacters(row: y, from: pen.column, to: pen.column + 2)
                cells[y * width + pen.column] = Cell(character, style: pen.style)
                cells[y * width + pen.column + 1] = Cell(" ", style: pen.style, isContinuation: true)
            } else if pen.column == -1 {
                writeNarrow(Cell(" ", style: pen.style), x: 0, y: y)
            }
        }
        pen.column += 2
        return pen.column < pen.limit
    }

    /// Fills `rect`, clipped to the buffer, with `cell`; a cell whose character is not one column wide fills
    /// with spaces in its style instead, and wide characters cut by the rectangle's edges lose both halves.
    public mutating func fill(_ rect: Rect, with cell: Cell) {
        let left = max(0, rect.x)
        let right = min(width, rect.maxX)
        let top = max(0, rect.y)
        let bottom = min(height, rect.maxY)
        guard left < right, top < bottom else { return }
        var filler = cell
        filler.isContinuation = false
        if displayWidth(of: filler.character) != 1 { filler.character = " " }
        for y in top..<bottom {
            detachWideCharacters(row: y, from: left, to: right)
            let start = y * width
            for x in left..<right {
                cells[start + x] = filler
            }
        }
    }

    /// Draws the outline of `rect` (clipped to the buffer) with box-drawing characters (`┌─┐│└┘`), or with
    /// `+`, `-` and `|` when `ascii` is true, leaving the inside untouched.
    ///
    /// A `title` is sanitised and written into the top edge from the third column, between spaces, and cut
    /// with an ellipsis to fit before the top-right corner. Rectangles narrower or shorter than two cells
    /// draw nothing.
    public mutating func drawBox(_ rect: Rect, style: Style = .plain, ascii: Bool = false, title: String? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let glyphs: (horizontal: Character, vertical: Character, corners: [Character]) =
            ascii ? ("-", "|", ["+", "+", "+", "+"]) : ("─", "│", ["┌", "┐", "└", "┘"])
        let right = rect.maxX - 1
        let bottom = rect.maxY - 1
        // Only the visible part of each edge is visited, so a huge rectangle costs no more than the buffer.
        let firstX = max(rect.x + 1, 0)
        for x in firstX..<max(min(right, width), firstX) {
            self[x, rect.y] = Cell(glyphs.horizontal, style: style)
            self[x, bottom] = Cell(glyphs.horizontal, style: style)
        }
        let firstY = max(rect.y + 1, 0)
        for y in firstY..<max(min(bottom, height), firstY) {
            self[rect.x, y] = Cell(glyphs.vertical, style: style)
            self[right, y] = Cell(glyphs.vertical, style: style)
        }
        self[rect.x, rect.y] = Cell(glyphs.corners[0], style: style)
        self[right, rect.y] = Cell(glyphs.corners[1], style: style)
        self[rect.x, bottom] = Cell(glyphs.corners[2], style: style)
        self[right, bottom] = Cell(glyphs.corners[3], style: style)
        if let title {
            let room = rect.width - 6
            let shown = truncated(title, toWidth: room, ascii: ascii)
            if !shown.isEmpty {
                put(" " + shown + " ", x: rect.x + 2, y: rect.y, style: style, maxWidth: rect.width - 4, ascii: ascii)
            }
        }
    }

    /// Writes a one-column cell at a visible `(x, y)`, keeping wide characters around it whole.
    private mutating func writeNarrow(_ cell: Cell, x: Int, y: Int) {
        guard x < width else { return }
        detachWideCharacters(row: y, from: x, to: x + 1)
        cells[y * width + x] = cell
    }

    /// Before columns `start..<end` of row `y` are overwritten, blanks the halves of wide characters that
    /// stick out of that span: the character left of a continuation at `start`, and a continuation at `end`.
    mutating func detachWideCharacters(row y: Int, from start: Int, to end: Int) {
        let rowStart = y * width
        if start > 0 && start < width && cells[rowStart + start].isContinuation {
            let lead = rowStart + start - 1
            cells[lead] = Cell(" ", style: cells[lead].style)
        }
        if end >= 0 && end < width && cells[rowStart + end].isContinuation {
            let orphan = rowStart + end
            cells[orphan] = Cell(" ", style: cells[orphan].style)
        }
    }
}
