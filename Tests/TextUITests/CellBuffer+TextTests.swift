import TestSupport
import Testing
import TextUI

@Suite struct CellBufferTextTests {
    @Test func putWritesAndReturnsColumns() {
        var buffer = CellBuffer(width: 8, height: 1)
        #expect(buffer.put("abc", x: 1, y: 0) == 3)
        #expect(buffer.text == " abc    ")
    }

    @Test func putClipsAtTheRightEdge() {
        var buffer = CellBuffer(width: 5, height: 1)
        #expect(buffer.put("abcdefgh", x: 2, y: 0) == 3)
        #expect(buffer.text == "  abc")
    }

    @Test func putClipsAtTheLeftEdge() {
        var buffer = CellBuffer(width: 5, height: 1)
        #expect(buffer.put("abcdef", x: -3, y: 0) == 6)
        #expect(buffer.text == "def  ")
    }

    @Test(arguments: [-1, 2, 100, Int.min, Int.max])
    func putOnRowsOutsideWritesNothing(y: Int) {
        var buffer = CellBuffer(width: 4, height: 2)
        buffer.put("abcd", x: 0, y: y)
        #expect(buffer.text == "    \n    ")
    }

    @Test(arguments: [4, 9, Int.max])
    func putPastTheRightEdgeWritesNothing(x: Int) {
        var buffer = CellBuffer(width: 4, height: 1)
        #expect(buffer.put("abcd", x: x, y: 0) == 0)
        #expect(buffer.text == "    ")
    }

    @Test func putFarLeftDoesNotOverflow() {
        var buffer = CellBuffer(width: 4, height: 1)
        #expect(buffer.put("ab", x: Int.min, y: 0, maxWidth: Int.max) == 2)
        #expect(buffer.put("ab", x: 0, y: 0, maxWidth: Int.max) == 2)
        #expect(buffer.text == "ab  ")
    }

    /// Found by fuzz/text.swift: with x this far left, `width - x` overflowed and maxWidth was ignored.
    @Test(arguments: [Int.min, Int.min + 1, -Int.max + 3])
    func putFarLeftStillStopsAtMaxWidth(x: Int) {
        var buffer = CellBuffer(width: 4, height: 1)
        #expect(buffer.put(String(repeating: "a", count: 40), x: x, y: 0, maxWidth: 12) == 12)
        #expect(buffer.text == "    ")
    }

    @Test func putStopsAtMaxWidth() {
        var buffer = CellBuffer(width: 10, height: 1)
        #expect(buffer.put("abcdef", x: 1, y: 0, maxWidth: 3) == 3)
        #expect(buffer.put("xyz", x: 6, y: 0, maxWidth: 0) == 0)
        #expect(buffer.put("xyz", x: 6, y: 0, maxWidth: -2) == 0)
        #expect(buffer.text == " abc      ")
    }

    @Test func putAppliesTheStyle() {
        var buffer = CellBuffer(width: 4, height: 1)
        buffer.put("ab", x: 1, y: 0, style: Style(attributes: .bold))
        #expect(styleMask(buffer) == " bb ")
    }

    @Test func wideCharactersTakeTwoCells() {
        var buffer = CellBuffer(width: 6, height: 1)
        #expect(buffer.put("日本", x: 1, y: 0) == 4)
        #expect(buffer.text == " 日本 ")
        #expect(buffer[1, 0].character == "日")
        #expect(buffer[2, 0].isContinuation)
        #expect(!buffer[3, 0].isContinuation)
        #expect(buffer[4, 0].isContinuation)
    }

    @Test func wideCharacterAtTheRightEdgeBecomesASpace() {
        var buffer = CellBuffer(width: 4, height: 1)
        buffer.fill(buffer.bounds, with: Cell("."))
        #expect(buffer.put("a日本", x: 0, y: 0) == 4)
        #expect(buffer.text == "a日 ")
        #expect(!buffer[3, 0].isContinuation)
    }

    @Test func wideCharacterAtMaxWidthBecomesASpace() {
        var buffer = CellBuffer(width: 6, height: 1)
        buffer.fill(buffer.bounds, with: Cell("."))
        #expect(buffer.put("日本", x: 0, y: 0, maxWidth: 3) == 3)
        #expect(buffer.text == "日 ...")
    }

