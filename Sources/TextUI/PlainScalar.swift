/// True for printable ASCII and the Latin-1 and Latin Extended-A/B letters (U+00A0-024F but the soft
/// hyphen): scalars `TextSanitizer` keeps as they are, each a whole character one column wide, so text made
/// only of them can be drawn one cell per scalar without measuring it.
public func isPlainScalar(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return (0x20...0x7E).contains(value) || ((0xA0...0x24F).contains(value) && value != 0xAD)
}
