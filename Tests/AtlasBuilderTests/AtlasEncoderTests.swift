import Foundation
import Testing

@testable import AtlasBuilder
@testable import Geo

/// Decodes `bytes` and returns every piece of `layer` at `level`.
private func decodedPieces(_ bytes: [UInt8], _ layer: AtlasLayer, _ level: DetailLevel) throws -> [[Int32]] {
    var result: [[Int32]] = []
    try Atlas(data: bytes).forEachPolyline(layer, level: level, in: .world) { result.append(Array($0)) }
    return result
}

/// Levels with `lines` in `layer` of `level` and nothing else.
private func levels(_ lines: [[LatLon]], layer: AtlasLayer = .coastline, level: DetailLevel = .low, tile: Int = 20)
    -> [AtlasLevelSource]
{
    var levels = DetailLevel.allCases.map { _ in AtlasLevelSource(tileDegrees: tile) }
    levels[level.rawValue][layer] = lines
    return levels
}

@Test func roundTripKeepsQuantizedPoints() throws {
    let line = [
        LatLon(lat: 48.856_614, lon: 2.352_222), LatLon(lat: 48.9, lon: 2.4),
        LatLon(lat: 49.123_456_7, lon: 3.000_004_9),
        LatLon(lat: 49.2, lon: 3.1),
    ]
    for layer in AtlasLayer.allCases {
        for level in DetailLevel.allCases {
            let bytes = try AtlasEncoder.encode(levels([line], layer: layer, level: level)).bytes
            #expect(
                try decodedPieces(bytes, layer, level) == [
                    [235_222, 4_885_661, 240_000, 4_890_000, 300_000, 4_912_346, 310_000, 4_920_000]
                ])
        }
    }
}

@Test func negativeAndExtremeCoordinatesRoundTrip() throws {
    let line = [LatLon(lat: -90, lon: -180), LatLon(lat: -89.999_99, lon: -179.999_99)]
    let arctic = [LatLon(lat: 90, lon: 180), LatLon(lat: 89.5, lon: 179.5)]
    let bytes = try AtlasEncoder.encode(levels([line, arctic], tile: 180)).bytes
    #expect(
        try decodedPieces(bytes, .coastline, .low) == [
            [-18_000_000, -9_000_000, -17_999_999, -8_999_999], [18_000_000, 9_000_000, 17_950_000, 8_950_000],
        ])
}

@Test func linesAreSplitAtTileEdgesWithASharedPoint() throws {
    let line = [LatLon(lat: 1, lon: -5), LatLon(lat: 1, lon: 5)]
    let bytes = try AtlasEncoder.encode(levels([line])).bytes
    #expect(
        try decodedPieces(bytes, .coastline, .low) == [
            [-500_000, 100_000, 0, 100_000], [0, 100_000, 500_000, 100_000],
        ])
}

@Test func diagonalThroughATileCornerIsSplitOnce() throws {
    let line = [LatLon(lat: -1, lon: -1), LatLon(lat: 1, lon: 1)]
    let bytes = try AtlasEncoder.encode(levels([line])).bytes
    #expect(
        try decodedPieces(bytes, .coastline, .low) == [
            [-100_000, -100_000, 0, 0], [0, 0, 100_000, 100_000],
        ])
}

@Test func longSegmentsStayInsideTheirTiles() throws {
    let line = [LatLon(lat: -60, lon: -170), LatLon(lat: 70, lon: 165), LatLon(lat: 10, lon: -3)]
    let bytes = try AtlasEncoder.encode(levels([line])).bytes
    let pieces = try decodedPieces(bytes, .coastline, .low)
    let size: Int32 = 20 * Atlas.unitsPerDegree
    for piece in pieces {
        let xs = stride(from: 0, to: piece.count, by: 2).map { piece[$0] + 18_000_000 }
        let ys = stride(from: 1, to: piece.count, by: 2).map { piece[$0] + 9_000_000 }
        let column = (xs.reduce(0, +) / Int32(xs.count)) / size
        let row = (ys.reduce(0, +) / Int32(ys.count)) / size
        #expect(xs.allSatisfy { $0 >= column * size - 1 && $0 <= (column + 1) * size + 1 })
        #expect(ys.allSatisfy { $0 >= row * size - 1 && $0 <= (row + 1) * size + 1 })
    }
    #expect(pieces.count > 10)
}

