import Testing

@testable import Geo

private let rasterizer = MapRasterizer(atlas: .embedded)

@Test(arguments: [
    (Viewport.world, 80, 24, DetailLevel.low), (.world, 200, 60, .low), (.world, 400, 120, .low),
    (Viewport(center: LatLon(lat: 52, lon: 15), zoom: 2), 120, 40, .medium),
    (Viewport(center: LatLon(lat: 37.75, lon: -122.3), zoom: 8), 200, 60, .high),
])
func detailFollowsTheScale(viewport: Viewport, width: Int, height: Int, level: DetailLevel) {
    let projection = Projection(viewport: viewport, size: CellSize(width: width, height: height))
    #expect(MapRasterizer.detailLevel(for: projection) == level)
}

@Test func worldViewReadsOneBox() {
    let projection = Projection(viewport: .world, size: CellSize(width: 80, height: 20))
    let pieces = MapRasterizer.pieces(for: projection)
    #expect(pieces.count == 1)
    #expect(pieces.first?.box == GeoBox(minLon: -180, minLat: -90, maxLon: 180, maxLat: 90))
}

@Test func viewAcrossTheAntimeridianReadsTwoBoxes() {
    let projection = Projection(
        viewport: Viewport(center: LatLon(lat: 0, lon: 170), zoom: 3), size: CellSize(width: 80, height: 20))
    let pieces = MapRasterizer.pieces(for: projection)
    #expect(pieces.count == 2)
    #expect(pieces[0].shift == 0)
    #expect(pieces[0].box.minLon == 147.5)
    #expect(pieces[0].box.maxLon == 180)
    #expect(pieces[1].shift == 360)
    #expect(pieces[1].box.minLon == -180)
    #expect(pieces[1].box.maxLon == -167.5)
}

@Test func emptyAreaReadsNothing() {
    #expect(MapRasterizer.pieces(for: Projection(viewport: .world, size: CellSize(width: 0, height: 10))).isEmpty)
}

@Test func stateLinesOnlyWhenZoomed() {
    let size = CellSize(width: 120, height: 40)
    var layers = MapLayers(columns: 0, rows: 0)
    let usa = LatLon(lat: 39, lon: -98)
    rasterizer.draw(Projection(viewport: Viewport(center: usa, zoom: 2), size: size), into: &layers)
    #expect(layers.state.isEmpty)
    rasterizer.draw(Projection(viewport: Viewport(center: usa, zoom: 3), size: size), into: &layers)
    #expect(!layers.state.isEmpty)
    #expect(!layers.coastline.isEmpty)
    #expect(!layers.border.isEmpty)
    #expect(!layers.lake.isEmpty)
    #expect(layers.graticule.isEmpty)
}

@Test func graticuleIsDrawnWhenAskedFor() {
    var layers = MapLayers(columns: 40, rows: 10)
    rasterizer.draw(
        Projection(viewport: .world, size: CellSize(width: 40, height: 10)), into: &layers, showsGraticule: true)
    // The equator and the prime meridian cross at the centre.
    #expect(layers.graticule.isSet(DotPoint(x: 40, y: 20)))
    #expect(layers.graticule.isSet(DotPoint(x: 40, y: 5)))
    #expect(layers.graticule.isSet(DotPoint(x: 5, y: 20)))
}

@Test(arguments: [(360.0, 30.0), (90, 10), (22.5, 5), (1.4, 0.2), (0.0014, 0.001)])
func graticuleStepGivesAFewLines(span: Double, step: Double) {
    #expect(MapRasterizer.graticuleStep(lonSpan: span) == step)
}

@Test func oceanViewDrawsNothing() {
    var layers = MapLayers(columns: 40, rows: 10)
    let pacific = Viewport(center: LatLon(lat: -30, lon: -130), zoom: 6)
    rasterizer.draw(Projection(viewport: pacific, size: CellSize(width: 40, height: 10)), into: &layers)
    #expect(layers.coastline.isEmpty)
}

@Test func layersAreResizedToTheArea() {
    var layers = MapLayers(columns: 3, rows: 3)
    rasterizer.draw(Projection(viewport: .world, size: CellSize(width: 50, height: 20)), into: &layers)
    #expect(layers.columns == 50)
    #expect(layers.rows == 20)
}

