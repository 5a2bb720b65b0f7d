import Testing
import TextUI

@Suite struct TextFrameTests {
    private func sample() -> CellBuffer {
        var buffer = CellBuffer(width: 8, height: 3)
        buffer.put("ab", x: 0, y: 0)
        buffer.put("日", x: 3, y: 0, style: Style(foreground: .red))
        buffer.put("ok", x: 0, y: 1, style: Style(attributes: .bold))
        buffer.put("  ", x: 5, y: 1, style: Style(attributes: .reverse))
        return buffer
    }

    @Test func withoutColoursIsPlainTextWithTrailingSpacesTrimmed() {
        #expect(sample().rendered(colors: .none) == "ab 日\nok\n")
    }

    @Test func withColoursEmitsSequencesOnlyWhereTheStyleChanges() {
        let expected = [
            "ab \u{1B}[0;31m日\u{1B}[0m",
            "\u{1B}[0;1mok\u{1B}[0m   \u{1B}[0;7m  \u{1B}[0m",
            "",
        ].joined(separator: "\n")
        #expect(sample().rendered(colors: .ansi8) == expected)
    }

    @Test func runsOfOneStyleShareOneSequence() {
        var buffer = CellBuffer(width: 4, height: 1)
        buffer.put("abcd", x: 0, y: 0, style: Style(foreground: .green, background: .blue, attributes: .underline))
        #expect(buffer.rendered(colors: .ansi256) == "\u{1B}[0;4;32;44mabcd\u{1B}[0m")
    }

    @Test(arguments: [
        (Color.brightRed, ColorDepth.ansi256, "\u{1B}[0;38;5;9mx\u{1B}[0m"),
        (Color.brightRed, ColorDepth.ansi8, "\u{1B}[0;1;31mx\u{1B}[0m"),
        (Color.gray, ColorDepth.ansi256, "\u{1B}[0;38;5;244mx\u{1B}[0m"),
        (Color.gray, ColorDepth.ansi8, "\u{1B}[0;37mx\u{1B}[0m"),
        (Color.red, ColorDepth.none, "x"),
    ])
    func colourCodesPerDepth(color: Color, depth: ColorDepth, expected: String) {
        var buffer = CellBuffer(width: 1, height: 1)
        buffer.put("x", x: 0, y: 0, style: Style(foreground: color))
        #expect(buffer.rendered(colors: depth) == expected)
    }

    @Test func backgroundOnlyAndDim() {
        var buffer = CellBuffer(width: 2, height: 1)
        buffer.put("x", x: 0, y: 0, style: Style(background: .brightBlue, attributes: .dim))
        #expect(buffer.rendered(colors: .ansi256) == "\u{1B}[0;2;48;5;12mx\u{1B}[0m")
    }

    @Test func emptyBufferRendersNothing() {
        #expect(CellBuffer(width: 0, height: 0).rendered(colors: .ansi8) == "")
        #expect(CellBuffer(width: 3, height: 2).rendered(colors: .none) == "\n")
    }
}
