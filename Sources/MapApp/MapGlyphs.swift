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

    /// A 7-bit character that reads like the pattern: `-` `_` for horizontal runs, `|` for vertical
    /// ones, `/` and `\` for diagonals, `'` `.` for lone dots high and low, `#` for crossings and blobs (never `+`, the marker of a
    /// shared cell, nor a digit or capital, which read as labels).
    public static let ascii: [Character] = (0..<256).map { asciiGlyph(UInt8($0)) }

    /// `braille` as cell glyphs, for filling cells without building characters.
    public static let brailleGlyphs: [CellGlyph] = braille.map(CellGlyph.init)

    /// `ascii` as cell glyphs.
    public static let asciiGlyphs: [CellGlyph] = ascii.map(CellGlyph.init)

    /// The row (0 top ... 3 bottom) of each dot bit, indexed by bit position (0x01 is position 0).
    private static let rowOfBit = [0, 1, 2, 0, 1, 2, 3, 3]
    /// The column (0 left, 1 right) of each dot bit, indexed by bit position.
    private static let columnOfBit = [0, 0, 0, 1, 1, 1, 0, 1]

    /// Classifies one pattern by where its dots lie; see `ascii`.
    static func asciiGlyph(_ pattern: UInt8) -> Character {
        if pattern == 0 { return " " }
        var count = [0, 0]
        var rowSum = [0, 0]
        var minRow = 3
        var maxRow = 0
        for bit in 0..<8 where pattern & (1 << bit) != 0 {
            let row = rowOfBit[bit]
            let column = columnOfBit[bit]
            count[column] += 1
            rowSum[column] += row
            minRow = min(minRow, row)
            maxRow = max(maxRow, row)
        }
        let total = count[0] + count[1]
        if total == 1 { return minRow <= 1 ? "'" : "." }
        if count[0] == 0 || count[1] == 0 {
            return maxRow - minRow >= 1 ? "|" : (minRow <= 1 ? "'" : ".")
        }
        if total >= 6 { return "#" }
        if (count[0] >= 3 && count[1] <= 1) || (count[1] >= 3 && count[0] <= 1) {
            return "|"
        }
        let left = Double(rowSum[0]) / Double(count[0])
        let right = Double(rowSum[1]) / Double(count[1])
        let slope = right - left
        if slope >= 1 { return "\\" }
        if slope <= -1 { return "/" }
        if maxRow - minRow >= 2 { return "#" }
        return (left + right) / 2 >= 2.5 ? "_" : "-"
    }
}
