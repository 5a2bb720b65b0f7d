import Geo
import TestSupport
import Testing
import TextUI

@testable import MapApp

private let composer = MapComposer()

private func render(
    _ viewport: Viewport, width: Int, height: Int, charset: Charset = .braille, markers: [MapMarker] = [],
    labels: Bool = true, graticule: Bool = false
) -> (buffer: CellBuffer, report: MapReport) {
    var buffer = CellBuffer(width: width, height: height)
    let options = MapOptions(charset: charset, showsGraticule: graticule, showsPlaceLabels: labels)
    let report = composer.compose(viewport, markers: markers, options: options, into: &buffer, area: buffer.bounds)
    return (buffer, report)
}

private let europe = Viewport(center: LatLon(lat: 52, lon: 15), zoom: 2)
private let bayArea = Viewport(center: LatLon(lat: 37.75, lon: -122.3), zoom: 8)
private let fiji = Viewport(center: LatLon(lat: -17, lon: 180), zoom: 4)

@Test(arguments: [(80, 24), (200, 60)], [Charset.braille, .ascii])
func worldSnapshot(size: (Int, Int), charset: Charset) {
    let name = "world-\(size.0)x\(size.1)-\(charset)"
    assertSnapshot(render(.world, width: size.0, height: size.1, charset: charset).buffer, named: name)
}

@Test(arguments: [Charset.braille, .ascii])
func europeSnapshot(charset: Charset) {
    assertSnapshot(render(europe, width: 120, height: 40, charset: charset).buffer, named: "europe-120x40-\(charset)")
}

@Test(arguments: [Charset.braille, .ascii])
func bayAreaCitySnapshot(charset: Charset) {
    assertSnapshot(
        render(bayArea, width: 120, height: 40, charset: charset).buffer, named: "bay-area-120x40-\(charset)")
}

@Test func viewAcrossTheAntimeridianDrawsBothSides() {
    let (buffer, _) = render(fiji, width: 80, height: 24, graticule: true)
    assertSnapshot(buffer, named: "fiji-across-180-80x24")
    // Land on both sides of the 180th meridian.
    let lines = buffer.text.split(separator: "\n").map { Array($0) }
    let braille = { (c: Character) in c.unicodeScalars.first.map { (0x2801...0x28FF).contains($0.value) } ?? false }
    #expect(lines.contains { $0[..<40].contains(where: braille) })
    #expect(lines.contains { $0[40...].contains(where: braille) })
}

@Test func markerAtOriginIsAtTheCentreOfTheWorld() {
    let markers = [
        MapMarker(label: "1", position: LatLon(lat: 0, lon: 0)),
        MapMarker(label: "2", position: LatLon(lat: 51.5, lon: -0.13), isSelected: true),
        MapMarker(label: "3", position: LatLon(lat: -33.87, lon: 151.21), isDimmed: true),
    ]
    let (buffer, report) = render(.world, width: 80, height: 24, charset: .ascii, markers: markers, labels: false)
    #expect(buffer[40, 12].character == "1")
    #expect(buffer[40, 12].style.attributes == .bold)
    let london = Projection(viewport: .world, size: CellSize(width: 80, height: 24)).cell(for: markers[1].position)
    #expect(buffer[london.x, london.y].character == "2")
    #expect(buffer[london.x, london.y].style.attributes == [.bold, .reverse])
    let sydney = Projection(viewport: .world, size: CellSize(width: 80, height: 24)).cell(for: markers[2].position)
    #expect(buffer[sydney.x, sydney.y].style.attributes == .dim)
    #expect(report.sharedCells.isEmpty)
    #expect(report.offscreen.isEmpty)
    assertSnapshot(buffer, named: "markers-world-80x24-ascii")
    assertSnapshot(text: attributeMask(of: buffer), named: "markers-world-80x24-ascii-mask")
}

