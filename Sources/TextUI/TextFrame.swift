/// How many colours a text frame (or a screen) may use.
public enum ColorDepth: Hashable, Sendable, CaseIterable {
    /// Plain text: no escape sequences, no colours and no attributes.
    case none
    /// The eight ANSI colours (SGR 30-37, 40-47); a bright foreground becomes its base colour in bold, a bright
    /// background its base colour, and gray becomes white.
    case ansi8
    /// The 256-colour palette: the eight ANSI colours, bright colours as palette entries 8-15, gray as 244.
    case ansi256
}

extension CellBuffer {
    /// The buffer as text for a terminal or a file: one line per row joined by `\n`, with no final newline.
    ///
    /// With `.none` every style is dropped. Otherwise an SGR sequence (`ESC [ 0 ; ... m`, always starting from
    /// a reset) is written only where the style changes, and a line whose last style is not plain ends with
    /// `ESC [ 0 m`, so no style leaks into the next line. Continuation cells are skipped: the terminal spends
    /// two columns on the wide character before them. Trailing spaces are trimmed per line when they would
    /// look the same without being written (plain style, or any style with `.none`); styled trailing
    /// spaces, such as a reverse-video status bar, are kept so the line keeps its full width.
    public func rendered(colors: ColorDepth) -> String {
        var output = ""
        output.reserveCapacity(width * height + height)
        for y in 0..<height {
            if y > 0 { output.append("\n") }
            let rowStart = y * width
            var end = width
            while end > 0 {
                let cell = cells[rowStart + end - 1]
                guard cell.glyph.isSpace, !cell.isContinuation, visibleStyle(cell.style, colors) == .plain else {
                    break
                }
                end -= 1
            }
            var current = Style.plain
            for x in 0..<end {
                let cell = cells[rowStart + x]
                if cell.isContinuation { continue }
                let style = visibleStyle(cell.style, colors)
                if style != current {
                    output += selectGraphicRendition(style, colors)
                    current = style
                }
                cell.glyph.append(to: &output)
            }
            if current != .plain { output += "\u{1B}[0m" }
        }
        return output
    }
}

/// The part of `style` that shows at `colors`.
private func visibleStyle(_ style: Style, _ colors: ColorDepth) -> Style {
    colors == .none ? .plain : style
}

/// The SGR sequence that switches a terminal from any style to `style`.
///
/// NB: the palette matches CursesScreen's colour pairs, so that a text frame looks like the viewer.
private func selectGraphicRendition(_ style: Style, _ colors: ColorDepth) -> String {
    let foreground = style.foreground.paletteIndex(depth: colors)
    let background = style.background.paletteIndex(depth: colors)
    var parameters = ["0"]
    if style.attributes.contains(.bold) || (colors == .ansi8 && style.foreground.isBright) {
        parameters.append("1")
    }
    if style.attributes.contains(.dim) { parameters.append("2") }
    if style.attributes.contains(.underline) { parameters.append("4") }
    if style.attributes.contains(.reverse) { parameters.append("7") }
    if let foreground { parameters.append(foreground < 8 ? String(30 + foreground) : "38;5;\(foreground)") }
    if let background { parameters.append(background < 8 ? String(40 + background) : "48;5;\(background)") }
    return "\u{1B}[" + parameters.joined(separator: ";") + "m"
}

extension Color {
    /// The terminal palette index of this colour at `depth`: 0-7 for the ANSI colours, 8-15 for the bright ones
    /// and 244 for gray on 256 colours; nil for the terminal's default colour and at `.none`.
    ///
    /// On 8 colours a bright colour is its base colour (drawn bold by the caller, see `isBright`), and gray is
    /// white, since bright black would vanish on a black background.
    public func paletteIndex(depth: ColorDepth) -> Int? {
        let base: Int
        switch self {
        case .default: return nil
        case .black: base = 0
        case .red, .brightRed: base = 1
        case .green, .brightGreen: base = 2
        case .yellow, .brightYellow: base = 3
        case .blue, .brightBlue: base = 4
        case .magenta, .brightMagenta: base = 5
        case .cyan, .brightCyan: base = 6
        case .white, .brightWhite: base = 7
        case .gray: base = 7
        }
        switch depth {
        case .none: return nil
        case .ansi8: return base
        case .ansi256: return self == .gray ? 244 : isBright ? base + 8 : base
        }
    }

    /// True for the bright variants of the eight ANSI colours.
    public var isBright: Bool {
        switch self {
        case .brightRed, .brightGreen, .brightYellow, .brightBlue, .brightMagenta, .brightCyan, .brightWhite: true
        default: false
        }
    }
}
