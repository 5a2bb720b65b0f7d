import TextUI

/// The characters a cell's 2x4 dot pattern is drawn with, precomputed once for all 256 patterns.
///
/// Patterns use the Braille dot bits: left column top to bottom 0x01, 0x02, 0x04, 0x40; right column
/// 0x08, 0x10, 0x20, 0x80.
public enum MapGlyphs {
    /// U+2800 plus the pattern: the Braille character showing exactly those dots.
    public static let braille: [Character] = (0..<256).map { pattern in
        Character(Unicode.Scalar(UInt32(0x2800 + pattern)).map(String.init) ?? " ")
    }

    /// A light 7-bit character for the pattern, so that digit and letter markers stand out from the map:
    /// `'` for dots only in the top half of the cell, `.` for dots only in the bottom half, `:` for dots in
    /// both (never `+`, the marker of a shared cell, nor a digit or capital, which read as labels).
    public static let ascii: [Character] = (0..<256).map { asciiGlyph(UInt8($0)) }

    /// `braille` as cell glyphs, for filling cells without building characters.
    public static let brailleGlyphs: [CellGlyph] = braille.map(CellGlyph.init)

    /// `ascii` as cell glyphs.
    public static let asciiGlyphs: [CellGlyph] = ascii.map(CellGlyph.init)

    /// The row (0 top ... 3 bottom) of each dot bit, indexed by bit position (0x01 is position 0).
    private static let rowOfBit = [0, 1, 2, 0, 1, 2, 3, 3]

    /// Classifies one pattern by the rows its dots lie in; see `ascii`.
    static func asciiGlyph(_ pattern: UInt8) -> Character {
        if pattern == 0 { return " " }
        var minRow = 3
        var maxRow = 0
        for bit in 0..<8 where pattern & (1 << bit) != 0 {
            minRow = min(minRow, rowOfBit[bit])
            maxRow = max(maxRow, rowOfBit[bit])
        }
        if maxRow <= 1 { return "'" }
        if minRow >= 2 { return "." }
        return ":"
    }
}
