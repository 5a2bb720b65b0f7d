import Testing

@testable import Geo

@Test func worldIsZoomZeroAtOrigin() {
    #expect(Viewport.world == Viewport(center: LatLon(lat: 0, lon: 0), zoom: 0))
}

@Test func zoomIsClampedAndLongitudeWrapped() {
    let view = Viewport(center: LatLon(lat: 95, lon: 190), zoom: 30)
    #expect(view.zoom == 18)
    #expect(view.center.lat == 90)
    #expect(view.center.lon == -170)
    #expect(Viewport(center: LatLon(lat: 0, lon: 0), zoom: -3).zoom == 0)
    #expect(Viewport.world.zoomedOut() == .world)
    #expect(Viewport.world.zoomedIn().zoom == 1)
}

@Test func zoomZeroSpansTheWorldInAWideArea() {
    let span = Viewport.world.span(size: CellSize(width: 80, height: 20))
    #expect(abs(span.lon - 360) < 1e-9)
    #expect(abs(span.lat - 180) < 1e-9)
}

@Test func eachZoomHalvesTheLongitudeSpan() {
    let size = CellSize(width: 100, height: 40)
    for zoom in 0...18 {
        let span = Viewport(center: LatLon(lat: 50, lon: 10), zoom: zoom).span(size: size)
        #expect(abs(span.lon - 360 / Double(1 << zoom)) < 1e-9)
    }
}

@Test func deepestZoomShowsAboutAKilometreAcross() {
    let span = Viewport(center: LatLon(lat: 0, lon: 0), zoom: 18).span(size: CellSize(width: 80, height: 24))
    #expect(span.lon * 111.32 < 1)
}

@Test func heightLimitedAreaShowsAllLatitudes() {
    // 200 columns by 20 rows of 2:1 cells is 200 by 40 units: the poles limit the scale.
    let span = Viewport.world.span(size: CellSize(width: 200, height: 20))
    #expect(abs(span.lat - 180) < 1e-9)
    #expect(span.lon > 360)
}

@Test func zoomedViewUsesTheCentreLatitudeAsStandardParallel() {
    let size = CellSize(width: 100, height: 50)
    let equator = Viewport(center: LatLon(lat: 0, lon: 0), zoom: 4).span(size: size)
    let north = Viewport(center: LatLon(lat: 60, lon: 0), zoom: 4).span(size: size)
    #expect(abs(north.lon - equator.lon) < 1e-9)
    #expect(abs(north.lat - equator.lat * 0.5) < 1e-9)
}

@Test func aspectChangesTheLatitudeSpan() {
    // Width-limited for both aspects: 50 rows are at least half of 100 columns.
    let size = CellSize(width: 100, height: 50)
    let tall = Viewport(center: LatLon(lat: 0, lon: 0), zoom: 2).span(size: size, aspect: 2)
    let square = Viewport(center: LatLon(lat: 0, lon: 0), zoom: 2).span(size: size, aspect: 1)
    #expect(abs(tall.lat - 2 * square.lat) < 1e-9)
}

@Test(arguments: [
    (PanDirection.east, 0.0, 22.5), (.west, 0.0, -22.5), (.north, 11.25, 0.0), (.south, -11.25, 0.0),
])
func panMovesAQuarterOfTheView(direction: PanDirection, lat: Double, lon: Double) {
    // 80x20 cells of 2:1: 90 degrees of longitude and 45 of latitude at zoom 2.
    let size = CellSize(width: 80, height: 20)
    let view = Viewport(center: LatLon(lat: 0, lon: 0), zoom: 2).panned(direction, size: size)
    #expect(abs(view.center.lat - lat) < 1e-9)
    #expect(abs(view.center.lon - lon) < 1e-9)
}

@Test func panEastWrapsAcrossTheAntimeridian() {
    let view = Viewport(center: LatLon(lat: 0, lon: 170), zoom: 2).panned(.east, size: CellSize(width: 80, height: 20))
    #expect(abs(view.center.lon - -167.5) < 1e-9)
}

