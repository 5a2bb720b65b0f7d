import MapApp
import Testing
import TextUI

@Test func widePanelTakesAThirdAtMost48Columns() {
    let layout = Layout(width: 120, height: 40, isPanelToggled: false)
    #expect(layout.panel == Rect(x: 80, y: 0, width: 40, height: 39))
    #expect(layout.map == Rect(x: 0, y: 0, width: 80, height: 39))
    #expect(layout.status == Rect(x: 0, y: 39, width: 120, height: 1))
    #expect(layout.summary == nil)
    #expect(Layout(width: 200, height: 60, isPanelToggled: false).panel?.width == 48)
}

@Test func wideToggleHidesThePanel() {
    let layout = Layout(width: 80, height: 24, isPanelToggled: true)
    #expect(layout.panel == nil)
    #expect(layout.map.width == 80)
}

@Test func narrowHidesPanelAndAddsSummaryUntilToggled() {
    let layout = Layout(width: 60, height: 20, isPanelToggled: false)
    #expect(layout.panel == nil)
    #expect(layout.summary == Rect(x: 0, y: 18, width: 60, height: 1))
    #expect(layout.map == Rect(x: 0, y: 0, width: 60, height: 18))
    let overlay = Layout(width: 60, height: 20, isPanelToggled: true)
    #expect(overlay.isPanelOverlay)
    #expect(overlay.panel == Rect(x: 20, y: 0, width: 40, height: 18))
    #expect(overlay.map.width == 60)
}

@Test(arguments: [(39, 24), (80, 9), (0, 0)])
func belowFortyByTenIsTooSmall(width: Int, height: Int) {
    #expect(Layout(width: width, height: height, isPanelToggled: false).isTooSmall)
}
