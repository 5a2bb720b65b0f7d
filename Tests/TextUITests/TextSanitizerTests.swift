import Testing
import TextUI

@Suite struct TextSanitizerTests {
    @Test func plainASCIIIsUnchanged() {
        #expect(TextSanitizer.sanitized("Market St, San Francisco") == "Market St, San Francisco")
        #expect(TextSanitizer.sanitized("") == "")
    }

    @Test(arguments: [
        ("a\u{0}b\u{1}c\u{7}d\u{8}e\u{1F}f", "abcdef"),  // C0
        ("a\u{7F}b", "ab"),  // DEL
        ("a\u{80}b\u{85}c\u{99}d", "ab cd"),  // C1; NEL is a line break
        ("a\u{9C}b", "ab"),  // a stray ST
    ])
    func controlCharactersAreRemoved(input: String, expected: String) {
        #expect(TextSanitizer.sanitized(input) == expected)
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

    @Test(arguments: [
        ("\u{1B}[31mred\u{1B}[0m", "red"),  // SGR
        ("\u{1B}[2J\u{1B}[H!", "!"),  // clear screen, home
        ("\u{1B}[?1049hx", "x"),  // private parameters
        ("\u{1B}[1;31;4mx", "x"),
        ("a\u{9B}31mb", "ab"),  // 8-bit CSI
        ("a\u{1B}[", "a"),  // unterminated CSI at the end
        ("a\u{1B}[12\u{7}b", "ab"),  // a control aborts the sequence, then is removed itself
    ])
    func controlSequencesAreRemoved(input: String, expected: String) {
        #expect(TextSanitizer.sanitized(input) == expected)
    }

    @Test(arguments: [
        ("a\u{1B}]0;pwned title\u{7}b", "ab"),  // OSC ended by BEL
        ("a\u{1B}]8;;https://evil.example\u{1B}\\link\u{1B}]8;;\u{1B}\\b", "alinkb"),  // OSC 8 ended by ST
        ("a\u{9D}0;title\u{9C}b", "ab"),  // 8-bit OSC and ST
        ("a\u{1B}]52;c;ZXZpbA==\u{7}b", "ab"),  // clipboard write
        ("a\u{1B}]0;never ends", "a"),  // unterminated: the rest is swallowed
        ("a\u{1B}]0;x\u{18}b", "ab"),  // CAN aborts
        ("a\u{1B}]0;x\u{1B}[31mb", "ab"),  // ESC ends the string and starts a new sequence
    ])
    func operatingSystemCommandsAreRemoved(input: String, expected: String) {
        #expect(TextSanitizer.sanitized(input) == expected)
    }

    @Test(arguments: [
        ("a\u{1B}P1$r0m\u{1B}\\b", "ab"),  // DCS
        ("a\u{90}q#0;2;0;0;0\u{9C}b", "ab"),  // 8-bit DCS (sixel)
        ("a\u{1B}Xsos\u{1B}\\b", "ab"),  // SOS
        ("a\u{1B}^pm\u{1B}\\b", "ab"),  // PM
        ("a\u{1B}_apc\u{1B}\\b", "ab"),  // APC
        ("a\u{9F}apc\u{9C}b", "ab"),
    ])
    func deviceControlAndOtherStringsAreRemoved(input: String, expected: String) {
        #expect(TextSanitizer.sanitized(input) == expected)
    }

    @Test(arguments: [
        ("a\u{1B}cb", "ab"),  // reset
        ("a\u{1B}(Bb", "ab"),  // charset designation
        ("a\u{1B}#8b", "ab"),  // screen alignment test
        ("a\u{1B}7\u{1B}8b", "ab"),  // save and restore cursor
        ("a\u{1B}", "a"),
        ("a\u{1B}\u{1B}[mb", "ab"),
        ("a\u{1B}éb", "aéb"),  // a stray ESC before a letter that cannot end a sequence
    ])
    func otherEscapesAreRemoved(input: String, expected: String) {
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
        ("\u{1B}[31m\u{301}ab", "ab"),  // still the start after an escape sequence
        ("\u{1}\u{301}", ""),
        (" \u{301}ab", " \u{301}ab"),  // a space is a base
    ])
    func marksWithNothingToJoinAtTheStartAreRemoved(input: String, expected: String) {
        #expect(TextSanitizer.sanitized(input) == expected)
    }

    @Test func prependedMarksAtTheEndAreRemoved() {
        #expect(TextSanitizer.sanitized("ab\u{D4E}") == "ab")
        #expect(TextSanitizer.sanitized("ab\u{D4E}\u{D4E}\u{1}") == "ab")
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