@Test func markersInOneCellBecomeOneHighlightedPlus() {
    let markers = [
        MapMarker(label: "1", position: LatLon(lat: 48.85, lon: 2.35)),
        MapMarker(label: "4", position: LatLon(lat: 48.86, lon: 2.34)),
        MapMarker(label: "2", position: LatLon(lat: 40.7, lon: -74)),
    ]
    let (buffer, report) = render(.world, width: 80, height: 24, markers: markers)
    let paris = Projection(viewport: .world, size: CellSize(width: 80, height: 24)).cell(for: markers[0].position)
    #expect(buffer[paris.x, paris.y].character == "+")
    #expect(buffer[paris.x, paris.y].style.attributes.contains(.reverse))
    #expect(report.sharedCells == [["1", "4"]])
}

@Test func markersOutsideTheViewBecomeEdgeArrows() {
    let markers = [
        MapMarker(label: "1", position: LatLon(lat: 37.77, lon: -122.42)),
        MapMarker(label: "2", position: LatLon(lat: 35.68, lon: 139.69)),
        MapMarker(label: "3", position: LatLon(lat: -33.87, lon: 151.21)),
        MapMarker(label: "4", position: LatLon(lat: 28.6, lon: 77.2)),
    ]
    for charset in [Charset.braille, .ascii] {
        let (buffer, report) = render(europe, width: 60, height: 20, charset: charset, markers: markers, labels: false)
        #expect(report.offscreen == ["1", "2", "3", "4"])
        assertSnapshot(buffer, named: "offscreen-europe-60x20-\(charset)")
    }
}

@Test func drawingIsClippedToTheAreaAtEveryEdge() {
    let areas = [
        Rect(x: -7, y: -3, width: 30, height: 10), Rect(x: 20, y: 5, width: 30, height: 20),
        Rect(x: 5, y: 2, width: 20, height: 8), Rect(x: 40, y: 0, width: 10, height: 10),
        Rect(x: 0, y: 14, width: 40, height: 5), Rect(x: 3, y: 3, width: 0, height: 5),
    ]
    let markers = [
        MapMarker(label: "1", position: LatLon(lat: 0, lon: 0)),
        MapMarker(label: "2", position: LatLon(lat: -40, lon: 170)),
    ]
    for area in areas {
        for viewport in [Viewport.world, europe, bayArea, fiji] {
            var buffer = CellBuffer(width: 40, height: 15)
            for index in buffer.cells.indices { buffer.cells[index] = Cell("x") }
            _ = composer.compose(viewport, markers: markers, options: MapOptions(), into: &buffer, area: area)
            for y in 0..<15 {
                for x in 0..<40 {
                    let inside = x >= area.x && x < area.maxX && y >= area.y && y < area.maxY
                    if !inside { #expect(buffer[x, y] == Cell("x")) }
                }
            }
        }
    }
    var buffer = CellBuffer(width: 30, height: 10)
    let area = Rect(x: 5, y: 2, width: 20, height: 6)
    _ = composer.compose(.world, markers: markers, options: MapOptions(charset: .ascii), into: &buffer, area: area)
    assertSnapshot(buffer, named: "clipped-world-area-in-30x10")
}

@Test(arguments: [Viewport.world, europe, bayArea, fiji], [Charset.braille, .ascii])
func labelsNeverOverlapEachOtherOrMarkers(viewport: Viewport, charset: Charset) {
    let size = CellSize(width: 120, height: 40)
    let projection = Projection(viewport: viewport, size: size)
    let markers = [
        MapMarker(label: "1", position: projection.position(of: CellPoint(x: 60, y: 20))),
        MapMarker(label: "2", position: projection.position(of: CellPoint(x: 30, y: 10))),
    ]
    var composition = MapComposition(area: Rect(x: 0, y: 0, width: 120, height: 40), charset: charset)
    var report = MapReport()
    let placed = composition.placeMarkers(markers, projection: projection, report: &report)
    let places = composer.atlas.places(level: MapRasterizer.detailLevel(for: projection), in: .world)
    let labels = composition.placeLabels(places, projection: projection)
    #expect(!labels.isEmpty)
    var cells: Set<CellPoint> = Set(placed.map { CellPoint(x: $0.x, y: $0.y) })
    for label in labels {
        let span = min(label.dotX, label.nameX)...max(label.dotX, label.nameX + label.width - 1)
        #expect(span.count == label.width + (charset == .ascii ? 2 : 1))
        #expect(label.width == displayWidth(of: label.name))
        for x in span {
            #expect(x >= 0 && x < 120)
            #expect(cells.insert(CellPoint(x: x, y: label.y)).inserted)
        }
    }
}

@Test func composingIsDeterministic() {
    let markers = [MapMarker(label: "1", position: LatLon(lat: 10, lon: 10))]
    for viewport in [Viewport.world, europe, bayArea, fiji] {
        let first = render(viewport, width: 100, height: 30, markers: markers)
        let second = render(viewport, width: 100, height: 30, markers: markers)
        #expect(first.buffer == second.buffer)
        #expect(first.report == second.report)
    }
}

@Test func reusedStaticLayersDrawTheSameMap() {
    var fresh = CellBuffer(width: 100, height: 30)
    var cached = CellBuffer(width: 100, height: 30)
    let options = MapOptions()
    _ = composer.compose(europe, markers: [], options: options, into: &fresh, area: fresh.bounds)
    let layers = composer.staticLayers(europe, options: options, size: CellSize(width: 100, height: 30))
    _ = composer.compose(
        europe, markers: [], options: options, into: &cached, area: cached.bounds, staticLayers: layers)
    #expect(fresh == cached)
}

@Test(arguments: [
    (Viewport.world, 80, "5000 km / 3107 mi"), (Viewport.world, 200, "2000 km / 1243 mi"),
    (Viewport(center: LatLon(lat: 0, lon: 0), zoom: 18), 80, "10 m / 33 ft"),
])
func scaleBarUsesRoundDistances(viewport: Viewport, width: Int, text: String) {
    let projection = Projection(viewport: viewport, size: CellSize(width: width, height: width / 3))
    #expect(MapComposer.scaleBar(for: projection)?.text == text)
}

@Test func scaleTextIsReported() {
    #expect(render(.world, width: 80, height: 24).report.scaleText == "5000 km / 3107 mi")
    #expect(render(.world, width: 10, height: 5).report.scaleText == nil)
}

@Test(arguments: [
    (0.0, Character("→"), Character(">")), (45, "↗", "^"), (90, "↑", "^"), (135, "↖", "<"), (180, "←", "<"),
    (-135, "↙", "<"), (-90, "↓", "v"), (-45, "↘", ">"),
])
func arrowsPointTheirWay(angle: Double, unicode: Character, ascii: Character) {
    #expect(MapComposition.arrow(angle: angle, charset: .braille) == unicode)
    #expect(
        MapComposition.arrow(angle: angle + 1, charset: .ascii) == ascii
            || MapComposition.arrow(angle: angle - 1, charset: .ascii) == ascii)
}