@Test func encodingIsDeterministic() throws {
    var source = levels([[LatLon(lat: 1, lon: -5), LatLon(lat: 1, lon: 5), LatLon(lat: 30, lon: 30)]])
    source[1].places = [
        Place(
            name: "Zürich", nameASCII: "Zurich", country: "Switzerland", population: 1, rank: 2,
            position: LatLon(lat: 47.37, lon: 8.54)),
        Place(
            name: "Bern", nameASCII: "Bern", country: "Switzerland", population: 1, rank: 2,
            position: LatLon(lat: 46.95, lon: 7.45)),
    ]
    let first = try AtlasEncoder.encode(source)
    let second = try AtlasEncoder.encode(source)
    #expect(first == second)
    var shuffled = source
    shuffled[1].places.reverse()
    #expect(try AtlasEncoder.encode(shuffled).bytes == first.bytes)
}

@Test func placesRoundTripQuantized() throws {
    var source = levels([])
    let place = Place(
        name: "Zürich", nameASCII: "Zurich", country: "Switzerland", population: 1_108_000, rank: 3,
        position: LatLon(lat: 47.369_999_4, lon: 8.539_999_6))
    source[2].places = [place]
    let decoded = try Atlas(data: AtlasEncoder.encode(source).bytes).places(level: .high, in: .world)
    var expected = place
    expected.position = LatLon(lat: 47.37, lon: 8.54)
    #expect(decoded == [expected])
}

@Test func repeatedPointsAndDegenerateLinesAreDropped() throws {
    let line = [LatLon(lat: 1, lon: 1), LatLon(lat: 1, lon: 1), LatLon(lat: 1.000_001, lon: 1), LatLon(lat: 2, lon: 2)]
    let dot = [LatLon(lat: 5, lon: 5), LatLon(lat: 5, lon: 5)]
    let bytes = try AtlasEncoder.encode(levels([line, dot])).bytes
    #expect(try decodedPieces(bytes, .coastline, .low) == [[100_000, 100_000, 200_000, 200_000]])
}

@Test func simplificationDropsOnlyPointsWithinTolerance() {
    let points = [
        QuantizedPoint(x: 0, y: 0), QuantizedPoint(x: 10, y: 1), QuantizedPoint(x: 20, y: 0),
        QuantizedPoint(x: 30, y: 50), QuantizedPoint(x: 40, y: 0),
    ]
    #expect(
        AtlasEncoder.simplify(points, tolerance: 2) == [
            QuantizedPoint(x: 0, y: 0), QuantizedPoint(x: 20, y: 0), QuantizedPoint(x: 30, y: 50),
            QuantizedPoint(x: 40, y: 0),
        ])
    #expect(AtlasEncoder.simplify(points, tolerance: 0.5) == points)
}

@Test func badTileSizesAreRejected() {
    #expect(throws: AtlasError.self) { try AtlasEncoder.encode(levels([], tile: 7)) }
    #expect(throws: AtlasError.self) { try AtlasEncoder.encode([AtlasLevelSource(tileDegrees: 10)]) }
}

/// A wiggly line of `count` points near (lat 50, lon 5), deterministic.
private func wigglyLine(count: Int) -> [LatLon] {
    (0..<count).map { index in
        let step = Double(index)
        return LatLon(lat: 50 + 0.3 * sin(step * 0.37) + 0.05 * sin(step * 2.9), lon: 5 + step * 0.01)
    }
}

/// The distance in units from `point` to the polyline `line` (interleaved quantized values).
private func distance(_ point: QuantizedPoint, to line: [Int32]) -> Double {
    stride(from: 0, to: line.count - 2, by: 2).map { index in
        let a = QuantizedPoint(x: Int64(line[index]), y: Int64(line[index + 1]))
        let b = QuantizedPoint(x: Int64(line[index + 2]), y: Int64(line[index + 3]))
        let dx = Double(b.x - a.x)
        let dy = Double(b.y - a.y)
        let t = min(1, max(0, (Double(point.x - a.x) * dx + Double(point.y - a.y) * dy) / max(1, dx * dx + dy * dy)))
        let ex = Double(point.x - a.x) - t * dx
        let ey = Double(point.y - a.y) - t * dy
        return (ex * ex + ey * ey).squareRoot()
    }.min() ?? .infinity
}

