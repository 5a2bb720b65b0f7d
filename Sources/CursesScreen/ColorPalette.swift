import TextUI

/// What the user asked for with `--color`.
public enum ColorRequest: Sendable, Equatable {
    /// Colour when the terminal has it and `NO_COLOR` is unset.
    case auto
    /// Colour whenever the terminal has it, even with `NO_COLOR` set.
    case always
    /// Never colour.
    case never

    /// The depth to draw with, given how many colours the terminal reports (`COLORS`, 0 without colour) and
    /// whether `NO_COLOR` is set to a non-empty value.
    public func depth(terminalColors: Int, noColor: Bool) -> ColorDepth {
        switch self {
        case .never: return .none
        case .auto where noColor: return .none
        case .auto, .always:
            if terminalColors >= 256 { return .ansi256 }
            if terminalColors >= 8 { return .ansi8 }
            return .none
        }
    }
}

/// One colour as the terminal's palette sees it: an index (-1 is the terminal's default) and whether the
/// 8-colour approximation needs bold to brighten it.
struct PaletteEntry: Equatable {
    /// The palette index for `init_pair`; -1 is the terminal's default colour.
    var index: Int16
    /// True when an 8-colour terminal needs bold to show the bright variant.
    var needsBold: Bool
}

extension Color {
    /// The palette entry for this colour at `depth` (TextUI's `paletteIndex`, shared with text frames);
    /// `.none` and `.default` give the default colour (-1).
    func paletteEntry(depth: ColorDepth) -> PaletteEntry {
        guard let index = paletteIndex(depth: depth) else { return PaletteEntry(index: -1, needsBold: false) }
        return PaletteEntry(index: Int16(index), needsBold: depth == .ansi8 && isBright)
    }
}

/// Colour pairs allocated on first use, one per (foreground, background) palette index; pair 0 is the default.
struct ColorPairTable {
    /// How many pairs the terminal has (`COLOR_PAIRS`).
    let capacity: Int
    private var pairs: [PairKey: Int16] = [:]
    private var next: Int16 = 1

    private struct PairKey: Hashable {
        var foreground: Int16
        var background: Int16
    }

    /// An empty table for a terminal with `capacity` pairs (0 for monochrome: every style gets pair 0).
    init(capacity: Int) { self.capacity = capacity }

    /// The pair for these palette indices, calling `initialize` for a new one; 0 (the default pair) when both
    /// are -1 or the table is full.
    mutating func pair(
        foreground: Int16, background: Int16,
        initialize: (_ pair: Int16, _ foreground: Int16, _ background: Int16) -> Bool
    ) -> Int16 {
        if foreground == -1 && background == -1 { return 0 }
        let key = PairKey(foreground: foreground, background: background)
        if let existing = pairs[key] { return existing }
        guard Int(next) < min(capacity, Int(Int16.max)), initialize(next, foreground, background) else { return 0 }
        pairs[key] = next
        next += 1
        return pairs[key] ?? 0
    }
}
