import CursesScreen
import Testing

@Test func clipboardSequenceIsOSC52WithBase64() {
    #expect(CursesScreen.clipboardSequence("37.7749,-122.4194") == "\u{1B}]52;c;MzcuNzc0OSwtMTIyLjQxOTQ=\u{07}")
}