@Test func placeNamesAreSafeForTheCharset() {
    let place = Place(
        name: "São Paulo", nameASCII: "Sao Paulo", country: "Brazil", population: 1, rank: 0,
        position: LatLon(lat: 0, lon: 0))
    #expect(MapComposition.displayName(of: place, charset: .braille).name == "São Paulo")
    #expect(MapComposition.displayName(of: place, charset: .ascii).name == "Sao Paulo")
    let wide = Place(
        name: "東京", nameASCII: "Tokyo", country: "Japan", population: 1, rank: 0, position: LatLon(lat: 0, lon: 0))
    #expect(MapComposition.displayName(of: wide, charset: .braille).name == "東京")
    #expect(MapComposition.displayName(of: wide, charset: .ascii).name == "Tokyo")
    let hostile = Place(
        name: "\u{1B}[2J", nameASCII: "Bad\u{1B}[2J\u{7}", country: "", population: 1, rank: 0,
        position: LatLon(lat: 0, lon: 0))
    #expect(MapComposition.displayName(of: hostile, charset: .ascii).name == "Bad?[2J?")
    #expect(MapComposition.displayName(of: hostile, charset: .braille).name == "\u{FFFD}[2J")
    let long = Place(
        name: String(repeating: "x", count: 40), nameASCII: "", country: "", population: 1, rank: 0,
        position: LatLon(lat: 0, lon: 0))
    #expect(MapComposition.displayName(of: long, charset: .braille).width == 24)
    #expect(MapComposition.displayName(of: wide, charset: .braille).width == 4)
    #expect(MapComposition.displayName(of: wide, charset: .braille).isPlain == false)
    #expect(MapComposition.displayName(of: place, charset: .braille).isPlain)
    let softHyphen = Place(
        name: "Ab\u{AD}c", nameASCII: "Abc", country: "", population: 1, rank: 0, position: LatLon(lat: 0, lon: 0))
    #expect(MapComposition.displayName(of: softHyphen, charset: .braille).name == "Abc")
}

