import Testing

@testable import Geo

/// A transform taking quantized units straight to dots (one unit, one dot; y down).
private let identity = DotTransform(scaleX: 1, offsetX: 0, scaleY: 1, offsetY: 0)

private func fill(_ rings: [[Int32]], columns: Int = 4, rows: Int = 2, stipple: UInt8 = 0xFF) -> DotCanvas {
    var canvas = DotCanvas(columns: columns, rows: rows)
    var area = AreaFill(transform: identity, dotHeight: canvas.dotHeight)
    for ring in rings { ring.withUnsafeBufferPointer { area.add($0) } }
    area.fill(into: &canvas, stipple: stipple)
    return canvas
}

@Test func squareFillsTheDotsWhoseCentresItHolds() {
    // Dots 1...4 across and 1...4 down of an 8x8 canvas.
    let canvas = fill([[1, 1, 5, 1, 5, 5, 1, 5]])
    for y in 0..<8 {
        for x in 0..<8 {
            #expect(canvas.isSet(DotPoint(x: x, y: y)) == ((1...4).contains(x) && (1...4).contains(y)), "\(x),\(y)")
        }
    }
}

@Test func holeStaysEmpty() {
    let canvas = fill([[0, 0, 8, 0, 8, 8, 0, 8], [2, 2, 6, 2, 6, 6, 2, 6]])
    #expect(canvas.isSet(DotPoint(x: 1, y: 1)))
    #expect(!canvas.isSet(DotPoint(x: 4, y: 4)))
    #expect(canvas.isSet(DotPoint(x: 7, y: 7)))
}

@Test func stippleSetsOnlyItsDots() {
    let canvas = fill([[0, 0, 8, 0, 8, 8, 0, 8]], stipple: 0x21)
    #expect(canvas.patterns == [0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21])
}

@Test func ringsOffTheCanvasOrTooShortFillNothing() {
    #expect(fill([[-20, -20, -10, -20, -10, -10]]).isEmpty)
    #expect(fill([[100, 0, 120, 0, 120, 8]]).isEmpty)
    #expect(fill([[0, 0, 8, 8]]).isEmpty)
    #expect(fill([]).isEmpty)
}

@Test func urbanAreasShowOnlyAtRegionalAndCityZooms() {
    let rasterizer = MapRasterizer()
    let size = CellSize(width: 80, height: 24)
    for zoom in [3, 4, 5, 7, 10, 11, 14] {
        var layers = MapLayers(columns: 80, rows: 24)
        let projection = Projection(viewport: Viewport(center: LatLon(lat: 48.86, lon: 2.35), zoom: zoom), size: size)
        rasterizer.draw(projection, into: &layers)
        #expect(layers.urban.isEmpty == !MapRasterizer.urbanZooms.contains(zoom), "zoom \(zoom)")
    }
    #expect(MapRasterizer.urbanZooms == 5...10)
}

@Test func ringsFarBeyondTheCanvasFillWhatTheyCover() {
    // A ring reaching a billion dots out on every side covers the whole canvas without overflowing.
    let far: Int32 = 1_000_000_000
    let canvas = fill([[-far, -far, far, -far, far, far, -far, far]])
    #expect(canvas.patterns.allSatisfy { $0 == 0xFF })
}

@Test func aFillCollectingOnlyItsStipplesRowsSetsTheSameDots() {
    // A star-shaped ring with a hole, over many rows: the fill that skips the rows the stipple leaves empty
    // sets exactly the dots of the fill that collects every row.
    let rings: [[Int32]] = [[1, 1, 30, 3, 12, 9, 38, 22, 4, 30, 9, 14], [10, 10, 16, 11, 14, 17]]
    for stipple: UInt8 in [0x21, 0x81, 0x0F, 0xFF] {
        var every = DotCanvas(columns: 20, rows: 8)
        var some = every
        var all = AreaFill(transform: identity, dotHeight: every.dotHeight)
        var rowsOfStipple = AreaFill(transform: identity, dotHeight: every.dotHeight, stipple: stipple)
        for ring in rings {
            ring.withUnsafeBufferPointer {
                all.add($0)
                rowsOfStipple.add($0)
            }
        }
        all.fill(into: &every, stipple: stipple)
        rowsOfStipple.fill(into: &some, stipple: stipple)
        #expect(some == every, "stipple \(stipple)")
        #expect(!every.isEmpty)
    }
}

@Test func rowsOfManyCrossingsFillEveryOtherBand() {
    // 24 nested squares, 48 crossings on the middle rows (more than a row's insertion sort takes): even-odd bands
    // two dots wide, added innermost first so that no row's crossings arrive sorted.
    let rings: [[Int32]] = (0..<24).reversed().map { ring in
        let low = Int32(2 * ring)
        let high = Int32(100 - 2 * ring)
        return [low, low, high, low, high, high, low, high]
    }
    let canvas = fill(rings, columns: 50, rows: 25)
    for x in 0..<100 {
        let band = min(x, 99 - x) / 2
        #expect(canvas.isSet(DotPoint(x: x, y: 50)) == (band < 24 && band % 2 == 0), "\(x)")
    }
}
