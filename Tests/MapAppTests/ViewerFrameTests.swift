import Foundation
import Geo
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
    // The key table outgrew 24 rows (it scrolls there): every key shows on a taller terminal.
    let tall = frame(width: 80, height: 40, keys: [.character("?")])
    for entry in KeyTable.rows { #expect(tall.text.contains(entry.action)) }
}

@Test func emptyChatSaysNobodyIsSharingWithLinqsHint() {
    let buffer = frame(width: 120, height: 40, snapshot: LocationSnapshot(participants: []))
    assertSnapshot(buffer, named: "frame-120x40-empty")
    // In the panel (37 columns inside at 120x40), word-wrapped.
    #expect(buffer.text.contains("Nobody is sharing location in this"))
    #expect(buffer.text.contains("re-share"))
    #expect(buffer.text.contains("Messages."))
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
    #expect(lines[19].hasPrefix("975d0776 │ waiting for the first update │ fetching…"))
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
    state.isTextFrame = true
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

@Test func emptyChatStateSitsInThePanelAndLeavesTheMapVisible() {
    var state = AppState(
        chatID: F.chatID, width: 120, height: 40, initialView: .center(LatLon(lat: 48.85, lon: 2.35), zoom: 5))
    _ = state.apply(.pollSucceeded(LocationSnapshot(participants: []), now: F.start))
    let buffer = ViewerFrame.render(state, now: F.at(12), options: FrameOptions(), composer: composer)
    let lines = buffer.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[0].contains("Nobody is sharing"), "at the top of the panel, where the rows would be")
    let mapWidth = state.layout.map.width
    #expect(!lines.prefix(38).contains { $0.prefix(mapWidth).contains("Nobody") }, "nothing over the map")
    var hidden = state
    _ = hidden.apply(.key(.character("s"), now: F.at(1)))
    let bare = ViewerFrame.render(hidden, now: F.at(12), options: FrameOptions(), composer: composer)
    let bareLines = bare.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let aboveScale = hidden.layout.map.maxY - 2
    #expect(bareLines[aboveScale].contains("Nobody is sharing location in this chat."))
    #expect(bareLines.filter { $0.contains("Nobody") }.count == 1)
}

@Test func aHiddenPanelLeavesASummaryOfTheSelectionAtTheBottomOfTheMap() {
    let buffer = frame(width: 120, height: 40, keys: [.character("s")])
    let lines = buffer.text.split(separator: "\n").map(String.init)
    #expect(lines[38].hasPrefix("1 \(F.ana.handle)"))
}

@Test func aPanelWithMoreRowsThanFitSaysHowManyMore() {
    let many = (0..<20).map { F.participant("+1555000\($0)", lat: Double($0), lon: Double($0)) }
    let buffer = frame(width: 120, height: 24, snapshot: LocationSnapshot(participants: many))
    #expect(buffer.text.contains("+9 more"))
}

@Test func helpScrollsAt40x12AndShowsEveryKey() {
    var state = AppState(chatID: F.chatID, width: 40, height: 12)
    _ = state.apply(.pollSucceeded(F.group, now: F.start))
    _ = state.apply(.key(.character("?"), now: F.at(1)))
    var seen = Set<String>()
    for _ in 0..<KeyTable.rows.count {
        let text = ViewerFrame.render(state, now: F.at(2), options: FrameOptions(), composer: composer).text
        for row in KeyTable.rows where text.contains(row.keys + " ") { seen.insert(row.keys) }
        _ = state.apply(.key(.character("j"), now: F.at(2)))
        #expect(state.isHelpShown, "j scrolls the help, it does not close it")
    }
    #expect(seen == Set(KeyTable.rows.map(\.keys)))
    let last = ViewerFrame.render(state, now: F.at(2), options: FrameOptions(), composer: composer).text
    #expect(last.contains("0 below"))
    _ = state.apply(.key(.character("x"), now: F.at(3)))
    #expect(!state.isHelpShown)
}

@Test(arguments: [(20, 8), (30, 9), (39, 10)])
func smallTextFramesDrawAMap(width: Int, height: Int) {
    let buffer = ViewerFrame.textFrame(
        chatID: F.chatID, snapshot: F.group, now: F.at(12), width: width, height: height, composer: composer)
    #expect(!buffer.text.contains("Terminal too small"))
    #expect(buffer.text.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) }, "a Braille map")
    if width == 20 { assertSnapshot(buffer, named: "text-frame-20x8") }
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