@Test func panNorthStopsAtThePole() {
    let size = CellSize(width: 80, height: 20)
    var view = Viewport(center: LatLon(lat: 0, lon: 0), zoom: 2)
    for _ in 0..<40 { view = view.panned(.north, size: size) }
    let halfSpan = view.span(size: size).lat / 2
    #expect(view.center.lat + halfSpan <= 90 + 1e-6)
    #expect(view.center.lat + halfSpan > 89)
    #expect(Viewport.world.panned(.north, size: size).center.lat == 0)
}

@Test func panWithoutSizeUsesANominalArea() {
    let view = Viewport(center: LatLon(lat: 0, lon: 0), zoom: 3).panned(.east)
    #expect(abs(view.center.lon - 11.25) < 1e-9)
}

@Test func fittingNothingGivesTheWorld() {
    #expect(Viewport.fitting([], size: CellSize(width: 80, height: 24)) == .world)
}

@Test func fittingOnePointGivesACityView() {
    let paris = LatLon(lat: 48.8566, lon: 2.3522)
    let view = Viewport.fitting([paris], size: CellSize(width: 80, height: 24))
    #expect(view.zoom == Viewport.cityZoom)
    #expect(abs(view.center.lat - paris.lat) < 1e-9)
    #expect(abs(view.center.lon - paris.lon) < 1e-9)
}

@Test func fittingTakesTheShortWayAcrossTheAntimeridian() {
    let fiji = LatLon(lat: -18, lon: 178)
    let samoa = LatLon(lat: -14, lon: -172)
    let size = CellSize(width: 80, height: 24)
    let view = Viewport.fitting([fiji, samoa], size: size)
    #expect(abs(view.center.lon - -177) < 1e-9)
    #expect(view.zoom >= 4)
    let projection = Projection(viewport: view, size: size)
    #expect(projection.contains(projection.cell(for: fiji)))
    #expect(projection.contains(projection.cell(for: samoa)))
}

