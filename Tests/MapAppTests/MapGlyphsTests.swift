import Testing

@testable import MapApp

@Test func brailleGlyphsAreTheBrailleBlock() {
    #expect(MapGlyphs.braille[0] == "\u{2800}")
    #expect(MapGlyphs.braille[0xFF] == "⣿")
    #expect(MapGlyphs.braille[0x01 | 0x08] == "⠉")
}

private let shapes: [(UInt8, Character)] = [
    (0, " "),
    (0x09, "'"),  // top row
    (0x12, "'"),  // second row
    (0xC0, "."),  // bottom row
    (0x47, ":"),  // left column
    (0x5C, ":"),  // a diagonal across both halves
    (0x01, "'"), (0x80, "."),
    (0xFF, ":"),
]

@Test(arguments: shapes)
func asciiGlyphsAreLightDotsByHalf(pattern: UInt8, glyph: Character) {
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

@Test func asciiGlyphsAreOnlyLightDots() {
    #expect(Set(MapGlyphs.ascii) == [" ", ".", "'", ":"])
}
