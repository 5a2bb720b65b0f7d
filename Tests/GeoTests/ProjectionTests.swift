import Testing

@testable import Geo

@Test func originIsTheCentreOfAZoomZeroView() {
    let projection = Projection(viewport: .world, size: CellSize(width: 80, height: 24))
    #expect(projection.dotWidth == 160)
    #expect(projection.dotHeight == 96)
    #expect(projection.dot(for: LatLon(lat: 0, lon: 0)) == DotPoint(x: 80, y: 48))
    #expect(projection.cell(for: LatLon(lat: 0, lon: 0)) == CellPoint(x: 40, y: 12))
}

@Test func worldCornersMapToTheAreaCorners() {
    // 80x20 cells of 2:1 is exactly 360 by 180 degrees.
    let projection = Projection(viewport: .world, size: CellSize(width: 80, height: 20))
    #expect(projection.dot(for: LatLon(lat: 89.999, lon: -179.999)) == DotPoint(x: 0, y: 0))
    #expect(projection.dot(for: LatLon(lat: -89.999, lon: 179.999)) == DotPoint(x: 159, y: 79))
}

@Test func dotsRoundTripThroughPositions() {
    let projection = Projection(
        viewport: Viewport(center: LatLon(lat: 45, lon: 7), zoom: 6), size: CellSize(width: 90, height: 30))
    for dot in [DotPoint(x: 0, y: 0), DotPoint(x: 17, y: 93), DotPoint(x: 179, y: 119)] {
        #expect(projection.dot(for: projection.position(of: dot)) == dot)
    }
    let cell = CellPoint(x: 33, y: 12)
    #expect(projection.cell(for: projection.position(of: cell)) == cell)
}

@Test func longitudesAreTakenNearestTheCentre() {
    let view = Viewport(center: LatLon(lat: 0, lon: 175), zoom: 3)
    let projection = Projection(viewport: view, size: CellSize(width: 80, height: 20))
    let east = projection.dotCoordinates(of: LatLon(lat: 0, lon: -175))
    let west = projection.dotCoordinates(of: LatLon(lat: 0, lon: 165))
    #expect(abs((east.x - 80) - (80 - west.x)) < 1e-9)
    #expect(east.x > 80)
}

@Test func boundsCrossTheAntimeridian() {
    let view = Viewport(center: LatLon(lat: 0, lon: 180), zoom: 2)
    let projection = Projection(viewport: view, size: CellSize(width: 80, height: 20))
    let bounds = projection.bounds
    // The centre 180 is normalised to -180.
    #expect(bounds.west == -225)
    #expect(bounds.east == -135)
    #expect(projection.worldShifts == [-360, 0])
    #expect(Projection(viewport: .world, size: CellSize(width: 80, height: 20)).worldShifts == [0])
}

@Test func dotTransformMatchesTheProjection() {
    let view = Viewport(center: LatLon(lat: 37.7, lon: -122.4), zoom: 9)
    let projection = Projection(viewport: view, size: CellSize(width: 100, height: 30))
    let transform = projection.dotTransform(unitsPerDegree: 100_000)
    let position = LatLon(lat: 37.8, lon: -122.3)
    let exact = projection.dotCoordinates(of: position)
    let x = Double(-12_230_000) * transform.scaleX + transform.offsetX
    let y = Double(3_780_000) * transform.scaleY + transform.offsetY
    #expect(abs(x - exact.x) < 1e-6)
    #expect(abs(y - exact.y) < 1e-6)
}

@Test func farPointsAreClampedNotTrapped() {
    let projection = Projection(
        viewport: Viewport(center: LatLon(lat: 0, lon: 0), zoom: 18), size: CellSize(width: 80, height: 24))
    let dot = projection.dot(for: LatLon(lat: -90, lon: 179))
    #expect(dot.x <= 1 << 30)
    #expect(dot.y <= 1 << 30)
}