    @Test func wideCharacterCutAtTheLeftEdgeLeavesASpace() {
        var buffer = CellBuffer(width: 4, height: 1)
        buffer.fill(buffer.bounds, with: Cell("."))
        #expect(buffer.put("日本", x: -1, y: 0) == 4)
        #expect(buffer.text == " 本.")
        #expect(!buffer[0, 0].isContinuation)
    }

    @Test func combiningMarksStayWithTheirLetter() {
        var buffer = CellBuffer(width: 4, height: 1)
        #expect(buffer.put("e\u{301}x", x: 0, y: 0) == 2)
        #expect(buffer[0, 0].character == "e\u{301}")
        #expect(buffer[1, 0].character == "x")
        #expect(buffer.put("\u{301}y", x: 2, y: 0) == 1)
        #expect(buffer.text == "e\u{301}xy ")
    }

    @Test func emojiAndFlagsAreWide() {
        var buffer = CellBuffer(width: 6, height: 1)
        #expect(buffer.put("🇫🇷😀a", x: 0, y: 0) == 5)
        #expect(buffer.text == "🇫🇷😀a ")
    }

    @Test func overwritingTheLeftHalfOfAWideCharacterBlanksTheRightHalf() {
        var buffer = CellBuffer(width: 4, height: 1)
        buffer.put("日本", x: 0, y: 0)
        buffer.put("x", x: 2, y: 0)
        #expect(buffer.text == "日x ")
        #expect(!buffer[3, 0].isContinuation)
    }

    @Test func overwritingTheRightHalfOfAWideCharacterBlanksTheLeftHalf() {
        var buffer = CellBuffer(width: 4, height: 1)
        buffer.put("日本", x: 0, y: 0)
        buffer.put("x", x: 1, y: 0)
        #expect(buffer.text == " x本")
    }

    @Test func wideOverWideAtAnOffsetLeavesNoOrphans() {
        var buffer = CellBuffer(width: 6, height: 1)
        buffer.put("日本語", x: 0, y: 0)
        buffer.put("中", x: 1, y: 0)
        #expect(buffer.text == " 中 語")
        #expect(buffer.cells.map(\.isContinuation) == [false, false, true, false, false, true])
    }

    @Test func subscriptWritesKeepWideCharactersWhole() {
        var buffer = CellBuffer(width: 4, height: 1)
        buffer.put("日本", x: 0, y: 0)
        buffer[1, 0] = Cell("+")
        #expect(buffer.text == " +本")
    }

    @Test func putSanitisesHostileText() {
        var buffer = CellBuffer(width: 20, height: 1)
        let columns = buffer.put("\u{1B}]0;x\u{7}a\u{1B}[31mb\u{202E}c\nd", x: 0, y: 0)
        #expect(columns == 16)
        #expect(buffer.text == "\u{FFFD}]0;x\u{FFFD}a\u{FFFD}[31mbc d    ")
    }

    @Test func putFoldsToASCIIWhenAsked() {
        var buffer = CellBuffer(width: 12, height: 1)
        #expect(buffer.put("São 東京", x: 0, y: 0, ascii: true) == 12)
        #expect(buffer.text == "Sao dong jin", "transliterated, then clipped")
    }

    @Test func fillIsClippedAndReplacesWideCharacters() {
        var buffer = CellBuffer(width: 5, height: 3)
        buffer.put("日本", x: 0, y: 1)
        buffer.fill(Rect(x: 1, y: 1, width: 10, height: 10), with: Cell("#"))
        buffer.fill(Rect(x: -2, y: -2, width: 3, height: 3), with: Cell("日"))
        #expect(buffer.text == "     \n ####\n ####")
        #expect(buffer.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func boxWithTitle() {
        var buffer = CellBuffer(width: 12, height: 4)
        buffer.drawBox(buffer.bounds, title: "People")
        #expect(
            buffer.text == """
                ┌─ People ─┐
                │          │
                │          │
                └──────────┘
                """)
    }

    @Test func asciiBoxWithLongTitle() {
        var buffer = CellBuffer(width: 12, height: 3)
        buffer.drawBox(buffer.bounds, ascii: true, title: "Participants\u{1B}[2J")
        #expect(
            buffer.text == """
                +- Par... -+
                |          |
                +----------+
                """)
    }

    @Test func boxIsClippedAndTinyBoxesDrawNothing() {
        var buffer = CellBuffer(width: 4, height: 3)
        buffer.drawBox(Rect(x: 2, y: 1, width: 10, height: 10))
        buffer.drawBox(Rect(x: 0, y: 0, width: 1, height: 5))
        buffer.drawBox(Rect(x: 500, y: 500, width: 1000, height: 1000))
        #expect(buffer.text == "    \n  ┌─\n  │ ")
    }
}

