/// How many colours a text frame may use.
public enum ColorDepth: Hashable, Sendable, CaseIterable {
    /// Plain text: no escape sequences, no colours and no attributes.
    case none
    /// The eight ANSI colours (SGR 30-37, 40-47); bright colours and gray fall back to their base hue.
    case ansi8
    /// 256-colour terminals: the eight ANSI colours plus their bright forms (SGR 90-97, 100-107).
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
                guard cell.character == " ", !cell.isContinuation, visibleStyle(cell.style, colors) == .plain else {
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
                output.append(cell.character)
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
private func selectGraphicRendition(_ style: Style, _ colors: ColorDepth) -> String {
    var parameters = ["0"]
    if style.attributes.contains(.bold) { parameters.append("1") }
    if style.attributes.contains(.dim) { parameters.append("2") }
    if style.attributes.contains(.underline) { parameters.append("4") }
    if style.attributes.contains(.reverse) { parameters.append("7") }
    if style.foreground != .default { parameters.append(String(colorCode(style.foreground, colors, base: 30))) }
    if style.background != .default { parameters.append(String(colorCode(style.background, colors, base: 40))) }
    return "\u{1B}[" + parameters.joined(separator: ";") + "m"
}

/// The SGR colour code for `color`: `base` is 30 for the foreground and 40 for the background.
private func colorCode(_ color: Color, _ colors: ColorDepth, base: Int) -> Int {
    let hue: Int
    let isBright: Bool
    switch color {
    case .default: return base + 9
    case .black: (hue, isBright) = (0, false)
    case .red: (hue, isBright) = (1, false)
    case .green: (hue, isBright) = (2, false)
    case .yellow: (hue, isBright) = (3, false)
    case .blue: (hue, isBright) = (4, false)
    case .magenta: (hue, isBright) = (5, false)
    case .cyan: (hue, isBright) = (6, false)
    case .white: (hue, isBright) = (7, false)
    // NB: with eight colours, bright black would be invisible on a black background, so gray becomes white.
    case .gray: (hue, isBright) = colors == .ansi256 ? (0, true) : (7, false)
    case .brightRed: (hue, isBright) = (1, true)
    case .brightGreen: (hue, isBright) = (2, true)
    case .brightYellow: (hue, isBright) = (3, true)
    case .brightBlue: (hue, isBright) = (4, true)
    case .brightMagenta: (hue, isBright) = (5, true)
    case .brightCyan: (hue, isBright) = (6, true)
    case .brightWhite: (hue, isBright) = (7, true)
    }
    return (isBright && colors == .ansi256 ? base + 60 : base) + hue
}
