import Testing
import TextUI

@Suite struct TextSanitizerTests {
    @Test func plainASCIIIsUnchanged() {
        #expect(TextSanitizer.sanitized("Market St, San Francisco") == "Market St, San Francisco")
        #expect(TextSanitizer.sanitized("") == "")
    }

    @Test(arguments: [
        ("a\u{0}b\u{1}c\u{7}d\u{8}e\u{1F}f", "a�b�c�d�e�f"),  // C0, NUL included
        ("a\u{7F}b", "a�b"),  // DEL
        ("a\u{80}b\u{85}c\u{99}d", "a�b c�d"),  // C1; NEL is a line break
        ("a\u{9C}b", "a�b"),  // a stray ST
    ])
    func controlCharactersAreShownAsReplacementCharacters(input: String, expected: String) {
        #expect(TextSanitizer.sanitized(input) == expected)
    }

    @Test func handlesThatDifferOnlyInControlsLookDifferent() {
        let handles = ["+15550100", "+15550100\u{0}", "+1555\u{1B}0100", "\u{0}+15550100"]
        #expect(Set(handles.map(TextSanitizer.sanitized)).count == handles.count)
    }

    @Test(arguments: ["\u{0}", "\u{1}\u{2}\u{3}", "\u{1B}", "\u{7F}\u{9B}", " \u{0} ", "\u{200B}", "\u{202E}\u{1}"])
    func textOfOnlyControlsIsUnprintable(input: String) {
        #expect(TextSanitizer.sanitized(input) == "(unprintable)")
    }

    @Test func whitespaceAloneIsNotUnprintable() {
        #expect(TextSanitizer.sanitized("\t") == " ")
        #expect(TextSanitizer.sanitized("\u{FFFD}") == "\u{FFFD}")
    }

    @Test(arguments: [
        ("line1\nline2", "line1 line2"),
        ("a\r\nb", "a b"),
        ("a\rb", "a b"),
        ("a\n\nb", "a  b"),
        ("a\tb\u{B}c\u{C}d", "a b c d"),
        ("a\u{2028}b\u{2029}c", "a b c"),
    ])
    func lineBreaksAndTabsBecomeSpaces(input: String, expected: String) {
        #expect(TextSanitizer.sanitized(input) == expected)
    }

    /// Without its ESC (or C1 introducer) a sequence does nothing to a terminal; what followed is shown.
    @Test(arguments: [
        ("\u{1B}[31mred\u{1B}[0m", "�[31mred�[0m"),  // SGR
        ("\u{1B}[2J\u{1B}[H!", "�[2J�[H!"),  // clear screen, home
        ("a\u{9B}31mb", "a�31mb"),  // 8-bit CSI
        ("a\u{1B}]0;pwned title\u{7}b", "a�]0;pwned title�b"),  // OSC ended by BEL
        ("a\u{1B}]8;;https://e.example\u{1B}\\link\u{1B}]8;;\u{1B}\\b", "a�]8;;https://e.example�\\link�]8;;�\\b"),
        ("a\u{90}q#0\u{9C}b", "a�q#0�b"),  // 8-bit DCS and ST
        ("a\u{1B}cb", "a�cb"),  // reset
        ("a\u{1B}", "a�"),
    ])
    func escapeSequencesLoseTheirIntroducer(input: String, expected: String) {
        #expect(TextSanitizer.sanitized(input) == expected)
    }

    @Test(arguments: [
        "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}",
        "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
        "\u{200E}", "\u{200F}", "\u{061C}",
    ])
    func bidirectionalControlsAreRemoved(control: String) {
        #expect(TextSanitizer.sanitized("ab\(control)cd") == "abcd")
    }

    @Test func spoofedFileNameIsShownInLogicalOrder() {
        #expect(TextSanitizer.sanitized("invoice\u{202E}fdp.exe") == "invoicefdp.exe")
    }

    @Test(arguments: ["\u{200B}", "\u{2060}", "\u{FEFF}", "\u{AD}", "\u{E0041}", "\u{E0001}"])
    func invisibleCharactersAreRemoved(invisible: String) {
        #expect(TextSanitizer.sanitized("ab\(invisible)cd") == "abcd")
    }

    @Test(arguments: [0xFFFE, 0xFFFF, 0xFDD0, 0x1FFFE, 0x10FFFF] as [UInt32])
    func noncharactersAreRemoved(value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        #expect(TextSanitizer.sanitized("ab" + String(Character(scalar)) + "cd") == "abcd")
    }

    @Test func joinersAndVariationSelectorsAreKept() {
        let family = "👨\u{200D}👩\u{200D}👧"
        #expect(TextSanitizer.sanitized(family) == family)
        #expect(TextSanitizer.sanitized("❤\u{FE0F}") == "❤\u{FE0F}")
        #expect(TextSanitizer.sanitized("می\u{200C}خواهم") == "می\u{200C}خواهم")
    }

    @Test func accentsAndWideTextAreKept() {
        #expect(TextSanitizer.sanitized("São Paulo, 東京, e\u{301}") == "São Paulo, 東京, e\u{301}")
    }

    @Test func stackedMarksAreCapped() {
        let zalgo = "a" + String(repeating: "\u{301}", count: 40) + "b"
        #expect(TextSanitizer.sanitized(zalgo) == "a\u{301}\u{301}\u{301}\u{301}b")
    }

    /// Found by fuzz/text.swift: a mark at the start joined whatever was drawn before it (a table's padding),
    /// so text measured apart no longer added up.
    @Test(arguments: [
        ("\u{93F}\u{92F}", "\u{92F}"),  // a spacing mark (Devanagari vowel sign I)
        ("\u{301}\u{302}ab", "ab"),  // combining marks
        ("\u{200D}ab", "ab"),  // ZWJ
        ("\u{200C}ab", "ab"),  // ZWNJ
        ("\u{FE0F}ab", "ab"),  // a variation selector
        ("\u{1F3FB}ab", "ab"),  // an emoji modifier
        ("\u{1}\u{301}", "�\u{301}"),  // the replacement character is a base
        (" \u{301}ab", " \u{301}ab"),  // a space is a base
    ])
    func marksWithNothingToJoinAtTheStartAreRemoved(input: String, expected: String) {
        #expect(TextSanitizer.sanitized(input) == expected)
    }

    @Test func prependedMarksAtTheEndAreRemoved() {
        #expect(TextSanitizer.sanitized("ab\u{D4E}") == "ab")
        #expect(TextSanitizer.sanitized("ab\u{D4E}\u{D4E}\u{1}") == "ab\u{D4E}\u{D4E}\u{FFFD}")
        #expect(TextSanitizer.sanitized("\u{D4E}ab") == "\u{D4E}ab")
    }

    @Test func cleanTextMeasuresTheSameBesideOtherText() {
        for text in ["\u{93F}\u{92F}", "\u{301}x", "\u{1F3FB}", "x\u{D4E}", "\u{200D}\u{1F600}"] {
            let clean = TextSanitizer.sanitized(text)
            #expect(displayWidth(of: " " + clean + " ") == displayWidth(of: clean) + 2, "\(text.debugDescription)")
        }
    }

    @Test func everyByteValueIsSafe() {
        var scalars = String.UnicodeScalarView()
        for value in UInt32(0)...0x2FF {
            if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
        }
        let clean = TextSanitizer.sanitized(String(scalars))
        #expect(!clean.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }
}