/// Random hostile strings against the text path: no control survives, sanitising twice changes nothing, and
/// the buffer never holds a wide character without its continuation or a continuation without its character.
@Suite struct CellBufferTextPropertyTests {
    private static let alphabet: [String] = [
        "a", "Z", "0", ";", "[", "]", "P", "\\", "(", "#", " ", "~", "\u{1B}", "\u{7}", "\u{9B}", "\u{9C}", "\u{9D}",
        "\u{90}", "\u{18}", "\u{0}", "\u{7F}", "\u{85}", "\r", "\n", "\t", "\u{301}", "\u{20DD}", "日", "한", "ｶ",
        "😀", "🏽", "\u{200D}", "\u{FE0F}", "🇫", "🇷", "\u{202E}", "\u{2066}", "\u{200B}", "\u{E0041}", "é", "ß",
        "ñ", "ʼ", "\u{AD}", "あ", "ア", "ー", "\u{3099}", "가", "\u{11A8}", "\u{1161}", "中",
    ]

    @Test func randomTextKeepsTheBufferConsistent() {
        var random = SplitMix64(seed: 0x5EED)
        for _ in 0..<2000 {
            let length = Int(random.next() % 24)
            let text = (0..<length).map { _ in Self.alphabet[Int(random.next() % UInt64(Self.alphabet.count))] }
                .joined()
            let clean = TextSanitizer.sanitized(text)
            #expect(
                !clean.unicodeScalars.contains {
                    $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
                        || $0.properties.generalCategory == .format
                            && $0.value != 0x200D
                }, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(TextSanitizer.sanitized(clean) == clean)
            #expect(displayWidth(of: clean) == clean.reduce(0) { $0 + displayWidth(of: $1) })

            var buffer = CellBuffer(width: 7, height: 2)
            for _ in 0..<3 {
                let x = Int(random.next() % 11) - 2
                let maxWidth = random.next() % 3 == 0 ? Int(random.next() % 6) : nil
                let ascii = random.next() % 4 == 0
                let used = buffer.put(text, x: x, y: Int(random.next() % 2), maxWidth: maxWidth, ascii: ascii)
                #expect(used >= 0 && used <= max(0, 7 - x))
                if let maxWidth { #expect(used <= maxWidth) }
            }
            #expect(isConsistent(buffer), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    private func isConsistent(_ buffer: CellBuffer) -> Bool {
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                let isLead = !cell.isContinuation && displayWidth(of: cell.character) == 2
                let nextIsContinuation = x + 1 < buffer.width && buffer[x + 1, y].isContinuation
                if isLead != nextIsContinuation { return false }
                if cell.isContinuation && x == 0 { return false }
            }
        }
        return true
    }
}

/// A small seeded generator, so that random tests repeat exactly.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Cells keep their grapheme inline: every grapheme of one to four scalars comes back unchanged.
@Test(arguments: ["a", " ", "é", "e\u{301}", "東", "😀", "👍🏽", "🇫🇷", "❤\u{FE0F}", "⠿", "a\u{301}\u{301}\u{301}\u{301}"])
func cellsKeepTheirGrapheme(text: String) throws {
    let character = try #require(text.first)
    #expect(Cell(character).character == character)
    #expect(Cell(character).glyph.unicodeScalars.elementsEqual(character.unicodeScalars))
    var buffer = CellBuffer(width: 4, height: 1)
    buffer[1, 0] = Cell(character)
    #expect(buffer.text == " " + text + "  ")
}

@Test func graphemesLongerThanFifteenBytesKeepTheirLeadingScalars() throws {
    let family = try #require("👨\u{200D}👩\u{200D}👧\u{200D}👦".first)
    #expect(Cell(family).character == "👨\u{200D}👩\u{200D}")
    #expect(Cell(scalar: "⠁").character == "⠁")
}
