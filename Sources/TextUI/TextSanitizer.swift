/// Makes text from the outside world safe to draw: what it returns holds no terminal control and no
/// invisible character that could reorder or hide what the user reads.
///
/// Shown as U+FFFD (`�`), one per code point, so that text with a control never looks like text without it:
/// - C0 controls (U+0000-001F, NUL included), DEL (U+007F) and C1 controls (U+0080-009F), ESC and the C1
///   introducers among them. What followed an escape (`[31m`, `]0;title`) is then plain text, shown as is:
///   without its ESC it does nothing to the terminal.
///
/// Removed:
/// - every format character (general category Cf), which covers the bidirectional embeddings, overrides and
///   isolates (U+202A-202E, U+2066-2069), the marks U+200E, U+200F and U+061C, zero-width spaces and joiners
///   that only hide things (U+200B, U+2060, U+FEFF), the soft hyphen and the tag characters U+E0000-E007F
///   (which can smuggle invisible text; subdivision flags fall back to a plain black flag). Kept: ZERO WIDTH
///   JOINER and NON-JOINER (U+200D, U+200C), which build emoji sequences and shape Persian and Indic text;
/// - noncharacters (U+FDD0-FDEF and U+xFFFE/xFFFF);
/// - nonspacing and enclosing marks past the fourth on one character (stacked "Zalgo" marks overflow the row
///   above and below; four is what an ncurses cell holds beside its base character);
/// - at the start, anything that would join the character before it (combining and spacing marks, ZWJ, ZWNJ,
///   emoji modifiers, variation selectors), and at the end, prepended marks that would join the character
///   after it (such as U+0D4E): text drawn beside other text must not change its neighbour or its own width.
///
/// Turned into one space each: tab, line feed, carriage return (CR LF counts once), vertical tab, form feed,
/// NEL (U+0085), and the line and paragraph separators U+2028 and U+2029.
///
/// Text that held a control or invisible character and is left with nothing visible (only `�` and spaces, or
/// nothing) reads `unprintable`, so a handle of control characters is not an empty or `���` row. Nothing else
/// changes; never traps.
public enum TextSanitizer {
    /// What text made only of controls and invisible characters reads as.
    public static let unprintable = "(unprintable)"

    /// Marks kept on one character; see the type's summary.
    public static let maximumMarksPerCharacter = 4

    /// `text` with controls shown as `�`, without invisible format characters; line breaks and tabs become
    /// spaces; `unprintable` when nothing visible is left. ASCII text without controls is returned as is.
    public static func sanitized(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var machine = Machine()
        machine.output.reserveCapacity(text.unicodeScalars.underestimatedCount)
        for scalar in text.unicodeScalars {
            machine.consume(scalar)
        }
        // NB: the mirror of the leading marks below (fuzz/text.swift): a prepended mark at the end joins
        // whatever is drawn after it, such as a table's padding (grapheme rule GB9b).
        while let last = machine.output.last, last.value >= 0x80, joins(last, "a") {
            machine.output.removeLast()
        }
        if machine.hasHiddenSomething && machine.output.allSatisfy({ $0 == " " || $0 == replacement }) {
            return unprintable
        }
        return String(String.UnicodeScalarView(machine.output))
    }

    /// What a control character is shown as.
    static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// True when `first` and `second` form one character (Swift's grapheme breaking, as `displayWidth` uses).
    static func joins(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Bool {
        var pair = String.UnicodeScalarView()
        pair.append(first)
        pair.append(second)
        return String(pair).count == 1
    }

    private struct Machine {
        var output: [Unicode.Scalar] = []
        var lastWasCarriageReturn = false
        var marksOnCharacter = 0
        /// True once a control was replaced or an invisible character removed.
        var hasHiddenSomething = false

        mutating func consume(_ scalar: Unicode.Scalar) {
            let value = scalar.value
            let afterCarriageReturn = lastWasCarriageReturn
            lastWasCarriageReturn = false
            if value >= 0x20 && value < 0x7F {
                marksOnCharacter = 0
                output.append(scalar)
                return
            }
            switch value {
            case 0x0D:
                lastWasCarriageReturn = true
                appendSpace()
            case 0x0A:
                if !afterCarriageReturn { appendSpace() }
            case 0x09, 0x0B, 0x0C, 0x85, 0x2028, 0x2029:
                appendSpace()
            case 0x00...0x1F, 0x7F...0x9F:
                hasHiddenSomething = true
                marksOnCharacter = 0
                output.append(TextSanitizer.replacement)
            case 0x200C, 0x200D:
                if output.isEmpty { return }  // nothing to join; see the leading marks below
                marksOnCharacter = 0
                output.append(scalar)
            case 0xFDD0...0xFDEF:
                hasHiddenSomething = true
            default:
                if value & 0xFFFE == 0xFFFE {
                    hasHiddenSomething = true
                    return
                }
                switch scalar.properties.generalCategory {
                case .format:
                    hasHiddenSomething = true
                    return
                case .nonspacingMark, .enclosingMark:
                    marksOnCharacter += 1
                    if marksOnCharacter > TextSanitizer.maximumMarksPerCharacter { return }
                default:
                    marksOnCharacter = 0
                }
                // NB: found by fuzz/text.swift: a leading mark joined the space before it in a table line
                // (grapheme rules GB9 and GB9a), so the line measured one column short of its widths.
                if output.isEmpty && TextSanitizer.joins("a", scalar) { return }
                output.append(scalar)
            }
        }

        mutating func appendSpace() {
            marksOnCharacter = 0
            output.append(" ")
        }
    }
}
