/// A terminal colour, named by role-neutral hue; `.default` is the terminal's own colour.
///
/// Screens with 8 colours use the first nine; 256-colour screens may map the bright ones to their own shades.
public enum Color: UInt8, Hashable, Sendable, CaseIterable {
    case `default`, black, red, green, yellow, blue, magenta, cyan, white
    case gray, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite
}

/// Text attributes of a cell.
public struct Attributes: OptionSet, Hashable, Sendable {
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
public struct Style: Hashable, Sendable {
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
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn in this cell; a space in a continuation cell.
    public var character: Character
    /// How the cell is drawn.
    public var style: Style
    /// True for the right half of a wide character, which the terminal fills from the cell on its left.
    public var isContinuation: Bool

    /// Creates a cell holding `character` drawn with `style`.
    public init(_ character: Character = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }

    /// An empty cell: a plain space.
    public static let blank = Cell()
}
