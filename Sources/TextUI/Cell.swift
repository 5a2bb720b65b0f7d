/// A terminal colour, named by role-neutral hue; `.default` is the terminal's own colour.
///
/// Screens with 8 colours use the first nine; 256-colour screens may map the bright ones to their own shades.
public enum Color: UInt8, Hashable, Sendable, CaseIterable, BitwiseCopyable {
    case `default`, black, red, green, yellow, blue, magenta, cyan, white
    case gray, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite
}

/// Text attributes of a cell.
public struct Attributes: OptionSet, Hashable, Sendable, BitwiseCopyable {
    /// The attribute bits.
    public let rawValue: UInt8
    /// Creates attributes from their bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Bold (or bright, on some terminals).
    public static let bold = Attributes(rawValue: 1)
    /// Dim (half bright).
    public static let dim = Attributes(rawValue: 2)
    /// Foreground and background swapped.
    public static let reverse = Attributes(rawValue: 4)
    /// Underlined.
    public static let underline = Attributes(rawValue: 8)
}

/// How a cell is drawn: colours and attributes. Monochrome screens keep only the attributes.
public struct Style: Hashable, Sendable, BitwiseCopyable {
    /// The text colour.
    public var foreground: Color
    /// The colour behind the text.
    public var background: Color
    /// Bold, dim, reverse, underline.
    public var attributes: Attributes

    /// Creates a style; the defaults are the terminal's own colours with no attributes.
    public init(foreground: Color = .default, background: Color = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's own colours, no attributes.
    public static let plain = Style()
}

/// One terminal cell: a grapheme and its style.
///
/// A wide grapheme (two columns) sits in its left cell; the right cell is a continuation with
/// `isContinuation == true` and is never drawn on its own.
///
/// The grapheme is stored inline as UTF-8 (`CellGlyph`), so a cell holds no reference: buffers copy, compare and
/// fill as plain memory, which is what keeps a frame near the cost of a C loop (issue 10).
public struct Cell: Hashable, Sendable, BitwiseCopyable {
    /// The grapheme's bytes.
    public var glyph: CellGlyph
    /// How the cell is drawn.
    public var style: Style
    /// True for the right half of a wide character, which the terminal fills from the cell on its left.
    public var isContinuation: Bool

    /// Creates a cell holding `character` drawn with `style`.
    public init(_ character: Character = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.glyph = CellGlyph(character)
        self.style = style
        self.isContinuation = isContinuation
    }

    /// Creates a cell holding one scalar drawn with `style`, without building a `Character`.
    public init(scalar: Unicode.Scalar, style: Style = .plain, isContinuation: Bool = false) {
        self.glyph = CellGlyph(scalar)
        self.style = style
        self.isContinuation = isContinuation
    }

    /// The grapheme drawn in this cell; a space in a continuation cell.
    public var character: Character {
        get { glyph.character }
        set { glyph = CellGlyph(newValue) }
    }

    /// An empty cell: a plain space.
    public static let blank = Cell()
}

/// One grapheme as up to 15 bytes of UTF-8, inline: two words, no reference to count.
///
/// A grapheme longer than 15 bytes (a family emoji of five or more scalars) keeps its longest prefix of whole
/// scalars that fits; the terminal is handed at most four scalars of a cell anyway (`CursesScreen`).
public struct CellGlyph: Hashable, Sendable, BitwiseCopyable {
    /// Bytes 0-7 of the UTF-8, the first in the lowest bits.
    private var low: UInt64
    /// Bytes 8-14 of the UTF-8 in the low 56 bits; the byte count in the top 8.
    private var high: UInt64