@Test func generalisedVariantsAreDouglasPeuckerWithinTheirToleranceAndKeepEndPoints() throws {
    let line = wigglyLine(count: 300)
    let tolerances = [0.002, 0.01, 0.05]
    var sources = levels([line], level: .medium, tile: 10)
    sources[DetailLevel.medium.rawValue].generalisations = tolerances
    let atlas = try Atlas(data: try AtlasEncoder.encode(sources).bytes)
    #expect(atlas.generalisations(.medium) == tolerances)
    #expect(atlas.generalisations(.low).isEmpty)
    var full: [[Int32]] = []
    atlas.forEachPolyline(.coastline, level: .medium, in: .world) { full.append(Array($0)) }
    var previousCount = Int.max
    for tolerance in tolerances {
        var generalised: [[Int32]] = []
        atlas.forEachPolyline(.coastline, level: .medium, tolerance: tolerance, in: .world) {
            generalised.append(Array($0))
        }
        #expect(generalised.count == full.count)
        let units = tolerance * Double(Atlas.unitsPerDegree)
        for (piece, variant) in zip(full, generalised) {
            let points = stride(from: 0, to: piece.count, by: 2).map {
                QuantizedPoint(x: Int64(piece[$0]), y: Int64(piece[$0 + 1]))
            }
            let expected = AtlasEncoder.simplify(points, tolerance: units).flatMap { [Int32($0.x), Int32($0.y)] }
            #expect(variant == expected)
            #expect(variant.prefix(2) == piece.prefix(2))
            #expect(variant.suffix(2) == piece.suffix(2))
            #expect(points.allSatisfy { distance($0, to: variant) <= units })
        }
        let count = generalised.reduce(0) { $0 + $1.count }
        #expect(count < previousCount)
        previousCount = count
    }
    // Between two tolerances the smaller one is read; below the smallest, every point.
    var between: [[Int32]] = []
    atlas.forEachPolyline(.coastline, level: .medium, tolerance: 0.03, in: .world) { between.append(Array($0)) }
    var atSecond: [[Int32]] = []
    atlas.forEachPolyline(.coastline, level: .medium, tolerance: 0.01, in: .world) { atSecond.append(Array($0)) }
    #expect(between == atSecond)
    var below: [[Int32]] = []
    atlas.forEachPolyline(.coastline, level: .medium, tolerance: 0.001, in: .world) { below.append(Array($0)) }
    #expect(below == full)
}

@Test func significancesNestSoEveryVariantHoldsTheCoarserOnes() {
    let points = wigglyLine(count: 200).map(QuantizedPoint.init)
    let significances = AtlasEncoder.significances(points)
    #expect(significances.first == .infinity)
    #expect(significances.last == .infinity)
    var previous = points
    for tolerance in [10.0, 100, 1_000, 10_000] {
        let kept = AtlasEncoder.simplify(points, tolerance: tolerance)
        #expect(Set(kept).isSubset(of: Set(previous)))
        #expect(kept == zip(points, significances).filter { $0.1 > tolerance }.map(\.0))
        previous = kept
    }
}

@Test func generalisationsMustRise() {
    var sources = levels([wigglyLine(count: 10)])
    sources[0].generalisations = [0.1, 0.05]
    #expect(throws: AtlasError.self) { try AtlasEncoder.encode(sources) }
    sources[0].generalisations = Array(repeating: 0.1, count: 1) + (1...15).map { 0.1 + Double($0) }
    #expect(throws: AtlasError.self) { try AtlasEncoder.encode(sources) }
}

@Test func generalisationLadderStepsByHalfAZoomFromHalfThe110mScale() {
    let ladders = AtlasGeoJSON.generalisations
    #expect(ladders.count == DetailLevel.allCases.count)
    for ladder in ladders {
        #expect(ladder == ladder.sorted())
        for (lower, upper) in zip(ladder, ladder.dropFirst()) {
            #expect(abs(upper / lower - 2.0.squareRoot()) < 1e-9)
        }
    }
    #expect(ladders[0].first == 0.175)
    #expect(abs((ladders[1].last ?? 0) - 0.175 / 2.0.squareRoot()) < 1e-12)
    // Each level's finest variant serves its finest scale: 50m down to 0.035 degrees a dot.
    #expect((ladders[1].first ?? 1) <= 0.035 / 2)
}
