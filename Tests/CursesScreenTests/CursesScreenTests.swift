import CNcurses
import Foundation
import Testing
import TextUI

@testable import CursesScreen

/// ncurses is global state: every test here runs one at a time, on a `newterm` screen writing to /dev/null.
@Suite(.serialized) struct CursesScreenTests {
    /// Runs `body` with a headless 20x4 screen of `term`, then ends it.
    private func withHeadlessScreen(
        term: String = "xterm-256color", colors: ColorRequest = .auto, ascii: Bool = false,
        _ body: (CursesScreen, UnsafeMutablePointer<WINDOW>) throws -> Void
    ) throws {
        setlocale(LC_ALL, "C.UTF-8")
        let output = try #require(fopen("/dev/null", "w"))
        let input = try #require(fopen("/dev/null", "r"))
        defer {
            fclose(output)
            fclose(input)
        }
        let screen = try #require(newterm(term, output, input))
        resizeterm(4, 20)
        let window = try #require(cn_stdscr())
        let cursesScreen = CursesScreen.configure(
            screen: screen, window: window, colors: colors, noColor: false, ascii: ascii, resizes: try Inbox())
        defer { cursesScreen.close() }
        try body(cursesScreen, window)
    }

    /// The characters of row `y` as ncurses stores them (wide characters once, as the terminal shows them).
    private func row(_ y: Int32, of window: UnsafeMutablePointer<WINDOW>, width: Int32 = 20) -> String {
        var characters = [wchar_t](repeating: 0, count: Int(width) + 1)
        wmove(window, y, 0)
        winnwstr(window, &characters, width)
        let scalars = characters.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
        return String(String.UnicodeScalarView(scalars))
    }

    /// The attributes and colour pair stored at `(x, y)`.
    private func style(at x: Int32, _ y: Int32, of window: UnsafeMutablePointer<WINDOW>) -> (attr_t, Int16) {
        var cell = cchar_t()
        wmove(window, y, x)
        win_wch(window, &cell)
        var characters = [wchar_t](repeating: 0, count: 8)
        var attributes: attr_t = 0
        var pair: Int16 = 0
        getcchar(&cell, &characters, &attributes, &pair, nil)
        return (attributes & ~cn_a_color(), pair)
    }

    private func buffer(_ lines: [String], style: Style = .plain) -> CellBuffer {
        var buffer = CellBuffer(width: 20, height: 4)
        for (y, line) in lines.enumerated() {
            var x = 0
            for character in line {
                buffer[x, y] = Cell(character, style: style)
                let isWide = character.unicodeScalars.first.map { cn_wcwidth(wchar_t(bitPattern: $0.value)) == 2 }
                if isWide == true {
                    buffer[x + 1, y] = Cell(" ", style: style, isContinuation: true)
                    x += 2
                } else {
                    x += 1
                }
            }
        }
        return buffer
    }

    @Test func brailleBoxDrawingAndWideCharactersReadBack() throws {
        try withHeadlessScreen { screen, window in
            screen.draw(buffer(["┌──┐ ⠑⠢⣀⡠⠊", "│日本│ é", "└──┘"]))
            #expect(row(0, of: window) == "┌──┐ ⠑⠢⣀⡠⠊" + String(repeating: " ", count: 10))
            #expect(row(1, of: window).hasPrefix("│日本│ é"))
            #expect(row(2, of: window) == "└──┘" + String(repeating: " ", count: 16))
        }
    }

    @Test func theBottomRightCellIsDrawnWithoutScrolling() throws {
        try withHeadlessScreen { screen, window in
            var frame = buffer(["top"])
            frame[19, 3] = Cell("⣿")
            screen.draw(frame)
            #expect(row(0, of: window).hasPrefix("top"))
            #expect(row(3, of: window) == String(repeating: " ", count: 19) + "⣿")
        }
    }

    @Test func aWideCharacterWithoutRoomBecomesASpace() throws {
        try withHeadlessScreen { screen, window in
            var frame = CellBuffer(width: 20, height: 4)
            frame[19, 0] = Cell("日")
            screen.draw(frame)
            #expect(row(0, of: window) == String(repeating: " ", count: 20))
        }
    }

    @Test func aContinuationAfterANarrowCharacterIsBlanked() throws {
        try withHeadlessScreen { screen, window in
            screen.draw(buffer(["abcdef"]))
            var frame = buffer(["a"])
            frame[1, 0] = Cell(" ", isContinuation: true)
            frame[2, 0] = Cell("日")
            frame[3, 0] = Cell(" ", isContinuation: true)
            screen.draw(frame)
            #expect(row(0, of: window).hasPrefix("a 日  "))
        }
    }

    @Test func controlCharactersNeverReachTheTerminal() throws {
        try withHeadlessScreen { screen, window in
            screen.draw(buffer(["a\u{1B}b\u{9B}c\u{7}"]))
            #expect(row(0, of: window).hasPrefix("a?b?c?"))
        }
    }

    @Test func asciiModeDrawsOnlyASCII() throws {
        try withHeadlessScreen(ascii: true) { screen, window in
            #expect(screen.isASCIIOnly)
            screen.draw(buffer(["⣿é-日"]))
            #expect(row(0, of: window).hasPrefix("??-? "))
        }
    }

