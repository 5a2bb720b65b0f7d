import Geo
import TestSupport
import Testing
import TextUI

@testable import MapApp

private let composer = MapComposer()

private func render(
    _ viewport: Viewport, width: Int = 120, height: Int = 40, charset: Charset = .braille, markers: [MapMarker] = []
) -> CellBuffer {
    var buffer = CellBuffer(width: width, height: height)
    _ = composer.compose(
        viewport, markers: markers, options: MapOptions(charset: charset), into: &buffer, area: buffer.bounds)
    return buffer
}

/// The Rhine, Main, Mosel and the upper Danube at zoom 5.
private let rhineland = Viewport(center: LatLon(lat: 49.5, lon: 8.5), zoom: 5)
/// The Ruhr and the lower Rhine at zoom 8: urban areas from Duisburg to Dortmund.
private let ruhr = Viewport(center: LatLon(lat: 51.45, lon: 7.1), zoom: 8)
/// Paris at zoom 7.
private let paris = Viewport(center: LatLon(lat: 48.86, lon: 2.35), zoom: 7)

@Test(arguments: [Charset.braille, .ascii])
func riversAndTheirNamesAtRegionalZoom(charset: Charset) {
    let buffer = render(rhineland, charset: charset)
    assertSnapshot(buffer, named: "rhineland-zoom5-120x40-\(charset)")
    #expect(buffer.text.contains("Rhine"))
    #expect(buffer.text.contains("Danube"))
}

@Test(arguments: [Charset.braille, .ascii])
func urbanAreasReadAsAreasAtCityZoom(charset: Charset) {
    assertSnapshot(render(ruhr, charset: charset), named: "ruhr-zoom8-120x40-\(charset)")
}

@Test(arguments: [Charset.braille, .ascii])
func parisAtZoomSeven(charset: Charset) {
    assertSnapshot(render(paris, width: 80, height: 24, charset: charset), named: "paris-zoom7-80x24-\(charset)")
}
