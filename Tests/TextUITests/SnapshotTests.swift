import TestSupport
import Testing
import TextUI

@Suite struct SnapshotTests {
    @Test func styleMaskMarksEachCell() {
        var buffer = CellBuffer(width: 6, height: 2)
        buffer[0, 0] = Cell("a", style: Style(attributes: .bold))
        buffer[1, 0] = Cell("b", style: Style(attributes: [.reverse, .bold]))
        buffer[2, 0] = Cell("c", style: Style(attributes: .dim))
        buffer[3, 0] = Cell("d", style: Style(attributes: .underline))
        buffer[4, 0] = Cell("e", style: Style(foreground: .red))
        #expect(styleMask(buffer) == "brduc \n      ")
    }

    @Test func matchingSnapshotPasses() {
        var buffer = CellBuffer(width: 5, height: 2)
        buffer[0, 0] = Cell("+")
        buffer[4, 1] = Cell("+")
        assertSnapshot(buffer, named: "snapshot-corners")
    }
}
