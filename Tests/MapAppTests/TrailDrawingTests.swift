import Foundation
import Geo
import History
import TestSupport
import Testing
import TextUI

@testable import MapApp

private let composer = MapComposer()
/// Open sea west of Ireland at street scale: nothing but the trails is drawn there.
private let sea = Viewport(center: LatLon(lat: 53.0, lon: -15.0), zoom: 13)

/// A walk east then north-east from the centre, a gap, and a second walk: two runs of one trail.
private let walk = TrailDrawing(
    runs: [
        (0...6).map { LatLon(lat: 53.0 + Double($0) * 0.0004, lon: -15.0 + Double($0) * 0.0012) },
        [LatLon(lat: 52.995, lon: -15.012), LatLon(lat: 52.994, lon: -15.004)],
    ],
    style: Style(foreground: .magenta, attributes: .dim))

private func composed(charset: Charset, trails: [TrailDrawing], home: LatLon? = nil) -> CellBuffer {
    var buffer = CellBuffer(width: 60, height: 20)
    let options = MapOptions(charset: charset, showsPlaceLabels: false)
    let marker = MapMarker(label: "1", position: LatLon(lat: 53.0024, lon: -14.9928), style: Style(foreground: .green))
    _ = composer.compose(
        sea, markers: [marker], options: options, into: &buffer, area: buffer.bounds,
        staticLayers: composer.staticLayers(sea, options: options, size: CellSize(width: 60, height: 20)),
        overlays: MapOverlays(trails: trails, home: home))
    return buffer
}

@Test(arguments: [Charset.braille, .ascii])
func trailSnapshot(charset: Charset) {
    let buffer = composed(charset: charset, trails: [walk], home: LatLon(lat: 52.997, lon: -14.99))
    assertSnapshot(buffer, named: "trail-sea-60x20-\(charset)")
}

@Test func trailDotsAreDimInTheirColourAndTheMarkerStaysOnTop() {
    let buffer = composed(charset: .braille, trails: [walk])
    let trailCells = buffer.cells.filter { $0.style.foreground == .magenta }
    #expect(!trailCells.isEmpty)
    #expect(trailCells.allSatisfy { $0.style.attributes.contains(.dim) })
    #expect(buffer.text.contains("1"))
    #expect(composed(charset: .braille, trails: []).cells.allSatisfy { $0.style.foreground != .magenta })
}

@Test func theHomeMarkIsAHouseOrH() {
    let home = LatLon(lat: 52.997, lon: -14.99)
    #expect(composed(charset: .braille, trails: [], home: home).text.contains("⌂"))
    #expect(composed(charset: .ascii, trails: [], home: home).text.contains("H"))
}

@Test func eachLabelTakesTheNextColour() {
    #expect(TrailPalette.color(for: "1") != TrailPalette.color(for: "2"))
    #expect(TrailPalette.color(for: "A") != TrailPalette.color(for: "B"))
    #expect(TrailPalette.color(for: "1") == TrailPalette.color(for: "9"))
}

@Test func withTrailsOnThePanelDrawsEachLabelInItsTrailsColour() {
    var state = AppState(chatID: Fixtures.chatID, width: 120, height: 40)
    _ = state.apply(.pollSucceeded(Fixtures.group, now: Fixtures.start))
    #expect(SidePanel(state: state, now: Fixtures.start).rows.allSatisfy { $0.trailColor == nil })
    _ = state.apply(.key(.character("t"), now: Fixtures.start))
    let panel = SidePanel(state: state, now: Fixtures.start)
    #expect(panel.rows.map(\.trailColor) == panel.rows.map { TrailPalette.color(for: $0.label) })
    var buffer = CellBuffer(width: 30, height: 10)
    panel.render(in: buffer.bounds, into: &buffer, ascii: false)
    #expect(buffer[0, 2].style.foreground == TrailPalette.color(for: "2"))
}
