import Foundation
import LinqModel
import MapApp
import Testing
import TextUI

private typealias F = Fixtures

private func loaded(_ snapshots: [LocationSnapshot] = [F.group]) -> AppState {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    for (index, snapshot) in snapshots.enumerated() {
        _ = state.apply(.pollSucceeded(snapshot, now: F.at(Double(index) * 60)))
    }
    return state
}

/// The buffer's lines without trailing spaces.
private func trimmedLines(_ buffer: CellBuffer) -> [String] {
    buffer.text.split(separator: "\n", omittingEmptySubsequences: false).map {
        String($0.reversed().drop { $0 == " " }.reversed())
    }
}

@Test func rowsShowLabelHandleStalenessAndPlace() {
    var buffer = CellBuffer(width: 34, height: 7)
    SidePanel(state: loaded(), now: F.start).render(in: buffer.bounds, into: &buffer, ascii: false)
    #expect(
        trimmedLines(buffer) == [
            "1 +14155550101            just now",
            "  San Francisco · 1 Market St, Sa…",
            "2 bo@example.com            5m ago",
            "  London · 10 Downing… 8,616 km NE",
            "3 +8613800138000            1h ago",
            "  上海市 · 人民广场,…  9,879 km NW",
            "+2 more",
        ])
}

@Test func selectedRowIsReversedAndAgesAreColoured() {
    var buffer = CellBuffer(width: 34, height: 5)
    SidePanel(state: loaded(), now: F.start).render(in: buffer.bounds, into: &buffer, ascii: false)
    #expect(buffer[0, 0].style.attributes.contains(.reverse))
    #expect(buffer[33, 1].style.attributes.contains(.reverse))
    #expect(!buffer[0, 2].style.attributes.contains(.reverse))
    #expect(buffer[33, 0].style.foreground == .green)
    #expect(buffer[33, 2].style.foreground == .yellow)
}

@Test func unknownTimesAreDimAndOldOnesRed() {
    let panel = SidePanel(state: loaded(), now: F.start)
    #expect(panel.rows[3].staleness.text == "unknown")
    #expect(SidePanel.style(for: .unknown).attributes.contains(.dim))
    #expect(SidePanel.style(for: .old).foreground == .red)
}

@Test func stoppedSharingRowIsDimmedWithLastSeen() {
    let state = loaded([F.group, LocationSnapshot(participants: [F.ana, F.chen, F.dara, F.eli])])
    let panel = SidePanel(state: state, now: F.at(12 * 60))
    #expect(panel.rows[1].detail == "stopped sharing, last seen 17m ago")
    #expect(panel.rows[1].isDimmed)
    var buffer = CellBuffer(width: 40, height: 5)
    panel.render(in: buffer.bounds, into: &buffer, ascii: false)
    #expect(buffer[2, 2].style.attributes.contains(.dim))
    #expect(buffer.text.split(separator: "\n")[2] == "2 bo@example.com                        ")
}

@Test func sharedCellsAreNamed() {
    let panel = SidePanel(state: loaded(), now: F.start, sharedCells: [["1", "2", "4"]])
    #expect(panel.rows[0].detail.hasPrefix("same spot as 2, 4 · San Francisco"))
    #expect(panel.rows[1].detail.hasPrefix("same spot as 1, 4 · "))
    #expect(!panel.rows[2].detail.hasPrefix("same spot"))
}

@Test func asciiModeFoldsAndUsesCommas() {
    var buffer = CellBuffer(width: 32, height: 10)
    SidePanel(state: loaded(), now: F.start, ascii: true).render(in: buffer.bounds, into: &buffer, ascii: true)
    let lines = buffer.text.split(separator: "\n").map(String.init)
    #expect(lines[9] == "  Sao Paulo, Av.... 10,434 km SE")
    #expect(lines.allSatisfy { $0.allSatisfy(\.isASCII) })
}

@Test func rowsScrollToKeepTheSelectionVisible() {
    var state = loaded()
    for _ in 0..<4 { _ = state.apply(.key(.tab, now: F.start)) }
    let panel = SidePanel(state: state, now: F.start)
    #expect(panel.firstVisibleRow(height: 6) == 2)
    var buffer = CellBuffer(width: 30, height: 7)
    panel.render(in: buffer.bounds, into: &buffer, ascii: false)
    #expect(buffer.text.hasPrefix("3 +8613800138000"))
    #expect(buffer.text.split(separator: "\n").last?.hasPrefix("+2 more") == true)
    #expect(buffer[0, 4].style.attributes.contains(.reverse))
    #expect(SidePanel(state: loaded(), now: F.start).firstVisibleRow(height: 6) == 0)
}

@Test(arguments: [0, 2, 4])
func aPanelDetailingOnlyItsShownRowsDrawsTheSameLines(selectionSteps: Int) {
    var state = loaded([F.group, LocationSnapshot(participants: [F.ana, F.chen, F.dara, F.eli])])
    for _ in 0..<selectionSteps { _ = state.apply(.key(.character("n"), now: F.at(60))) }
    let selected = state.participants.firstIndex { $0.handle == state.selectedHandle }
    for height in [3, 5, 7, 12] {
        var full = CellBuffer(width: 34, height: height)
        var shown = CellBuffer(width: 34, height: height)
        let rows = SidePanel.shownRows(count: state.participants.count, selected: selected, height: height)
        SidePanel(state: state, now: F.at(12 * 60)).render(in: full.bounds, into: &full, ascii: false)
        SidePanel(state: state, now: F.at(12 * 60), detailedRows: rows)
            .render(in: shown.bounds, into: &shown, ascii: false)
        #expect(shown.text == full.text)
        #expect(rows.count < state.participants.count || height >= 10)
    }
}
