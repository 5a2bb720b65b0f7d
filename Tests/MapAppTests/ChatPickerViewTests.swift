import Foundation
import LinqModel
import MapApp
import TestSupport
import Testing
import TextUI

private typealias F = Fixtures

@Test(arguments: [(80, 24), (200, 60)])
func pickerSnapshots(width: Int, height: Int) {
    var state = pickerState(width: width, height: height)
    for key in [Key.tab, .down, .tab] { _ = state.apply(.key(key, now: F.start)) }
    let frame = ViewerFrame.render(state, now: F.start, options: FrameOptions(), composer: MapComposer())
    assertSnapshot(frame, named: "picker-\(width)x\(height)")
}

@Test func pickerSnapshotFilteredAndLoading() {
    var state = pickerState()
    for character in "fam" { _ = state.apply(.key(.character(character), now: F.start)) }
    assertSnapshot(
        ViewerFrame.render(state, now: F.start, options: FrameOptions(), composer: MapComposer()),
        named: "picker-80x24-filtered")
    var loading = AppState.pickerFirst(width: 80, height: 24)
    _ = loading.apply(.chatListProgress(pages: 2, chats: 200))
    let frame = ViewerFrame.render(loading, now: F.start, options: FrameOptions(), composer: MapComposer())
    #expect(frame.text.split(separator: "\n").last?.hasPrefix("loading chats… (page 2, 200 chats so far)") == true)
}

@Test func highlightedRowIsReversedAndMarkedRowsBold() {
    var state = pickerState()
    _ = state.apply(.key(.tab, now: F.start))
    let frame = ViewerFrame.render(state, now: F.start, options: FrameOptions(), composer: MapComposer())
    #expect(frame[0, 2].character == "●")
    #expect(frame[2, 2].style.attributes.contains(.bold))
    #expect(!frame[2, 2].style.attributes.contains(.reverse))
    #expect(frame[2, 3].style.attributes.contains(.reverse))
}