@Test func fittingHoldsEveryPointWithTheHighestZoom() {
    let points = [LatLon(lat: 51.5, lon: -0.12), LatLon(lat: 40.7, lon: -74), LatLon(lat: 35.7, lon: 139.7)]
    let size = CellSize(width: 120, height: 40)
    let view = Viewport.fitting(points, size: size)
    let projection = Projection(viewport: view, size: size)
    for point in points { #expect(projection.contains(projection.cell(for: point))) }
    let closer = Projection(viewport: view.zoomedIn(), size: size)
    #expect(points.contains { !closer.contains(closer.cell(for: $0)) })
}

@Test func fittingCloseNeighboursStopsAtStreetScale() {
    let points = [LatLon(lat: 37.7749, lon: -122.4194), LatLon(lat: 37.7749, lon: -122.41941)]
    #expect(Viewport.fitting(points, size: CellSize(width: 80, height: 24)).zoom == Viewport.deepestFitZoom)
}

@Test func shortestLongitudeRangeIgnoresTheWidestGap() {
    let range = Viewport.shortestLongitudeRange([178, -172, 179])
    #expect(range.start == 178)
    #expect(abs(range.length - 10) < 1e-9)
}

@Test func zoomingOutNearThePoleKeepsTheViewOnTheGlobe() {
    let size = CellSize(width: 80, height: 20)
    let view = Viewport(center: LatLon(lat: 80, lon: 10), zoom: 6).clamped(size: size)
    let out = view.zoomedOut(size: size)
    #expect(out.zoom == 5)
    #expect(out.center.lat + out.span(size: size).lat / 2 <= 90 + 1e-6)
    #expect(view.zoomedOut().center == view.center)
    #expect(Viewport(center: LatLon(lat: 10, lon: 10), zoom: 3).zoomedIn(size: size).center.lat == 10)
}

@Test(arguments: [2, 5, 10, 15], [0.0, 45, 70, -60])
func panningIsAnExactTranslationThatKeepsTheScale(zoom: Int, lat: Double) {
    let size = CellSize(width: 80, height: 20)
    let view = Viewport(center: LatLon(lat: lat, lon: 10), zoom: zoom).clamped(size: size)
    let span = view.span(size: size)
    for (there, back) in [(PanDirection.south, PanDirection.north), (.north, .south), (.east, .west), (.west, .east)] {
        let moved = view.panned(there, size: size)
        #expect(moved.span(size: size) == span, "a pan never changes the scale")
        #expect(moved.standardParallel == view.standardParallel)
        let returned = moved.panned(back, size: size)
        #expect(abs(returned.center.lat - view.center.lat) < 1e-9)
        #expect(abs(returned.center.lon - view.center.lon) < 1e-9)
        let before = Projection(viewport: view, size: size)
        let after = Projection(viewport: returned, size: size)
        for probe in [LatLon(lat: lat + 0.01, lon: 10.01), LatLon(lat: lat - 0.3, lon: 9.7)] {
            #expect(before.cell(for: probe) == after.cell(for: probe))
        }
    }
}

@Test(arguments: [2, 3, 6, 12, 18])
func panningNeverPassesAPole(zoom: Int) {
    let size = CellSize(width: 80, height: 20)
    for direction in [PanDirection.north, .south] {
        var view = Viewport(center: LatLon(lat: 0, lon: 0), zoom: zoom)
        let span = view.span(size: size)
        for _ in 0..<(zoom * 40) { view = view.panned(direction, size: size) }
        #expect(abs(view.center.lat) + span.lat / 2 <= 90 + 1e-9)
        #expect(view.span(size: size) == span, "the scale stays at the pole")
    }
}

@Test func zoomingAboutAPointKeepsItOnItsCellAndSetsTheParallel() {
    let size = CellSize(width: 80, height: 20)
    let view = Viewport(center: LatLon(lat: 40, lon: 0), zoom: 4)
    let anchor = LatLon(lat: 45, lon: 5)
    let cell = Projection(viewport: view, size: size).cell(for: anchor)
    let closer = view.zoomed(to: 5, about: anchor, size: size)
    #expect(closer.zoom == 5)
    #expect(closer.standardParallel == 45)
    #expect(Projection(viewport: closer, size: size).cell(for: anchor) == cell)
    let further = closer.zoomed(to: 4, about: anchor, size: size)
    #expect(Projection(viewport: further, size: size).cell(for: anchor) == cell)
}

@Test func centringFromTheWorldZoomsToTheShallowestLevelThatCanCentre() {
    let size = CellSize(width: 80, height: 20)
    let london = LatLon(lat: 51.5072, lon: -0.1276)
    let view = Viewport.world.centred(on: london, size: size)
    #expect(abs(view.center.lat - london.lat) < 1e-9)
    #expect(view.zoom > 0)
    let shallower = Viewport(center: london, zoom: view.zoom - 1)
    #expect(shallower.clamped(size: size).center.lat < london.lat - 1e-9, "one level up cannot centre London")
    #expect(Viewport(center: london, zoom: 9).centred(on: london, size: size).zoom == 9)
}

@Test func fitCentreIsTheMiddleOfTheShortestSpan() {
    let centre = Viewport.fitCentre([LatLon(lat: 10, lon: 178), LatLon(lat: 20, lon: -172)])
    #expect(centre.map { abs($0.lat - 15) < 1e-9 && abs($0.lon - -177) < 1e-9 } == true)
    #expect(Viewport.fitCentre([]) == nil)
}

@Test func zoomingPastTheLastLevelChangesNothing() {
    let size = CellSize(width: 80, height: 20)
    let deepest = Viewport(center: LatLon(lat: 10, lon: 10), zoom: 18)
    #expect(deepest.zoomed(to: 19, about: LatLon(lat: 10.0001, lon: 10), size: size) == deepest)
    #expect(Viewport.world.zoomed(to: -1, about: LatLon(lat: 40, lon: 10), size: size) == .world)
}
