import Foundation
import LinqModel
import MapApp
import TestSupport
import Testing
import TextUI

private typealias F = Fixtures

private let composer = MapComposer()

/// The group chat at `width` x `height`, loaded at the start and drawn 12 s later, with one failed poll
/// when `failing`.
private func frame(
    width: Int, height: Int, options: FrameOptions = FrameOptions(), failing: Bool = false,
    keys: [Key] = [], snapshot: LocationSnapshot = F.group
) -> CellBuffer {
    var state = AppState(chatID: F.chatID, width: width, height: height)
    _ = state.apply(.pollSucceeded(snapshot, now: F.start))
    if failing { _ = state.apply(.pollFailed(F.unauthorized, now: F.at(5))) }
    for key in keys { _ = state.apply(.key(key, now: F.at(6))) }
    return ViewerFrame.render(state, now: F.at(12), options: options, composer: composer)
}

@Test(arguments: [(80, 24), (120, 40), (200, 60), (60, 20)])
func layoutSnapshots(width: Int, height: Int) {
    assertSnapshot(frame(width: width, height: height), named: "frame-\(width)x\(height)")
}

@Test func asciiFrameIsSevenBitWithFallbackNote() {
    let options = FrameOptions(isASCII: true, asciiFallbackReason: "locale is not UTF-8")
    let buffer = frame(width: 120, height: 40, options: options)
    assertSnapshot(buffer, named: "frame-120x40-ascii")
    #expect(buffer.text.allSatisfy { $0.isASCII })
    #expect(buffer.text.contains("ASCII: locale is not UTF-8"))
}

@Test func errorStaysInTheStatusBarAndPositionsStay() {
    let buffer = frame(width: 80, height: 24, failing: true)
    let status = buffer.text.split(separator: "\n").last.map(String.init) ?? ""
    #expect(status.contains("error 2004: Invalid API key"))
    #expect(buffer.text.contains("bo@example.com"))
}

@Test func narrowFrameShowsSummaryAndPanelOverlayOnS() {
    let plain = frame(width: 60, height: 20)
    let summary = plain.text.split(separator: "\n")[18]
    #expect(summary.hasPrefix("1 +14155550101 · San Francisco"))
    let overlay = frame(width: 60, height: 20, keys: [.character("s")])
    assertSnapshot(overlay, named: "frame-60x20-panel-overlay")
}