    @Test func aLargerBufferIsClippedAndASmallerOneLeavesBlanks() throws {
        try withHeadlessScreen { screen, window in
            var wide = CellBuffer(width: 30, height: 6)
            for x in 0..<30 { wide[x, 0] = Cell(Character(String(x % 10))) }
            screen.draw(wide)
            #expect(row(0, of: window) == "01234567890123456789")
            screen.draw(CellBuffer(width: 2, height: 1))
            #expect(row(0, of: window) == String(repeating: " ", count: 20))
        }
    }

    @Test func stylesBecomeAttributesAndColourPairs() throws {
        try withHeadlessScreen { screen, window in
            #expect(screen.colorDepth == .ansi256)
            let warning = Style(foreground: .brightRed, background: .default, attributes: [.bold, .underline])
            var frame = buffer(["x"], style: warning)
            frame[1, 0] = Cell("y", style: Style(foreground: .gray))
            frame[2, 0] = Cell("z", style: Style(attributes: .reverse))
            screen.draw(frame)
            let (boldAttributes, redPair) = style(at: 0, 0, of: window)
            #expect(boldAttributes & cn_a_bold() != 0)
            #expect(boldAttributes & cn_a_underline() != 0)
            var foreground: Int16 = 0
            var background: Int16 = 0
            pair_content(redPair, &foreground, &background)
            #expect((foreground, background) == (9, -1))
            pair_content(style(at: 1, 0, of: window).1, &foreground, &background)
            #expect(foreground == 244)
            #expect(style(at: 2, 0, of: window) == (cn_a_reverse(), 0))
        }
    }

    @Test func monochromeKeepsAttributesOnly() throws {
        try withHeadlessScreen(colors: .never) { screen, window in
            #expect(screen.colorDepth == .none)
            screen.draw(buffer(["x"], style: Style(foreground: .red, attributes: .dim)))
            #expect(style(at: 0, 0, of: window) == (cn_a_dim(), 0))
        }
    }

    @Test func eightColourTerminalsBrightenWithBold() throws {
        try withHeadlessScreen(term: "screen") { screen, window in
            #expect(screen.colorDepth == .ansi8)
            screen.draw(buffer(["x"], style: Style(foreground: .brightGreen)))
            let (attributes, pair) = style(at: 0, 0, of: window)
            #expect(attributes & cn_a_bold() != 0)
            var foreground: Int16 = 0
            var background: Int16 = 0
            pair_content(pair, &foreground, &background)
            #expect(foreground == 2)
        }
    }

    @Test func terminalsWithoutColourAreMonochrome() throws {
        try withHeadlessScreen(term: "vt100") { screen, _ in
            #expect(screen.colorDepth == .none)
        }
    }

    @Test func waitForInputReturnsPostedMessages() throws {
        try withHeadlessScreen { screen, _ in
            let inbox = try Inbox<String>()
            let poster = Thread { inbox.post("poll finished") }
            poster.start()
            var messages: [String] = []
            // Each wait returns on the post (or stdin activity); a broken pipe would only show as a slow test.
            while messages.isEmpty {
                messages += screen.waitForInput(inbox: inbox, timeoutMilliseconds: 60_000).messages
            }
            #expect(messages == ["poll finished"])
        }
    }

    @Test func closeIsIdempotent() throws {
        try withHeadlessScreen { screen, _ in
            screen.close()
            screen.close()
            screen.draw(CellBuffer(width: 1, height: 1))
        }
    }

    static let problems: [(Bool, Bool, String, ScreenError?)] = [
        (false, true, "xterm", .noTerminal),
        (true, false, "xterm", .noTerminal),
        (true, true, "", .terminalTypeUnset),
        (true, true, "dumb", .dumbTerminal("dumb")),
        (true, true, "xterm-256color", nil),
    ]

    @Test(arguments: problems)
    func terminalsCursesCannotDriveAreRefusedEarly(input: Bool, output: Bool, term: String, expected: ScreenError?) {
        #expect(CursesScreen.terminalProblem(inputIsTerminal: input, outputIsTerminal: output, term: term) == expected)
    }

    @Test(arguments: [("dumb", false), ("xterm-256color", true), ("vt100", true)])
    func cursorAddressingIsDetected(term: String, expected: Bool) throws {
        let output = try #require(fopen("/dev/null", "w"))
        let input = try #require(fopen("/dev/null", "r"))
        defer {
            fclose(output)
            fclose(input)
        }
        let screen = try #require(newterm(term, output, input))
        #expect((cn_has_cup() != 0) == expected)
        endwin()
        delscreen(screen)
    }

    @Test func anUnknownTerminalTypeGivesNoScreen() throws {
        let output = try #require(fopen("/dev/null", "w"))
        let input = try #require(fopen("/dev/null", "r"))
        defer {
            fclose(output)
            fclose(input)
        }
        // NB: initscr would print "Error opening terminal" and exit(1); newterm returns NULL.
        #expect(newterm("nosuchterm-linq", output, input) == nil)
    }
}
