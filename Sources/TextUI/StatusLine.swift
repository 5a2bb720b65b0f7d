/// A one-row bar of text segments that fits any width by dropping the least important segments first.
///
/// Segments keep their order. Leading segments start at the left edge; trailing segments end at the right
/// edge. When everything does not fit, optional segments are dropped lowest `priority` first (among equals,
/// the rightmost first); required segments are never dropped but are cut with an ellipsis, the widest first,
/// when the rest is gone and they still do not fit. All text is sanitised, and folded to ASCII in ASCII mode.
public struct StatusLine: Hashable, Sendable {
    /// Which edge a segment keeps to.
    public enum Alignment: Hashable, Sendable {
        /// Laid out from the left edge, in order.
        case leading
        /// Laid out so that the last trailing segment ends at the right edge.
        case trailing
    }

    /// What goes between two neighbouring segments.
    public enum Separator: Hashable, Sendable {
        /// Two spaces.
        case spaces
        /// A vertical bar between spaces: ` │ `, or ` | ` in ASCII.
        case bar

        /// The separator's text.
        public func text(ascii: Bool) -> String {
            switch self {
            case .spaces: "  "
            case .bar: ascii ? " | " : " │ "
            }
        }
    }

    /// One piece of the line.
    public struct Segment: Hashable, Sendable {
        /// The text, as it arrives (it is sanitised when laid out).
        public var text: String
        /// The segment's own style, or `nil` for the line's style.
        public var style: Style?
        /// Higher priorities are dropped later.
        public var priority: Int
        /// A required segment is never dropped, only truncated.
        public var isRequired: Bool
        /// The edge the segment keeps to.
        public var alignment: Alignment

        /// Creates a segment; by default it is optional, leading, of priority 0, in the line's style.
        public init(
            _ text: String, style: Style? = nil, priority: Int = 0, isRequired: Bool = false,
            alignment: Alignment = .leading
        ) {
            self.text = text
            self.style = style
            self.priority = priority
            self.isRequired = isRequired
            self.alignment = alignment
        }
    }

    /// Where one segment landed: its index in `segments`, its column from the line's left edge, and its text
    /// as shown (sanitised, folded in ASCII mode, perhaps truncated).
    public struct Placement: Hashable, Sendable {
        /// Index of the segment in `segments`.
        public var index: Int
        /// Column of the segment's first cell, from the line's left edge.
        public var x: Int
        /// The text drawn.
        public var text: String

        /// Creates a placement.
        public init(index: Int, x: Int, text: String) {
            self.index = index
            self.x = x
            self.text = text
        }
    }

    /// The segments in display order.
    public var segments: [Segment]
    /// What goes between neighbouring segments.
    public var separator: Separator
    /// The style of the whole row: its background, separators and segments without their own style.
    public var style: Style

    /// Creates a status line.
    public init(_ segments: [Segment], separator: Separator = .spaces, style: Style = .plain) {
        self.segments = segments
        self.separator = separator
        self.style = style
    }

    /// The segments that fit in `width` columns, in display order, with their columns; empty segments and
    /// dropped ones are absent. A width of zero or less places nothing.
    public func layout(width: Int, ascii: Bool = false) -> [Placement] {
        guard width > 0 else { return [] }
        let separatorWidth = displayWidth(of: separator.text(ascii: ascii))
        var texts = segments.map { truncated($0.text, toWidth: width, ascii: ascii) }
        var widths = texts.map { displayWidth(of: $0) }
        var visible = segments.indices.filter { !texts[$0].isEmpty }

        func total() -> Int {
            visible.reduce(0) { $0 + widths[$1] } + separatorWidth * max(0, visible.count - 1)
        }

        while total() > width {
            let optional = visible.filter { !segments[$0].isRequired }
            guard
                let victim = optional.min(by: { left, right in
                    segments[left].priority != segments[right].priority
                        ? segments[left].priority < segments[right].priority : left > right
                })
            else { break }
            visible.removeAll { $0 == victim }
        }

        var overflow = total() - width
        if overflow > 0 {
            for index in visible.sorted(by: { widths[$0] > widths[$1] }) {
                guard overflow > 0 else { break }
                let target = max(1, widths[index] - overflow)
                texts[index] = truncated(texts[index], toWidth: target, ascii: ascii)
                let shrunk = displayWidth(of: texts[index])
                overflow -= widths[index] - shrunk
                widths[index] = shrunk
            }
        }

        var placements: [Placement] = []
        let leading = visible.filter { segments[$0].alignment == .leading }
        let trailing = visible.filter { segments[$0].alignment == .trailing }
        var column = 0
        for index in leading {
            placements.append(Placement(index: index, x: column, text: texts[index]))
            column += widths[index] + separatorWidth
        }
        let trailingWidth = trailing.reduce(0) { $0 + widths[$1] } + separatorWidth * max(0, trailing.count - 1)
        column = max(width - trailingWidth, leading.isEmpty ? 0 : column)
        for index in trailing {
            placements.append(Placement(index: index, x: column, text: texts[index]))
            column += widths[index] + separatorWidth
        }
        return placements
    }

    /// Draws the line in the top row of `rect`: the row is filled with the line's style, then the segments
    /// that fit are written with separators between neighbours of the same alignment (the gap between the
    /// leading and the trailing group stays blank); everything is clipped to `rect`.
    public func render(in rect: Rect, into buffer: inout CellBuffer, ascii: Bool = false) {
        guard !rect.isEmpty else { return }
        buffer.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), with: Cell(" ", style: style))
        let separatorText = separator.text(ascii: ascii)
        let placements = layout(width: rect.width, ascii: ascii)
        for (position, placement) in placements.enumerated() {
            let segmentStyle = segments[placement.index].style ?? style
            let x = rect.x + placement.x
            let used = buffer.put(
                placement.text, x: x, y: rect.y, style: segmentStyle, maxWidth: rect.maxX - x, ascii: ascii)
            // Separators go between neighbours of one group; the gap between the groups stays blank.
            if position + 1 < placements.count,
                segments[placements[position + 1].index].alignment == segments[placement.index].alignment
            {
                let separatorX = x + used
                buffer.put(separatorText, x: separatorX, y: rect.y, style: style, maxWidth: rect.maxX - separatorX)
            }
        }
    }
}
