import Testing
import TextUI

@Suite struct ASCIIFoldingTests {
    @Test(arguments: [
        ("São Paulo", "Sao Paulo"), ("Zürich", "Zurich"), ("Łódź", "Lodz"), ("Straße", "Strasse"),
        ("Æbeltoft", "AEbeltoft"), ("Tromsø", "Tromso"), ("Reykjavík", "Reykjavik"), ("Þórshöfn", "Thorshofn"),
        ("Ðakovo", "Dakovo"), ("Œuvre", "OEuvre"), ("İstanbul", "Istanbul"), ("Kraków", "Krakow"),
        ("Crème brûlée", "Creme brulee"), ("Nguyễn", "Nguyen"), ("e\u{301}", "e"),
        ("it’s", "it's"), ("“quoted”", "\"quoted\""), ("a–b—c", "a-b-c"), ("wait…", "wait..."),
        ("«a»", "<<a>>"), ("1\u{A0}000", "1 000"), ("ＡＢＣ", "ABC"), ("ﬁne", "fine"), ("x²", "x2"),
    ])
    func foldsToASCII(text: String, expected: String) {
        #expect(asciiFolded(text) == expected)
    }

    @Test(arguments: [
        ("Москва", "Moskva"), ("東京", "dong jing"), ("Αθήνα", "Athena"), ("上海市, São Paulo", "shang hai shi, Sao Paulo"),
    ])
    func otherScriptsAreTransliteratedBeforeAnyQuestionMark(text: String, expected: String) {
        #expect(asciiFolded(text) == expected)
    }

    @Test(arguments: [
        ("😀!", "?!"), ("👨\u{200D}👩\u{200D}👧", "?"), ("🇫🇷", "?"),
        ("⣿", "?"),
    ])
    func otherCharactersBecomeOneQuestionMarkEach(text: String, expected: String) {
        #expect(asciiFolded(text) == expected)
    }

    @Test func asciiIsUnchanged() {
        #expect(asciiFolded("plain ASCII ~!") == "plain ASCII ~!")
    }

    @Test func resultIsAlwaysASCII() {
        var scalars = String.UnicodeScalarView()
        for value in UInt32(0xA0)...0x3000 {
            if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
        }
        #expect(asciiFolded(String(scalars)).utf8.allSatisfy { $0 < 0x80 })
    }
}
