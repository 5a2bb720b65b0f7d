/// The number of terminal columns `character` takes: 2 for wide East Asian characters (East Asian Width W or
/// F: CJK, Hangul syllables, fullwidth forms) and for emoji shown as pictures (emoji presentation, a
/// variation selector 16, a pair of regional indicators forming a flag), 0 for a character that is only
/// combining marks, format characters or controls, and 1 otherwise.
///
/// Combining marks after a base character are part of that `Character` and add nothing.
public func displayWidth(of character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    let base = scalarWidth(first)
    if base == 2 || scalars.count == 1 { return base }
    let isRegionalIndicator = (0x1F1E6...0x1F1FF).contains(first.value)
    for scalar in scalars.dropFirst() {
        if scalar.value == 0xFE0F && first.properties.isEmoji { return 2 }
        if isRegionalIndicator && (0x1F1E6...0x1F1FF).contains(scalar.value) { return 2 }
    }
    return base
}

/// The number of terminal columns `text` takes, the sum of its characters' widths (see
/// `displayWidth(of: Character)`); control characters count 0, so measure sanitised text.
public func displayWidth(of text: String) -> Int {
    var isASCII = true
    var printable = 0
    for byte in text.utf8 {
        if byte >= 0x80 {
            isASCII = false
            break
        }
        if byte >= 0x20 && byte < 0x7F { printable += 1 }
    }
    if isASCII { return printable }
    var simpleTotal = 0
    var isSimple = true
    for scalar in text.unicodeScalars {
        guard let width = simpleScalarWidth(scalar) else {
            isSimple = false
            break
        }
        simpleTotal += width
    }
    if isSimple { return simpleTotal }
    var total = 0
    for character in text {
        total += displayWidth(of: character)
    }
    return total
}

/// `text` sanitised (and folded to ASCII when `ascii` is true), cut to at most `width` columns.
///
/// Text that fits is returned whole. Longer text keeps as many whole characters as fit before an ellipsis
/// (`…`, or `...` in ASCII), without trailing spaces; a wide character that would straddle the limit is
/// left out, so the result may be one column narrower than `width`. When `width` is smaller than the
/// ellipsis, the result is the ellipsis cut to `width`; a width of zero or less gives an empty string.
public func truncated(_ text: String, toWidth width: Int, ascii: Bool = false) -> String {
    guard width > 0 else { return "" }
    var clean = TextSanitizer.sanitized(text)
    if ascii { clean = asciiFolded(clean) }
    if displayWidth(of: clean) <= width { return clean }
    let ellipsis = ascii ? "..." : "…"
    let ellipsisWidth = ascii ? 3 : 1
    guard width > ellipsisWidth else { return String(ellipsis.prefix(width)) }
    let budget = width - ellipsisWidth
    var result = ""
    var used = 0
    for character in clean {
        let characterWidth = displayWidth(of: character)
        if used + characterWidth > budget { break }
        result.append(character)
        used += characterWidth
    }
    while result.last == " " { result.removeLast() }
    return result + ellipsis
}

/// The width of a scalar that always forms a character on its own (printable ASCII and Latin-1 to IPA,
/// kana, CJK unified ideographs, Hangul syllables), or `nil` for any other scalar.
///
/// No grapheme cluster joins two such scalars, so text made only of them can be measured and drawn scalar by
/// scalar, without the cost of grapheme breaking.
func simpleScalarWidth(_ scalar: Unicode.Scalar) -> Int? {
    switch scalar.value {
    case 0x20..<0x7F, 0xA0..<0xAD, 0xAE..<0x300: 1
    case 0x3041...0x3096, 0x30A1...0x30FA, 0x4E00...0x9FFF, 0xAC00...0xD7A3: 2
    default: nil
    }
}

/// The width of one scalar standing at the start of a character.
private func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x7F { return value >= 0x20 ? 1 : 0 }
    if value < 0xA0 { return 0 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format, .control:
        return 0
    default:
        break
    }
    if value < 0x1100 { return 1 }
    // NB: Hangul medial vowels and final consonants only combine with a leading consonant (Unicode ch. 3.12).
    if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }
    if isWideEastAsian(value) || scalar.properties.isEmojiPresentation { return 2 }
    return 1
}

/// True when `value` has East Asian Width W or F.
private func isWideEastAsian(_ value: UInt32) -> Bool {
    var low = 0
    var high = wideRanges.count - 1
    while low <= high {
        let middle = (low + high) / 2
        let range = wideRanges[middle]
        if value < range.lowerBound {
            high = middle - 1
        } else if value > range.upperBound {
            low = middle + 1
        } else {
            return true
        }
    }
    return false
}

// NB: East Asian Width W and F from Unicode 14 EastAsianWidth.txt, generated with Python's unicodedata;
// neighbouring ranges are merged across unassigned code points, and planes 2 and 3 are wide by default.
private let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
    0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
    0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
    0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
    0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
    0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55, 0x2E80...0x303E,
    0x3041...0x3247, 0x3250...0x4DBF, 0x4E00...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3, 0xF900...0xFAD9,
    0xFE10...0xFE19, 0xFE30...0xFE6B, 0xFF01...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x1B2FB, 0x1F004...0x1F004,
    0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F320, 0x1F32D...0x1F335,
    0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0,
    0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440...0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D,
    0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A...0x1F57A, 0x1F595...0x1F596, 0x1F5A4...0x1F5A4,
    0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6DF,
    0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7F0, 0x1F90C...0x1F93A, 0x1F93C...0x1F945,
    0x1F947...0x1F9FF, 0x1FA70...0x1FAF6, 0x20000...0x3FFFD,
]
