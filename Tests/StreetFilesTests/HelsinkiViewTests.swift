import Foundation
import Geo
import MapApp
import Streets
import TestSupport
import Testing
import TextUI

/// Central Helsinki, between the railway station and the Esplanadi.
let helsinkiCentre = LatLon(lat: 60.1680, lon: 24.9440)

func renderHelsinki(
    zoom: Int, width: Int = 100, height: Int = 30, charset: Charset = .braille, markers: [MapMarker] = []
) throws -> (buffer: CellBuffer, report: MapReport) {
    let atlas = try #require(OSMFixtures.helsinkiAtlas)
    let composer = MapComposer(streets: StreetLayer(source: StreetAtlasList([atlas])))
    var buffer = CellBuffer(width: width, height: height)
    let options = MapOptions(charset: charset, theme: .monochrome)
    let report = composer.compose(
        Viewport(center: helsinkiCentre, zoom: zoom), markers: markers, options: options, into: &buffer,
        area: buffer.bounds)
    return (buffer, report)
}

@Test(.enabled(if: OSMFixtures.isAvailable, "needs ../shared/data/osm beside the checkout"), arguments: [14, 16, 18])
func helsinkiSnapshot(zoom: Int) throws {
    let marker = MapMarker(label: "1", position: LatLon(lat: 60.1676, lon: 24.9470))
    assertSnapshot(try renderHelsinki(zoom: zoom, markers: [marker]).buffer, named: "helsinki-z\(zoom)-100x30")
}

@Test(.enabled(if: OSMFixtures.isAvailable, "needs ../shared/data/osm beside the checkout"))
func helsinkiASCIISnapshotUsesAGlyphPerClass() throws {
    let frame = try renderHelsinki(zoom: 16, charset: .ascii).buffer
    assertSnapshot(frame, named: "helsinki-z16-100x30-ascii")
    for glyph in ["#", "%", "x", "."] { #expect(frame.text.contains(glyph), "\(glyph)") }
}

@Test(.enabled(if: OSMFixtures.isAvailable, "needs ../shared/data/osm beside the checkout"))
func streetViewsNameStreetsAndCreditOpenStreetMap() throws {
    let text = try renderHelsinki(zoom: 16, width: 200, height: 60).buffer.text
    #expect(text.contains("© OpenStreetMap contributors"))
    #expect(text.contains("Pohjoisesplanadi") || text.contains("Aleksanterinkatu"))
}

@Test(.enabled(if: OSMFixtures.isAvailable, "needs ../shared/data/osm beside the checkout"))
func namesNeverCoverAMarker() throws {
    // Markers on the cells where the plain frame writes "Aleksanterinkatu".
    let plain = try renderHelsinki(zoom: 16).buffer
    let lines = plain.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let row = try #require(lines.firstIndex { $0.contains("Aleksanterinkatu") })
    let column = try #require(lines[row].components(separatedBy: "Aleksanterinkatu").first).count
    let projection = Projection(
        viewport: Viewport(center: helsinkiCentre, zoom: 16), size: CellSize(width: 100, height: 30))
    let markers = stride(from: column, to: column + 16, by: 5).map { x in
        MapMarker(label: "A", position: projection.position(of: CellPoint(x: x, y: row)))
    }
    let frame = try renderHelsinki(zoom: 16, markers: markers).buffer
    for x in stride(from: column, to: column + 16, by: 5) { #expect(frame[x, row].character == "A") }
    // The name moves elsewhere whole, or is left out; never cut by a marker.
    let text = frame.text
    #expect(text.components(separatedBy: "Aleksan").count == text.components(separatedBy: "Aleksanterinkatu").count)
}

@Test(.enabled(if: OSMFixtures.isAvailable, "needs ../shared/data/osm beside the checkout")) func noStreetsBelowZoom11()
    throws
{
    let text = try renderHelsinki(zoom: 10).buffer.text
    #expect(!text.contains("OpenStreetMap"))
}
