/// Makes text from the outside world safe to draw: what it returns holds no terminal control and no
/// invisible character that could reorder or hide what the user reads.
///
/// Removed:
/// - C0 controls (U+0000-001F), DEL (U+007F) and C1 controls (U+0080-009F);
/// - escape sequences, whole: CSI (`ESC [` or U+009B, parameters, intermediates, final byte), strings
///   (OSC `ESC ]` / U+009D, DCS `ESC P` / U+0090, SOS `ESC X` / U+0098, PM `ESC ^` / U+009E,
///   APC `ESC _` / U+009F) up to BEL or ST (`ESC \` or U+009C), and other escapes (`ESC` plus intermediates
///   plus one final byte, such as `ESC ( B` or `ESC c`). An unterminated string swallows the rest of the text,
///   as a terminal would; CAN and SUB abort a string, and a stray `ESC` before anything else is dropped alone;
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
/// NEL (U+0085), and the line and paragraph separators U+2028 and U+2029. Nothing else changes; never traps.
public enum TextSanitizer {
    /// Marks kept on one character; see the type's summary.
    public static let maximumMarksPerCharacter = 4

    /// `text` without controls, escape sequences and invisible format characters; line breaks and tabs
    /// become spaces. ASCII text without controls is returned as is.
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
        return String(String.UnicodeScalarView(machine.output))
    }

    /// True when `first` and `second` form one character (Swift's grapheme breaking, as `displayWidth` uses).
    static func joins(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Bool {
        var pair = String.UnicodeScalarView()
        pair.append(first)
        pair.append(second)
        return String(pair).count == 1
    }

    private enum State {
        case text, escape, escapeIntermediate, controlSequence, controlString, controlStringEscape
    }

    private struct Machine {
        var state = State.text
        var output: [Unicode.Scalar] = []
        var lastWasCarriageReturn = false
        var marksOnCharacter = 0

        mutating func consume(_ scalar: Unicode.Scalar) {
            let value = scalar.value
            switch state {
            case .text:
                consumeText(scalar)
            case .escape:
                consumeAfterEscape(scalar)
            case .escapeIntermediate:
                if (0x20...0x2F).contains(value) { return }
                state = .text
                if (0x30...0x7E).contains(value) { return }
                consumeText(scalar)
            case .controlSequence:
                if (0x20...0x3F).contains(value) { return }
                state = .text
                if (0x40...0x7E).contains(value) { return }
                if value == 0x1B {
                    state = .escape
                    return
                }
                consumeText(scalar)
            case .controlString:
                switch value {
                case 0x07, 0x9C, 0x18, 0x1A: state = .text
                case 0x1B: state = .controlStringEscape
                default: break
                }
            case .controlStringEscape:
                if value == 0x5C {
                    state = .text
                } else {
                    // NB: xterm ends the string at any ESC and starts a new escape sequence with it.
                    consumeAfterEscape(scalar)
                }
            }
        }

        mutating func consumeAfterEscape(_ scalar: Unicode.Scalar) {
            let value = scalar.value
            switch value {
            case 0x5B: state = .controlSequence
            case 0x5D, 0x50, 0x58, 0x5E, 0x5F: state = .controlString
            case 0x1B: state = .escape
            case 0x20...0x2F: state = .escapeIntermediate
            case 0x30...0x7E: state = .text
            default:
                state = .text
                consumeText(scalar)
            }
        }

        mutating func consumeText(_ scalar: Unicode.Scalar) {
            let value = scalar.value
            let afterCarriageReturn = lastWasCarriageReturn
            lastWasCarriageReturn = false
            if value >= 0x20 && value < 0x7F {
                marksOnCharacter = 0
                output.append(scalar)
                return
            }
            switch value {
            case 0x1B:
                state = .escape
            case 0x9B:
                state = .controlSequence
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F:
                state = .controlString
            case 0x0D:
                lastWasCarriageReturn = true
                appendSpace()
            case 0x0A:
                if !afterCarriageReturn { appendSpace() }
            case 0x09, 0x0B, 0x0C, 0x85, 0x2028, 0x2029:
                appendSpace()
            case 0x00...0x1F, 0x7F...0x9F:
                break
            case 0x200C, 0x200D:
                if output.isEmpty { return }  // nothing to join; see the leading marks below
                marksOnCharacter = 0
                output.append(scalar)
            case 0xFDD0...0xFDEF:
                break
            default:
                if value & 0xFFFE == 0xFFFE { return }
                switch scalar.properties.generalCategory {
                case .format:
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
