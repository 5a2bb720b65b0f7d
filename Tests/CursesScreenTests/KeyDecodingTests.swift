import CNcurses
import Testing
import TextUI

@testable import CursesScreen

@Suite struct KeyDecodingTests {
    static let characters: [(UInt32, Key?)] = [
        (UInt32(UInt8(ascii: "q")), .character("q")),
        (UInt32(UInt8(ascii: "+")), .character("+")),
        (UInt32(UInt8(ascii: " ")), .character(" ")),
        (0xE9, .character("é")),
        (0x28FF, .character("⣿")),
        (1, .control("a")),
        (12, .control("l")),
        (26, .control("z")),
        (8, .backspace),
        (9, .tab),
        (10, .enter),
        (13, .enter),
        (27, .escape),
        (127, .backspace),
        (0, .other(0)),
        (28, .other(28)),
        (0x9B, .other(0x9B)),
    ]

    @Test(arguments: characters)
    func characterCodesDecode(value: UInt32, expected: Key?) {
        #expect(decodeKey(status: OK, value: value) == expected)
    }

    static let functionKeys: [(Int32, Key?)] = [
        (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
        (KEY_BTAB, .backTab), (KEY_NPAGE, .pageDown), (KEY_PPAGE, .pageUp), (KEY_HOME, .home), (KEY_END, .end),
        (KEY_ENTER, .enter), (KEY_BACKSPACE, .backspace), (cn_key_f(1), .function(1)), (cn_key_f(12), .function(12)),
        (KEY_RESIZE, nil), (KEY_DC, .other(KEY_DC)),
    ]

    @Test(arguments: functionKeys)
    func functionKeysDecode(code: Int32, expected: Key?) {
        #expect(decodeKey(status: KEY_CODE_YES, value: UInt32(bitPattern: code)) == expected)
    }

    @Test func errorIsNoKey() {
        #expect(decodeKey(status: ERR, value: 0) == nil)
    }
}