@Test(arguments: [(1, 1), (2, 1), (1, 3), (5, 2), (16, 3)])
func tinyAreasDrawWithoutCrashing(width: Int, height: Int) {
    let markers = [
        MapMarker(label: "1", position: LatLon(lat: 0, lon: 0)),
        MapMarker(label: "2", position: LatLon(lat: 80, lon: -170)),
        MapMarker(label: "3", position: LatLon(lat: .nan, lon: 0)),
    ]
    for viewport in [Viewport.world, bayArea, Viewport(center: LatLon(lat: 89, lon: 179), zoom: 18)] {
        for charset in [Charset.braille, .ascii] {
            let (buffer, _) = render(viewport, width: width, height: height, charset: charset, markers: markers)
            #expect(buffer.text.split(separator: "\n", omittingEmptySubsequences: false).count == height)
        }
    }
}

@Test func heightLimitedWorldIsDrawnOnceWithBlankSides() {
    // 120x15 cells of 2:1 is 120 by 30 units: the poles limit the scale, and 720 degrees would fit across.
    assertSnapshot(render(.world, width: 120, height: 15, labels: false).buffer, named: "world-height-limited-120x15")
}

@Test func wideNamesTakeTwoCellsEach() {
    // Tokyo's Natural Earth name is ASCII; Braille mode draws `name`, so a wide name must occupy its width.
    let tokyo = Viewport(center: LatLon(lat: 35.68, lon: 139.69), zoom: 7)
    let (buffer, _) = render(tokyo, width: 100, height: 30)
    for y in 0..<30 {
        for x in 0..<100 where buffer[x, y].isContinuation {
            #expect(x > 0 && displayWidth(of: buffer[x - 1, y].character) == 2)
        }
    }
}

@Test(arguments: [Viewport.world, europe, bayArea, fiji])
func asciiModeDrawsOnlySevenBitCharacters(viewport: Viewport) {
    let markers = [
        MapMarker(label: "1", position: LatLon(lat: 48.85, lon: 2.35)),
        MapMarker(label: "2", position: LatLon(lat: 48.85, lon: 2.35)),
        MapMarker(label: "3", position: LatLon(lat: -33.87, lon: 151.21)),
        MapMarker(label: "4", position: LatLon(lat: 64.1, lon: -21.9)),
    ]
    var buffer = CellBuffer(width: 100, height: 30)
    let options = MapOptions(charset: .ascii, showsGraticule: true)
    _ = composer.compose(viewport, markers: markers, options: options, into: &buffer, area: buffer.bounds)
    #expect(buffer.text.unicodeScalars.allSatisfy { $0.value < 0x80 })
}

@Test func edgeArrowsMergeOrStackAndKeepOffTheScaleBar() {
    let size = CellSize(width: 60, height: 20)
    let view = Viewport(center: LatLon(lat: 52, lon: 15), zoom: 6)
    // Four people far south of the view, close together: one arrow with every label.
    let south = (1...4).map { index in
        MapMarker(
            label: Character(String(index)), position: LatLon(lat: 10, lon: 15 + Double(index) * 0.01),
            isSelected: false, isDimmed: false, style: Style())
    }
    var buffer = CellBuffer(width: size.width, height: size.height)
    let report = composer.compose(view, markers: south, options: MapOptions(), into: &buffer, area: buffer.bounds)
    let lines = buffer.text.split(separator: "\n").map(String.init)
    #expect(lines.last?.contains("↓1,2,3,4") == true)
    #expect(report.offscreen.sorted() == ["1", "2", "3", "4"])
    #expect(lines.last?.contains(report.scaleText ?? "?") == true, "the scale bar text is whole")
}
