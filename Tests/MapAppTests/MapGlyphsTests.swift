import Testing

@testable import MapApp

@Test func brailleGlyphsAreTheBrailleBlock() {
    #expect(MapGlyphs.braille[0] == "\u{2800}")
    #expect(MapGlyphs.braille[0xFF] == "⣿")
    #expect(MapGlyphs.braille[0x01 | 0x08] == "⠉")
}

private let shapes: [(UInt8, Character)] = [
    (0, " "),
    (0x09, "-"),  // top row
    (0x12, "-"),
    (0xC0, "_"),  // bottom row
    (0x47, "|"),  // left column
    (0x18, "|"),
    (0x5C, "/"),  // bottom-left to top-right
    (0xA3, "\\"),  // top-left to bottom-right
    (0x01, "'"), (0x80, "."),
    (0xFF, "#"),
]

@Test(arguments: shapes)
func asciiGlyphsFollowTheShape(pattern: UInt8, glyph: Character) {
    #expect(MapGlyphs.ascii[Int(pattern)] == glyph)
}

@Test func asciiGlyphsAreSevenBit() {
    for glyph in MapGlyphs.ascii { #expect(glyph.isASCII) }
}

@Test func asciiGlyphsNeverReadAsMarkers() {
    for glyph in MapGlyphs.ascii {
        #expect(glyph != "+" && glyph != "*" && !glyph.isNumber && !glyph.isUppercase)
    }
}
