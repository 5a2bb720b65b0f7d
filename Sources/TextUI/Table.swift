/// Columns of text laid out by display width: each cell is sanitised, cut with an ellipsis to its column's
/// width and padded, so rows line up whatever scripts they hold.
public struct Table: Hashable, Sendable {
    /// How a column's width is chosen.
    public enum Sizing: Hashable, Sendable {
        /// Exactly this many columns.
        case fixed(Int)
        /// As wide as the widest cell, at most `maximum` columns.
        case fitting(maximum: Int)
        /// An equal share of what the other columns leave (the first flexible columns get any remainder).
        case flexible
    }

    /// Which side of its column a cell keeps to.
    public enum Alignment: Hashable, Sendable {
        /// Left-aligned, padded on the right.
        case leading
        /// Right-aligned, padded on the left.
        case trailing
    }

    /// One column's sizing and alignment.
    public struct Column: Hashable, Sendable {
        /// How the width is chosen.
        public var sizing: Sizing
        /// Where cells sit in the column.
        public var alignment: Alignment

        /// Creates a column; leading by default.
        public init(_ sizing: Sizing, alignment: Alignment = .leading) {
            self.sizing = sizing
            self.alignment = alignment
        }
    }

    /// The columns, left to right.
    public var columns: [Column]
    /// Blank columns between neighbouring columns; negative values count as zero.
    public var spacing: Int

    /// Creates a table layout.
    public init(_ columns: [Column], spacing: Int = 1) {
        self.columns = columns
        self.spacing = max(0, spacing)
    }

    /// The width of each column so that `rows` fit in `totalWidth` columns, spacing included.
    ///
    /// Fixed and fitting columns get their width first; when they do not fit, they are narrowed from the
    /// rightmost column leftwards, down to zero; flexible columns share what is left. Cells are measured
    /// after sanitising (and folding to ASCII when `ascii` is true); missing cells count as empty.
    public func widths(for rows: [[String]], totalWidth: Int, ascii: Bool = false) -> [Int] {
        guard !columns.isEmpty else { return [] }
        let available = max(0, totalWidth - spacing * (columns.count - 1))
        var widths = columns.indices.map { index -> Int in
            switch columns[index].sizing {
            case .fixed(let width):
                return max(0, width)
            case .fitting(let maximum):
                let widest = rows.reduce(0) { widest, row in
                    guard index < row.count else { return widest }
                    var text = TextSanitizer.sanitized(row[index])
                    if ascii { text = asciiFolded(text) }
                    return max(widest, displayWidth(of: text))
                }
                return min(widest, max(0, maximum))
            case .flexible:
                return 0
            }
        }
        var excess = widths.reduce(0, +) - available
        for index in columns.indices.reversed() where excess > 0 {
            let cut = min(excess, widths[index])
            widths[index] -= cut
            excess -= cut
        }
        let flexible = columns.indices.filter { columns[$0].sizing == .flexible }
        if !flexible.isEmpty {
            let left = max(0, available - widths.reduce(0, +))
            for (position, index) in flexible.enumerated() {
                widths[index] = left / flexible.count + (position < left % flexible.count ? 1 : 0)
            }
        }
        return widths
    }

    /// `row` as one line of exactly `widths` plus spacing columns: every cell truncated with an ellipsis
    /// (`...` in ASCII) to its width and padded with spaces on the side its alignment leaves open.
    public func line(_ row: [String], widths: [Int], ascii: Bool = false) -> String {
        var line = ""
        for (index, column) in columns.enumerated() where index < widths.count {
            if index > 0 { line += String(repeating: " ", count: spacing) }
            let width = max(0, widths[index])
            let text = truncated(index < row.count ? row[index] : "", toWidth: width, ascii: ascii)
            let padding = String(repeating: " ", count: max(0, width - displayWidth(of: text)))
            line += column.alignment == .leading ? text + padding : padding + text
        }
        return line
    }

    /// Draws `row` at `(x, y)` as `line` lays it out, clipped to the buffer; `cellStyles[i]`, when present and
    /// not `nil`, styles column `i`'s text, and `style` styles the rest (padding and spacing).
    public func render(
        _ row: [String], widths: [Int], x: Int, y: Int, style: Style = .plain, cellStyles: [Style?] = [],
        into buffer: inout CellBuffer, ascii: Bool = false
    ) {
        var column = x
        for (index, spec) in columns.enumerated() where index < widths.count {
            if index > 0 {
                column += buffer.put(String(repeating: " ", count: spacing), x: column, y: y, style: style)
            }
            let width = max(0, widths[index])
            let text = truncated(index < row.count ? row[index] : "", toWidth: width, ascii: ascii)
            let padding = String(repeating: " ", count: max(0, width - displayWidth(of: text)))
            let textStyle = (index < cellStyles.count ? cellStyles[index] : nil) ?? style
            if spec.alignment == .trailing { buffer.put(padding, x: column, y: y, style: style) }
            let textX = spec.alignment == .trailing ? column + padding.count : column
            buffer.put(text, x: textX, y: y, style: textStyle, maxWidth: width, ascii: ascii)
            if spec.alignment == .leading { buffer.put(padding, x: textX + width - padding.count, y: y, style: style) }
            column += width
        }
    }
}