@Test func helpOverlayNamesEveryKey() {
    let buffer = frame(width: 80, height: 24, keys: [.character("?")])
    assertSnapshot(buffer, named: "frame-80x24-help")
    for entry in KeyTable.rows { #expect(buffer.text.contains(entry.action)) }
}

@Test func emptyChatSaysNobodyIsSharingWithLinqsHint() {
    let buffer = frame(width: 120, height: 40, snapshot: LocationSnapshot(participants: []))
    assertSnapshot(buffer, named: "frame-120x40-empty")
    #expect(buffer.text.contains("Nobody is sharing location in this chat."))
    #expect(buffer.text.contains("re-share"))
    #expect(buffer.text.contains("from inside Messages."))
}

@Test func tooSmallTerminalSaysSo() {
    let buffer = frame(width: 39, height: 10)
    #expect(buffer.text.contains("Terminal too small"))
    #expect(buffer.text.contains("39x10, need 40x10"))
}

@Test func textFrameHasNoHelpHintCountdownOrOverlay() {
    let options = FrameOptions(usesColor: false, isInteractive: false)
    let buffer = frame(width: 120, height: 40, options: options, keys: [.character("?")])
    let status = buffer.text.split(separator: "\n").last.map(String.init) ?? ""
    #expect(!status.contains("? help"))
    #expect(!status.contains("next in"))
    #expect(!buffer.text.contains("this help"))
    #expect(buffer.cells.allSatisfy { $0.style.foreground == .default && $0.style.background == .default })
}

@Test func selectedMarkerAndRowAreHighlighted() {
    let buffer = frame(width: 120, height: 40)
    assertSnapshot(styleMask(buffer), named: "frame-120x40-mask")
}

@Test func narrowFrameBeforeTheFirstUpdateSaysItIsWaiting() {
    var state = AppState(chatID: F.chatID, width: 60, height: 20)
    _ = state.apply(.pollStarted(now: F.start))
    let buffer = ViewerFrame.render(state, now: F.start, options: FrameOptions(), composer: composer)
    let lines = buffer.text.split(separator: "\n")
    #expect(lines[18].hasPrefix("waiting for the first update"))
    #expect(lines[19].hasPrefix("975d0776 │ 0 sharing │ fetching…"))
}

@Test func monochromeFramesKeepAttributesOnly() {
    let buffer = frame(width: 80, height: 24, options: FrameOptions(usesColor: false))
    #expect(buffer.cells.allSatisfy { $0.style.foreground == .default && $0.style.background == .default })
    #expect(buffer.cells.contains { $0.style.attributes.contains(.reverse) })
}

@Test func textFrameMatchesTheViewerPathWithoutInteractiveParts() {
    let buffer = ViewerFrame.textFrame(
        chatID: F.chatID, snapshot: F.group, now: F.start, width: 80, height: 24, composer: composer)
    var state = AppState(chatID: F.chatID, width: 80, height: 24)
    _ = state.apply(.pollSucceeded(F.group, now: F.start))
    let viewer = ViewerFrame.render(
        state, now: F.start, options: FrameOptions(isInteractive: false), composer: composer)
    #expect(buffer == viewer)
    assertSnapshot(buffer, named: "text-frame-80x24")
}

@Test func participantsInOneCellAreNamedInThePanel() {
    let neighbour = F.participant("+14155550199", lat: 37.7750, lon: -122.4195, age: 20)
    let snapshot = LocationSnapshot(participants: [F.ana, F.bo, neighbour])
    let buffer = frame(width: 120, height: 40, snapshot: snapshot)
    #expect(buffer.text.contains("same spot as 3 · San Francisco"))
    #expect(buffer.text.contains("same spot as 1"))
}

@Test func cachedStaticLayersAreReusedUntilTheViewOrSizeChanges() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    _ = state.apply(.pollSucceeded(F.group, now: F.start))
    var cache = StaticLayerCache()
    let first = ViewerFrame.render(state, now: F.at(1), options: FrameOptions(), composer: composer, cache: &cache)
    let tick = ViewerFrame.render(state, now: F.at(2), options: FrameOptions(), composer: composer, cache: &cache)
    #expect(cache.rasterizations == 1, "a tick reuses the layers")
    #expect(tick == ViewerFrame.render(state, now: F.at(2), options: FrameOptions(), composer: composer))
    #expect(first.text != "")
    _ = state.apply(.key(.character("+"), now: F.at(3)))
    _ = ViewerFrame.render(state, now: F.at(3), options: FrameOptions(), composer: composer, cache: &cache)
    #expect(cache.rasterizations == 2, "a new view rasterizes again")
    _ = state.apply(.resized(width: 100, height: 30))
    let resized = ViewerFrame.render(state, now: F.at(4), options: FrameOptions(), composer: composer, cache: &cache)
    #expect(cache.rasterizations == 3, "a new size rasterizes again")
    #expect(resized == ViewerFrame.render(state, now: F.at(4), options: FrameOptions(), composer: composer))
}

@Test func aTickComposesNoMapButAMoveDoes() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    _ = state.apply(.pollSucceeded(F.group, now: F.start))
    var cache = StaticLayerCache()
    _ = ViewerFrame.render(state, now: F.at(1), options: FrameOptions(), composer: composer, cache: &cache)
    let tick = ViewerFrame.render(state, now: F.at(2), options: FrameOptions(), composer: composer, cache: &cache)
    #expect(cache.compositions == 1, "a tick reuses the composed map")
    #expect(tick == ViewerFrame.render(state, now: F.at(2), options: FrameOptions(), composer: composer))
    var moved = F.group
    moved.participants[1].coordinate.latitude += 20
    _ = state.apply(.pollSucceeded(moved, now: F.at(3)))
    let after = ViewerFrame.render(state, now: F.at(3), options: FrameOptions(), composer: composer, cache: &cache)
    #expect(cache.compositions == 2, "a moved marker composes the map again")
    #expect(cache.rasterizations == 1, "from the same layers")
    #expect(after == ViewerFrame.render(state, now: F.at(3), options: FrameOptions(), composer: composer))
}
