import Testing
import TextUI

@testable import CursesScreen

@Suite struct ColorPaletteTests {
    static let depths: [(ColorRequest, Int, Bool, ColorDepth)] = [
        (.auto, 256, false, .ansi256),
        (.auto, 256, true, .none),
        (.always, 256, true, .ansi256),
        (.auto, 8, false, .ansi8),
        (.auto, 16, false, .ansi8),
        (.always, 0, false, .none),
        (.never, 256, false, .none),
    ]

    @Test(arguments: depths)
    func requestAndTerminalGiveDepth(request: ColorRequest, colors: Int, noColor: Bool, expected: ColorDepth) {
        #expect(request.depth(terminalColors: colors, noColor: noColor) == expected)
    }

    static let entries: [(Color, ColorDepth, PaletteEntry)] = [
        (.default, .ansi256, PaletteEntry(index: -1, needsBold: false)),
        (.red, .ansi256, PaletteEntry(index: 1, needsBold: false)),
        (.brightRed, .ansi256, PaletteEntry(index: 9, needsBold: false)),
        (.gray, .ansi256, PaletteEntry(index: 244, needsBold: false)),
        (.brightWhite, .ansi256, PaletteEntry(index: 15, needsBold: false)),
        (.brightRed, .ansi8, PaletteEntry(index: 1, needsBold: true)),
        (.cyan, .ansi8, PaletteEntry(index: 6, needsBold: false)),
        (.gray, .ansi8, PaletteEntry(index: 7, needsBold: false)),
        (.red, .none, PaletteEntry(index: -1, needsBold: false)),
    ]

    @Test(arguments: entries)
    func colorsMapToPaletteIndices(color: Color, depth: ColorDepth, expected: PaletteEntry) {
        #expect(color.paletteEntry(depth: depth) == expected)
    }

    @Test func everyColorHasADistinctIndexAt256() {
        let indices = Color.allCases.filter { $0 != .default }.map { $0.paletteEntry(depth: .ansi256).index }
        #expect(Set(indices).count == indices.count)
    }

    @Test func pairsAreAllocatedOnceAndStopAtCapacity() {
        var table = ColorPairTable(capacity: 3)
        var initialized: [Int16] = []
        let record: (Int16, Int16, Int16) -> Bool = { pair, _, _ in
            initialized.append(pair)
            return true
        }
        #expect(table.pair(foreground: -1, background: -1, initialize: record) == 0)
        #expect(table.pair(foreground: 1, background: -1, initialize: record) == 1)
        #expect(table.pair(foreground: 1, background: -1, initialize: record) == 1)
        #expect(table.pair(foreground: 2, background: 4, initialize: record) == 2)
        #expect(table.pair(foreground: 3, background: -1, initialize: record) == 0)
        #expect(initialized == [1, 2])
    }

    @Test func failedInitializationFallsBackToTheDefaultPair() {
        var table = ColorPairTable(capacity: 64)
        #expect(table.pair(foreground: 1, background: -1) { _, _, _ in false } == 0)
        #expect(table.pair(foreground: 1, background: -1) { _, _, _ in true } == 1)
    }
}