@Test(arguments: [(80, 24), (200, 60), (400, 120), (120, 40), (97, 31)])
func worldViewReadsOneBoxAtAnySize(width: Int, height: Int) {
    let projection = Projection(viewport: .world, size: CellSize(width: width, height: height))
    #expect(MapRasterizer.pieces(for: projection).count == 1)
}

@Test(arguments: [
    (Viewport.world, 200, 60), (Viewport(center: LatLon(lat: 52, lon: 15), zoom: 2), 200, 60),
    (Viewport(center: LatLon(lat: 49.5, lon: 8.5), zoom: 5), 200, 60),
    (Viewport(center: LatLon(lat: 49.5, lon: 8.5), zoom: 5), 400, 120),
])
func generalisationStaysWithinHalfADot(viewport: Viewport, width: Int, height: Int) {
    let projection = Projection(viewport: viewport, size: CellSize(width: width, height: height))
    let tolerance = MapRasterizer.generalisationTolerance(for: projection)
    #expect(tolerance == projection.latDegreesPerDot / 2)
    // A latitude degree spans at least as many dots as a longitude degree, so half a latitude dot bounds both.
    #expect(1 / projection.dotsPerLonDegree >= projection.latDegreesPerDot - 1e-12)
    let level = MapRasterizer.detailLevel(for: projection)
    let chosen = Atlas.embedded.generalisations(level).last { $0 <= tolerance }
    #expect(chosen != nil || level == .high)
}

@Test func generalisationChangesTheDrawingByAboutADot() {
    // Europe at 200x60 and the Rhineland at zoom 5: each dot of the generalised lines lies within one dot of a dot
    // drawn from every point, and the other way round, but for a few where the pen's rounding adds up (the lines
    // move by at most half a dot; the pen floors each end and steps between them).
    for viewport in [
        Viewport(center: LatLon(lat: 52, lon: 15), zoom: 2), Viewport(center: LatLon(lat: 49.5, lon: 8.5), zoom: 5),
    ] {
        let projection = Projection(viewport: viewport, size: CellSize(width: 200, height: 60))
        let level = MapRasterizer.detailLevel(for: projection)
        let tolerance = MapRasterizer.generalisationTolerance(for: projection)
        let transform = projection.dotTransform(unitsPerDegree: Double(Atlas.unitsPerDegree))
        let box = MapRasterizer.pieces(for: projection)[0].box
        for layer in [AtlasLayer.coastline, .lake, .border, .river] {
            var full = DotCanvas(columns: 200, rows: 60)
            var generalised = full
            full.withPen(transform: transform) { pen in
                Atlas.embedded.forEachPolyline(layer, level: level, in: box) { pen.draw($0) }
            }
            generalised.withPen(transform: transform) { pen in
                Atlas.embedded.forEachPolyline(layer, level: level, tolerance: tolerance, in: box) { pen.draw($0) }
            }
            #expect(full != generalised, "\(layer) generalised at \(tolerance) degrees")
            for (from, to) in [(full, generalised), (generalised, full)] {
                func isNear(_ x: Int, _ y: Int, within reach: Int) -> Bool {
                    (-reach...reach).contains { dy in
                        (-reach...reach).contains { dx in to.isSet(DotPoint(x: x + dx, y: y + dy)) }
                    }
                }
                var dots = 0
                var beyondOne = 0
                var beyondTwo = 0
                for y in 0..<from.dotHeight {
                    for x in 0..<from.dotWidth where from.isSet(DotPoint(x: x, y: y)) {
                        dots += 1
                        if !isNear(x, y, within: 1) { beyondOne += 1 }
                        if !isNear(x, y, within: 2) { beyondTwo += 1 }
                    }
                }
                #expect(beyondTwo * 2_000 <= dots, "\(layer) at zoom \(viewport.zoom): \(beyondTwo) over two dots away")
                #expect(beyondOne * 500 <= dots, "\(layer) at zoom \(viewport.zoom): \(beyondOne) of \(dots) dots")
            }
        }
    }
}
