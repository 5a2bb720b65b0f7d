import Testing
import TextUI

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("", 0), ("abc", 3), ("a b", 3),
        ("日本", 4), ("東京都", 6), ("한국어", 6), ("ｶﾀｶﾅ", 4), ("ＡＢ", 4),
        ("e\u{301}", 1), ("São Paulo", 9), ("ä", 1),
        ("😀", 2), ("👍🏽", 2), ("👨\u{200D}👩\u{200D}👧", 2), ("❤\u{FE0F}", 2), ("❤", 1),
        ("🇫🇷", 2), ("🇯🇵🇺🇸", 4),
        ("\u{301}", 0), ("\u{200D}", 0), ("\u{1B}", 0),
        ("⣿⠁", 2), ("┌─┐", 3), ("…", 1),
        ("한", 2), ("\u{1100}\u{1161}\u{11A8}", 2),
    ])
    func widths(text: String, expected: Int) {
        #expect(displayWidth(of: text) == expected)
    }

    @Test func characterWidths() {
        #expect(displayWidth(of: Character("a")) == 1)
        #expect(displayWidth(of: Character("日")) == 2)
        #expect(displayWidth(of: Character("e\u{301}")) == 1)
        #expect(displayWidth(of: Character("🇩🇪")) == 2)
    }

    @Test func unassignedCodePointsInCJKPlanesAreWide() {
        #expect(displayWidth(of: "\u{2A6DF}") == 2)
    }

    @Test(arguments: [
        ("Market Street", 20, "Market Street"),
        ("Market Street", 13, "Market Street"),
        ("Market Street", 12, "Market Stre…"),
        ("Market Street", 7, "Market…"),
        ("Market Street", 1, "…"),
        ("Market Street", 0, ""),
        ("Market Street", -3, ""),
        ("日本語の住所", 7, "日本語…"),
        ("日本語の住所", 6, "日本…"),
        ("Cafe\u{301} de Flore", 6, "Café…"),
    ])
    func truncationByWidth(text: String, width: Int, expected: String) {
        let result = truncated(text, toWidth: width)
        #expect(result == expected)
        #expect(displayWidth(of: result) <= max(width, 0))
    }

    @Test(arguments: [
        ("São Paulo, Brazil", 20, "Sao Paulo, Brazil"),
        ("São Paulo, Brazil", 12, "Sao Paulo..."),
        ("abcdef", 3, "..."),
        ("abcdef", 2, ".."),
        ("Straße", 6, "Str..."),
    ])
    func asciiTruncationUsesThreeDots(text: String, width: Int, expected: String) {
        #expect(truncated(text, toWidth: width, ascii: true) == expected)
    }

    @Test func truncationSanitises() {
        #expect(truncated("a\u{1B}[31mbcdef", toWidth: 4) == "a\u{FFFD}[…")
    }
}

@Suite struct DisplayWidthShortcutTests {
    @Test(arguments: ["São Paulo", "Łódź", "ひらがな", "カタカナ", "東京", "서울", "が", "ガ", "각", "日本ー", "ŉ ʼ"])
    func textWidthIsTheSumOfItsCharacters(text: String) {
        #expect(displayWidth(of: text) == text.reduce(0) { $0 + displayWidth(of: $1) })
    }

    @Test func decomposedKanaAndJamoCombine() {
        #expect(displayWidth(of: "か\u{3099}") == 2)
        #expect(displayWidth(of: "가\u{11A8}") == 2)
        var buffer = CellBuffer(width: 4, height: 1)
        #expect(buffer.put("か\u{3099}가\u{11A8}", x: 0, y: 0) == 4)
        #expect(buffer.text == "か\u{3099}가\u{11A8}")
    }
}
