import TestSupport
import Testing
import TextUI

@Suite struct StatusLineTests {
    /// The viewer's order: the help hint goes first, then the countdown, then the zoom; the error stays.
    private let viewerLine = StatusLine([
        StatusLine.Segment("chat 1a2b", priority: 9),
        StatusLine.Segment("3 sharing", priority: 8),
        StatusLine.Segment("updated 12s ago", priority: 7),
        StatusLine.Segment("zoom 3", priority: 3),
        StatusLine.Segment("next 48s", priority: 2),
        StatusLine.Segment("401 unauthorized (2004)", isRequired: true),
        StatusLine.Segment("? help", priority: 1, alignment: .trailing),
    ])

    private func shown(_ line: StatusLine, width: Int, ascii: Bool = false) -> String {
        var buffer = CellBuffer(width: width, height: 1)
        line.render(in: buffer.bounds, into: &buffer, ascii: ascii)
        return buffer.text
    }

    @Test func everythingFitsWhenWide() {
        let text = shown(viewerLine, width: 100)
        #expect(text.hasPrefix("chat 1a2b  3 sharing  updated 12s ago  zoom 3  next 48s  401 unauthorized (2004)"))
        #expect(text.hasSuffix("  ? help"))
        #expect(text.count == 100)
    }

    @Test(arguments: [
        (88, "chat 1a2b  3 sharing  updated 12s ago  zoom 3  next 48s  401 unauthorized (2004)  ? help"),
        (87, "chat 1a2b  3 sharing  updated 12s ago  zoom 3  next 48s  401 unauthorized (2004)"),
        (79, "chat 1a2b  3 sharing  updated 12s ago  zoom 3  401 unauthorized (2004)"),
        (69, "chat 1a2b  3 sharing  updated 12s ago  401 unauthorized (2004)"),
        (50, "chat 1a2b  3 sharing  401 unauthorized (2004)"),
        (23, "401 unauthorized (2004)"),
        (12, "401 unautho…"),
    ])
    func segmentsDropInPriorityOrderAndTheErrorStays(width: Int, expected: String) {
        let text = shown(viewerLine, width: width)
        #expect(text == expected + String(repeating: " ", count: width - expected.count))
    }

    @Test func barSeparatorAndLineStyle() {
        let line = StatusLine(
            [StatusLine.Segment("a"), StatusLine.Segment("b", style: Style(attributes: .bold))], separator: .bar,
            style: Style(attributes: .reverse))
        var buffer = CellBuffer(width: 7, height: 1)
        line.render(in: buffer.bounds, into: &buffer)
        #expect(buffer.text == "a │ b  ")
        #expect(styleMask(buffer) == "rrrrbrr")
        #expect(shown(line, width: 6, ascii: true) == "a | b ")
    }

    @Test func layoutReportsColumns() {
        let line = StatusLine([
            StatusLine.Segment("left"), StatusLine.Segment("r1", alignment: .trailing),
            StatusLine.Segment("r2", alignment: .trailing),
        ])
        #expect(
            line.layout(width: 20) == [
                StatusLine.Placement(index: 0, x: 0, text: "left"),
                StatusLine.Placement(index: 1, x: 14, text: "r1"),
                StatusLine.Placement(index: 2, x: 18, text: "r2"),
            ])
        #expect(line.layout(width: 0).isEmpty)
    }

    @Test func equalPrioritiesDropTheRightmostFirst() {
        let line = StatusLine([StatusLine.Segment("aaa"), StatusLine.Segment("bbb"), StatusLine.Segment("ccc")])
        #expect(shown(line, width: 9) == "aaa  bbb ")
    }

    @Test func hostileSegmentTextIsSanitisedAndMeasured() {
        let line = StatusLine([StatusLine.Segment("東京\u{1B}[2J\n!"), StatusLine.Segment("x")])
        #expect(shown(line, width: 12) == "東京\u{FFFD}[2J !  ")
    }

    @Test func renderIsClippedToTheRectangle() {
        var buffer = CellBuffer(width: 10, height: 2)
        StatusLine([StatusLine.Segment("abcdefgh", isRequired: true)]).render(
            in: Rect(x: 3, y: 1, width: 4, height: 1), into: &buffer)
        #expect(buffer.text == "          \n   abc…   ")
    }
}
