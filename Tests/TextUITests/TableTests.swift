import TestSupport
import Testing
import TextUI

@Suite struct TableTests {
    private let table = Table(
        [
            Table.Column(.fixed(1)), Table.Column(.fitting(maximum: 12)), Table.Column(.flexible),
            Table.Column(.fitting(maximum: 8), alignment: .trailing),
        ])
    private let rows = [
        ["1", "+14155550100", "San Francisco, CA", "just now"],
        ["2", "ana@example.com", "São Paulo", "5m ago"],
        ["3", "李@example.cn", "東京都千代田区丸の内", "2d ago"],
    ]

    @Test func widthsFitTheContentAndShareTheRest() {
        #expect(table.widths(for: rows, totalWidth: 40) == [1, 12, 16, 8])
        #expect(table.widths(for: rows, totalWidth: 30) == [1, 12, 6, 8])
        #expect(table.widths(for: rows, totalWidth: 20) == [1, 12, 0, 4])
        #expect(table.widths(for: rows, totalWidth: 0) == [0, 0, 0, 0])
        #expect(Table([]).widths(for: rows, totalWidth: 10) == [])
    }

    @Test func flexibleColumnsSplitTheRemainder() {
        let split = Table([Table.Column(.flexible), Table.Column(.flexible)], spacing: 0)
        #expect(split.widths(for: [], totalWidth: 7) == [4, 3])
    }

    /// Found by fuzz/text.swift: a cell starting with a spacing mark joined the padding before it, and the line
    /// came out one column short.
    @Test func cellsThatStartWithAMarkKeepTheLineWidth() {
        let pair = Table([Table.Column(.fixed(4)), Table.Column(.fixed(5), alignment: .trailing)])
        let line = pair.line(["ab", "\u{93F}\u{92F}"], widths: [4, 5])
        #expect(line == "ab       \u{92F}")
        #expect(displayWidth(of: line) == 10)
        #expect(displayWidth(of: pair.line(["a\u{D4E}", "b"], widths: [4, 5])) == 10)
    }

    @Test func linesAreTruncatedByDisplayWidthAndPadded() {
        let widths = table.widths(for: rows, totalWidth: 36)
        let lines = rows.map { table.line($0, widths: widths) }
        #expect(
            lines == [
                "1 +14155550100 San Francis… just now",
                "2 ana@example… São Paulo      5m ago",
                "3 李@example.… 東京都千代…    2d ago",
            ])
        #expect(lines.allSatisfy { displayWidth(of: $0) == 36 })
    }

    @Test func asciiLinesFoldAndUseThreeDots() {
        let widths = table.widths(for: rows, totalWidth: 36, ascii: true)
        #expect(table.line(rows[1], widths: widths, ascii: true) == "2 ana@examp... Sao Paulo      5m ago")
        #expect(table.line(rows[2], widths: widths, ascii: true) == "3 li@exampl... dong jing...   2d ago")
    }

    @Test func renderMatchesLineAndAppliesCellStyles() {
        let widths = table.widths(for: rows, totalWidth: 36)
        var buffer = CellBuffer(width: 36, height: 3)
        for (y, row) in rows.enumerated() {
            table.render(
                row, widths: widths, x: 0, y: y, cellStyles: [Style(attributes: .bold)], into: &buffer)
        }
        #expect(buffer.text == rows.map { table.line($0, widths: widths) }.joined(separator: "\n"))
        #expect(styleMask(buffer).split(separator: "\n").allSatisfy { $0.hasPrefix("b ") })
    }

    @Test func hostileCellsAreSanitised() {
        let widths = [6]
        let single = Table([Table.Column(.fixed(6))])
        #expect(single.line(["a\u{1B}]0;x\u{7}\u{202E}b\nc"], widths: widths) == "a\u{FFFD}]0;…")
    }
}

@Suite struct TableSnapshotTests {
    @Test func boxedTableWithStatusLine() {
        let rows = [
            ["1", "+14155550100", "San Francisco, CA", "just now"],
            ["2", "ana@example.com", "São Paulo\u{1B}[31m", "5m ago"],
            ["3", "李@example.cn", "東京都千代田区丸の内", "2d ago"],
            ["*", "\u{202E}moc.live@eve", "Zürich", "unknown"],
        ]
        let table = Table([
            Table.Column(.fixed(1)), Table.Column(.fitting(maximum: 12)), Table.Column(.flexible),
            Table.Column(.fitting(maximum: 8), alignment: .trailing),
        ])
        for ascii in [false, true] {
            var buffer = CellBuffer(width: 44, height: 7)
            buffer.drawBox(Rect(x: 0, y: 0, width: 44, height: 6), ascii: ascii, title: "Sharing (4)")
            let inner = Rect(x: 2, y: 1, width: 40, height: 4)
            let widths = table.widths(for: rows, totalWidth: inner.width, ascii: ascii)
            for (offset, row) in rows.enumerated() {
                table.render(row, widths: widths, x: inner.x, y: inner.y + offset, into: &buffer, ascii: ascii)
            }
            StatusLine(
                [
                    StatusLine.Segment("chat 1a2b"), StatusLine.Segment("4 sharing"),
                    StatusLine.Segment("? help", alignment: .trailing),
                ], separator: .bar
            ).render(in: Rect(x: 0, y: 6, width: 44, height: 1), into: &buffer, ascii: ascii)
            assertSnapshot(buffer, named: ascii ? "table-boxed-ascii" : "table-boxed")
        }
    }
}
