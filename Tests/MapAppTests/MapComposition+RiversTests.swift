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

/// A river along row 2 of a 30x5 area, from column 0 to 29.
private let straightRiver = RiverCourse(
    name: "Rhine", nameASCII: "Rhine", labelZoom: 5, runs: [(0..<30).map { CellPoint(x: $0, y: 2) }])

@Test func riverNameKeepsClearOfWhatWasPlacedBefore() {
    var composition = MapComposition(area: Rect(x: 0, y: 0, width: 30, height: 5), charset: .braille)
    // A place label holds the river's middle.
    for x in 12...18 { composition.occupancy.take(x, 2) }
    let placed = composition.placeRiverNames([straightRiver])
    #expect(placed.count == 1)
    if let label = placed.first {
        #expect(label.y == 2 && label.width == 5)
        // With a cell of margin: never touching columns 12...18.
        #expect(label.x + label.width <= 11 || label.x >= 20, "\(label)")
        #expect((label.x..<(label.x + label.width)).allSatisfy { composition.occupancy.isTaken($0, 2) })
    }
}

@Test func riverWithoutRoomGoesUnlabelledAndEachNameIsPlacedOnce() {
    var full = MapComposition(area: Rect(x: 0, y: 0, width: 30, height: 5), charset: .braille)
    for x in 0..<30 { full.occupancy.take(x, 1) }
    #expect(full.placeRiverNames([straightRiver]).isEmpty)
    var free = MapComposition(area: Rect(x: 0, y: 0, width: 30, height: 5), charset: .braille)
    #expect(free.placeRiverNames([straightRiver]).count == 1)
    let projection = Projection(viewport: rhineland, size: CellSize(width: 120, height: 40))
    let names = RiverCourse.courses(in: .embedded, projection: projection).map(\.name)
    #expect(Set(names).count == names.count)
    #expect(names.contains("Rhine"))
}

@Test func riverNamesNeverCoverMarkersOrPlaceLabels() {
    // Markers on every cell of the Rhine's label in the unmarked view.
    let bare = render(rhineland)
    let projection = Projection(viewport: rhineland, size: CellSize(width: 120, height: 40))
    var composition = MapComposition(area: bare.bounds, charset: .braille)
    let courses = RiverCourse.courses(in: .embedded, projection: projection)
    guard let rhine = composition.placeRiverNames(courses).first(where: { $0.name == "Rhine" }) else {
        Issue.record("the Rhine is not labelled at zoom 5")
        return
    }
    let markers = (0..<rhine.width).map { offset in
        MapMarker(
            label: "1", position: projection.position(of: DotPoint(x: 2 * (rhine.x + offset), y: 4 * rhine.y)))
    }
    let marked = render(rhineland, markers: markers)
    let row = Array(marked.text.split(separator: "\n", omittingEmptySubsequences: false)[rhine.y])
    #expect(row[rhine.x..<(rhine.x + rhine.width)].allSatisfy { $0 == "1" || $0 == "+" })
    #expect(!marked.text.contains("Rhine") || marked.text != bare.text)
}

@Test func asciiRiversAndUrbanAreasUseLightGlyphsOnly() {
    var buffer = CellBuffer(width: 80, height: 24)
    let options = MapOptions(charset: .ascii, showsPlaceLabels: false)
    // Paris at zoom 7: the Seine and the Marne through a large urban area.
    let layers = composer.staticLayers(paris, options: options, size: CellSize(width: 80, height: 24))
    #expect(!layers.river.isEmpty && !layers.urban.isEmpty)
    _ = composer.compose(paris, markers: [], options: options, into: &buffer, area: buffer.bounds)
    let mapRows = buffer.text.split(separator: "\n").dropLast()  // the last row holds the scale bar
    let glyphs = Set(mapRows.joined())
    #expect(glyphs.contains("~") && glyphs.contains("."))
    #expect(!glyphs.contains { $0.isNumber || $0.isUppercase || $0 == "+" }, "\(glyphs.sorted())")
}