    /// The glyph of `scalar`.
    @inline(__always)
    public init(_ scalar: Unicode.Scalar) {
        let value = scalar.value
        switch value {
        case 0..<0x80:
            low = UInt64(value)
            high = 1 << 56
        case 0x80..<0x800:
            low = UInt64(0xC0 | value >> 6) | UInt64(0x80 | value & 0x3F) << 8
            high = 2 << 56
        case 0x800..<0x10000:
            low =
                UInt64(0xE0 | value >> 12) | UInt64(0x80 | value >> 6 & 0x3F) << 8
                | UInt64(0x80 | value & 0x3F) << 16
            high = 3 << 56
        default:
            low =
                UInt64(0xF0 | value >> 18) | UInt64(0x80 | value >> 12 & 0x3F) << 8
                | UInt64(0x80 | value >> 6 & 0x3F) << 16 | UInt64(0x80 | value & 0x3F) << 24
            high = 4 << 56
        }
    }

    /// The glyph of `character`, cut to whole scalars within 15 bytes.
    public init(_ character: Character) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var count = 0
        let utf8 = character.utf8
        if utf8.count <= 15 {
            // The bytes as they are: the same layout `init(_: Unicode.Scalar)` writes for one scalar.
            for byte in utf8 {
                if count < 8 {
                    low |= UInt64(byte) << (8 * count)
                } else {
                    high |= UInt64(byte) << (8 * (count - 8))
                }
                count += 1
            }
        } else {
            for scalar in character.unicodeScalars {
                if count + UTF8.width(scalar) > 15 { break }
                for byte in scalar.utf8 {
                    if count < 8 {
                        low |= UInt64(byte) << (8 * count)
                    } else {
                        high |= UInt64(byte) << (8 * (count - 8))
                    }
                    count += 1
                }
            }
        }
        self.init(low: low, high: high | UInt64(count) << 56)
    }

    private init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// How many UTF-8 bytes the glyph holds.
    public var byteCount: Int { Int(high >> 56) }

    /// The byte at `index` (below `byteCount`).
    @inline(__always)
    func byte(_ index: Int) -> UInt8 {
        index < 8 ? UInt8(truncatingIfNeeded: low >> (8 * index)) : UInt8(truncatingIfNeeded: high >> (8 * (index - 8)))
    }

    /// True for a single space.
    @inline(__always)
    public var isSpace: Bool { low == 0x20 && high == 1 << 56 }

    /// The single scalar of a one-scalar glyph (the common case), nil for a longer grapheme.
    public var singleScalar: Unicode.Scalar? {
        let count = byteCount
        let first = UInt32(byte(0))
        switch count {
        case 1: return Unicode.Scalar(first)
        case 2 where first & 0xE0 == 0xC0:
            return Unicode.Scalar((first & 0x1F) << 6 | UInt32(byte(1)) & 0x3F)
        case 3 where first & 0xF0 == 0xE0:
            return Unicode.Scalar((first & 0x0F) << 12 | (UInt32(byte(1)) & 0x3F) << 6 | UInt32(byte(2)) & 0x3F)
        case 4 where first & 0xF8 == 0xF0:
            return Unicode.Scalar(
                (first & 0x07) << 18 | (UInt32(byte(1)) & 0x3F) << 12 | (UInt32(byte(2)) & 0x3F) << 6
                    | UInt32(byte(3)) & 0x3F)
        default: return nil
        }
    }

    /// The glyph's scalars, in order.
    public var unicodeScalars: String.UnicodeScalarView {
        if let scalar = singleScalar { return String(Character(scalar)).unicodeScalars }
        return String(decoding: (0..<byteCount).map { byte($0) }, as: UTF8.self).unicodeScalars
    }

    /// The grapheme; a space for an empty glyph.
    public var character: Character {
        if let scalar = singleScalar { return Character(scalar) }
        let text = String(decoding: (0..<byteCount).map { byte($0) }, as: UTF8.self)
        return text.first ?? " "
    }

    /// Appends the grapheme to `text`.
    @inline(__always)
    public func append(to text: inout String) {
        if let scalar = singleScalar {
            text.unicodeScalars.append(scalar)
        } else {
            text.append(character)
        }
    }
}
