import AtlasBuilder
import Foundation
import Testing

@testable import Geo

/// Collects the pieces `atlas` delivers as arrays of quantized points.
private func pieces(_ atlas: Atlas, _ layer: AtlasLayer, _ level: DetailLevel, _ box: GeoBox) -> [[Int32]] {
    var result: [[Int32]] = []
    atlas.forEachPolyline(layer, level: level, in: box) { result.append(Array($0)) }
    return result
}

/// Whether the bounding box of `piece` (quantized) meets `box` (degrees).
private func meets(_ piece: [Int32], _ box: GeoBox) -> Bool {
    var minX = Int32.max
    var minY = Int32.max
    var maxX = Int32.min
    var maxY = Int32.min
    for index in stride(from: 0, to: piece.count, by: 2) {
        minX = min(minX, piece[index])
        maxX = max(maxX, piece[index])
        minY = min(minY, piece[index + 1])
        maxY = max(maxY, piece[index + 1])
    }
    let scale = Double(Atlas.unitsPerDegree)
    return Double(minX) / scale <= box.maxLon && Double(maxX) / scale >= box.minLon
        && Double(minY) / scale <= box.maxLat && Double(maxY) / scale >= box.minLat
}

/// A small atlas: three short coastlines far apart, one lake, two places per level.
private func sampleAtlas() throws -> Atlas {
    var levels = DetailLevel.allCases.map { _ in AtlasLevelSource(tileDegrees: 10) }
    levels[0][.coastline] = [
        [LatLon(lat: 1, lon: 1), LatLon(lat: 2, lon: 2)],
        [LatLon(lat: 50, lon: 100), LatLon(lat: 51, lon: 101), LatLon(lat: 50, lon: 102)],
        [LatLon(lat: -40, lon: -70), LatLon(lat: -41, lon: -71)],
    ]
    levels[0][.lake] = [[LatLon(lat: 10, lon: 10), LatLon(lat: 11, lon: 10), LatLon(lat: 10, lon: 11)]]
    levels[1].places = [
        Place(
            name: "Small", nameASCII: "Small", country: "A", population: 10, rank: 5, position: LatLon(lat: 1, lon: 1)),
        Place(name: "Big", nameASCII: "Big", country: "A", population: 1000, rank: 5, position: LatLon(lat: 2, lon: 2)),
        Place(
            name: "Capital", nameASCII: "Capital", country: "B", population: 5, rank: 0,
            position: LatLon(lat: 3, lon: 3)),
        Place(
            name: "Far", nameASCII: "Far", country: "C", population: 9_999, rank: 0, position: LatLon(lat: 60, lon: 60)),
    ]
    return try Atlas(data: AtlasEncoder.encode(levels).bytes)
}

@Test func queryReturnsTheLinesInTheBoxAndNoneOutside() throws {
    let atlas = try sampleAtlas()
    let box = GeoBox(minLon: 0, minLat: 0, maxLon: 3, maxLat: 3)
    #expect(pieces(atlas, .coastline, .low, box) == [[100_000, 100_000, 200_000, 200_000]])
    #expect(pieces(atlas, .coastline, .low, GeoBox(minLon: 99, minLat: 49, maxLon: 103, maxLat: 52)).count == 1)
    #expect(pieces(atlas, .coastline, .low, GeoBox(minLon: 3, minLat: 3, maxLon: 9, maxLat: 9)).isEmpty)
    #expect(pieces(atlas, .coastline, .low, .world).count == 3)
    #expect(pieces(atlas, .lake, .low, box).isEmpty)
    #expect(pieces(atlas, .lake, .low, GeoBox(minLon: 10.5, minLat: 10.2, maxLon: 10.6, maxLat: 10.3)).count == 1)
    #expect(pieces(atlas, .coastline, .medium, .world).isEmpty)
}

@Test func boxEdgesCountAsInside() throws {
    let atlas = try sampleAtlas()
    #expect(pieces(atlas, .coastline, .low, GeoBox(minLon: 2, minLat: 2, maxLon: 5, maxLat: 5)).count == 1)
    #expect(pieces(atlas, .coastline, .low, GeoBox(minLon: -5, minLat: -5, maxLon: 1, maxLat: 1)).count == 1)
}

@Test(arguments: [
    GeoBox(minLon: 5, minLat: 0, maxLon: 4, maxLat: 3),
    GeoBox(minLon: .nan, minLat: 0, maxLon: 4, maxLat: 3),
    GeoBox(minLon: 200, minLat: 0, maxLon: 210, maxLat: 3),
])
func invertedNaNOrOffGlobeBoxesYieldNothing(box: GeoBox) throws {
    let atlas = try sampleAtlas()
    #expect(pieces(atlas, .coastline, .low, box).isEmpty)
    #expect(atlas.places(level: .medium, in: box).isEmpty)
}

@Test func placesAreFilteredAndMostImportantFirst() throws {
    let atlas = try sampleAtlas()
    let names = atlas.places(level: .medium, in: GeoBox(minLon: 0, minLat: 0, maxLon: 10, maxLat: 10)).map(\.name)
    #expect(names == ["Capital", "Big", "Small"])
    #expect(atlas.places(level: .medium, in: .world).map(\.name) == ["Far", "Capital", "Big", "Small"])
    #expect(atlas.places(level: .low, in: .world).isEmpty)
}

@Test func embeddedQueriesMatchBruteForce() {
    let atlas = Atlas.embedded
    let boxes = [
        GeoBox(minLon: -10, minLat: 35, maxLon: 30, maxLat: 60),
        GeoBox(minLon: -122.6, minLat: 37.2, maxLon: -121.7, maxLat: 38.0),
        GeoBox(minLon: 170, minLat: -50, maxLon: 180, maxLat: -10),
        GeoBox(minLon: -0.5, minLat: -0.5, maxLon: 0.5, maxLat: 0.5),
    ]
    for level in DetailLevel.allCases {
        for layer in AtlasLayer.allCases {
            let all = pieces(atlas, layer, level, .world)
            for box in boxes {
                let found = pieces(atlas, layer, level, box)
                #expect(found.allSatisfy { meets($0, box) }, "\(level) \(layer) \(box)")
                #expect(found == all.filter { meets($0, box) }, "\(level) \(layer) \(box)")
            }
        }
    }
}

@Test func embeddedAtlasHasEveryLayerAndPlaces() {
    let atlas = Atlas.embedded
    for level in DetailLevel.allCases {
        for layer in AtlasLayer.allCases where !((layer == .state || layer == .urban) && level == .low) {
            #expect(!pieces(atlas, layer, level, .world).isEmpty, "\(level) \(layer)")
        }
        #expect(!atlas.places(level: level, in: .world).isEmpty)
    }
    #expect(pieces(atlas, .state, .low, .world).isEmpty)
    #expect(pieces(atlas, .urban, .low, .world).isEmpty)
    let europe = atlas.places(level: .low, in: GeoBox(minLon: -10, minLat: 35, maxLon: 30, maxLat: 60))
    #expect(europe.contains { $0.nameASCII == "Paris" })
}

@Test func embeddedAtlasIsWithinTheByteLimit() {
    #expect(Atlas.embedded.byteCount > 0)
    #expect(Atlas.embedded.byteCount <= AtlasFormat.byteLimit)
    #expect(Atlas.decodeEmbedded().byteCount == Atlas.embedded.byteCount)
}

@Test func everyPieceHasAtLeastTwoPoints() {
    for level in DetailLevel.allCases {
        Atlas.embedded.forEachPolyline(.coastline, level: level, in: .world) { points in
            #expect(points.count >= 4 && points.count % 2 == 0)
        }
    }
}

@Test func foreignBytesAreRejected() {
    #expect(throws: AtlasError.notAnAtlas) { try Atlas(data: Array("hello, world".utf8)) }
    #expect(throws: AtlasError.notAnAtlas) { try Atlas(data: []) }
    var future = Array("LINQATLS".utf8) + [4, 0, 3, 0]
    future += [UInt8](repeating: 0, count: 24)
    #expect(throws: AtlasError.unsupportedVersion(4)) { try Atlas(data: future) }
    // Version 1 had no rivers, urban areas or line features, version 2 no generalisations: an old atlas file is
    // refused, not misread.
    for version: UInt8 in [1, 2] {
        var old = Array("LINQATLS".utf8) + [version, 0, 3, 0]
        old += [UInt8](repeating: 0, count: 24)
        #expect(throws: AtlasError.unsupportedVersion(Int(version))) { try Atlas(data: old) }
    }
}

@Test func truncatedAtlasIsMalformed() throws {
    var levels = DetailLevel.allCases.map { _ in AtlasLevelSource(tileDegrees: 10) }
    levels[2][.border] = [[LatLon(lat: 1, lon: 1), LatLon(lat: 2, lon: 2)]]
    let bytes = try AtlasEncoder.encode(levels).bytes
    for cut in [bytes.count - 1, bytes.count - 5, 20] {
        #expect(throws: AtlasError.self) { try Atlas(data: Array(bytes.prefix(cut))) }
    }
    var corrupt = bytes
    corrupt[corrupt.count - 3] = 0xFF
    #expect(throws: AtlasError.self) { try Atlas(data: corrupt) }
}

@Test func errorMessagesSayWhatToDo() {
    #expect(AtlasError.notAnAtlas.message.contains("linq-atlas"))
    #expect(AtlasError.malformed(detail: "x").message.contains("regenerate"))
}

@Test func detailLevelsAreOrdered() {
    #expect(DetailLevel.low < DetailLevel.medium && DetailLevel.medium < DetailLevel.high)
}

@Test func preloadDecodesALevelAhead() throws {
    let atlas = try sampleAtlas()
    atlas.preload(.high)
    #expect(pieces(atlas, .coastline, .high, .world).isEmpty)
    let embedded = Atlas.decodeEmbedded()
    embedded.preload(.medium)
    #expect(!pieces(embedded, .coastline, .medium, GeoBox(minLon: -10, minLat: 35, maxLon: 30, maxLat: 60)).isEmpty)
}

@Test func concurrentFirstQueriesAgree() async {
    let atlas = Atlas.decodeEmbedded()
    let counts = await withTaskGroup(of: Int.self) { group in
        for _ in 0..<4 {
            group.addTask {
                var count = 0
                atlas.forEachPolyline(.border, level: .medium, in: .world) { _ in count += 1 }
                return count
            }
        }
        return await group.reduce(into: []) { $0.append($1) }
    }
    #expect(Set(counts).count == 1)
    #expect(counts.first ?? 0 > 0)
}

@Test func riverPiecesCarryTheirFeatureAcrossTileEdges() throws {
    var levels = DetailLevel.allCases.map { _ in AtlasLevelSource(tileDegrees: 10) }
    let rhine = LineFeature(name: "Rhine", nameASCII: "Rhine", minZoom: 4, labelZoom: 5)
    // Crosses the tile edge at 10 degrees east: two pieces, one feature.
    levels[2][.river] = [
        [LatLon(lat: 47, lon: 8), LatLon(lat: 49, lon: 12)], [LatLon(lat: 40, lon: 1), LatLon(lat: 41, lon: 2)],
    ]
    levels[2].features[AtlasLayer.river.rawValue] = [rhine, nil]
    let atlas = try Atlas(data: AtlasEncoder.encode(levels).bytes)
    var seen: [LineFeature?] = []
    atlas.forEachPolyline(.river, level: .high, in: .world) { _, feature in seen.append(feature) }
    #expect(seen == [rhine, nil, rhine])  // tile by tile: the first tile holds both lines, in source order
    var plain = 0
    atlas.forEachPolyline(.coastline, level: .high, in: .world) { _, feature in
        plain += 1
        #expect(feature == nil)
    }
    #expect(plain == 0)
}

@Test func areaRingsStayWholeAndAreFoundFromAnyTileTheyReach() throws {
    var levels = DetailLevel.allCases.map { _ in AtlasLevelSource(tileDegrees: 2) }
    // A ring 3 degrees wide starting in one 2-degree tile and reaching two tiles east and north.
    let ring = [
        LatLon(lat: 48, lon: 1), LatLon(lat: 48, lon: 4), LatLon(lat: 51, lon: 4), LatLon(lat: 51, lon: 1),
        LatLon(lat: 48, lon: 1),
    ]
    levels[1][.urban] = [ring]
    let atlas = try Atlas(data: AtlasEncoder.encode(levels).bytes)
    let whole = pieces(atlas, .urban, .medium, .world)
    #expect(whole.count == 1 && whole.first?.count == 10)
    // A box touching only the ring's north-east corner tile still finds it.
    #expect(pieces(atlas, .urban, .medium, GeoBox(minLon: 3.5, minLat: 50.5, maxLon: 3.9, maxLat: 50.9)) == whole)
    #expect(pieces(atlas, .urban, .medium, GeoBox(minLon: 4.5, minLat: 50.5, maxLon: 5, maxLat: 50.9)).isEmpty)
}

@Test func embeddedAtlasHasNamedRiversAndUrbanAreas() {
    let atlas = Atlas.embedded
    var names: Set<String> = []
    atlas.forEachPolyline(.river, level: .high, in: GeoBox(minLon: 0, minLat: 44, maxLon: 20, maxLat: 53)) { _, f in
        if let f { names.insert(f.name) }
    }
    #expect(names.isSuperset(of: ["Rhine", "Danube", "Elbe", "Seine", "Main"]))
    var mississippi = false
    atlas.forEachPolyline(.river, level: .low, in: .world) { _, f in
        mississippi = mississippi || f?.name == "Mississippi"
    }
    #expect(mississippi)
    let paris = GeoBox(minLon: 2.3, minLat: 48.8, maxLon: 2.4, maxLat: 48.9)
    for level in [DetailLevel.medium, .high] {
        let rings = pieces(atlas, .urban, level, paris)
        #expect(!rings.isEmpty, "\(level)")
        #expect(rings.allSatisfy { $0.count >= 8 && $0.prefix(2) == $0.suffix(2) }, "closed rings at \(level)")
    }
}

@Test(arguments: DetailLevel.allCases)
func placesInABoxAreTheWholeListFilteredInItsOrder(level: DetailLevel) {
    // The grid the query reads gives what a scan of every place gives: the same places, most important first.
    let atlas = Atlas.embedded
    let all = atlas.places(level: level, in: .world)
    let units = Double(Atlas.unitsPerDegree)
    let boxes = [
        GeoBox(minLon: 3.2, minLat: 47.1, maxLon: 13.7, maxLat: 52.3),
        GeoBox(minLon: -30.5, minLat: 25.25, maxLon: 45.75, maxLat: 71.5),
        GeoBox(minLon: -122.9, minLat: 37.2, maxLon: -121.7, maxLat: 38.3),
        GeoBox(minLon: 170.5, minLat: -50.5, maxLon: 180, maxLat: -30.25),
        GeoBox(minLon: -180, minLat: -90, maxLon: -100.5, maxLat: 10.5),
    ]
    for box in boxes {
        let expected = all.filter { place in
            let x = (place.position.lon * units).rounded()
            let y = (place.position.lat * units).rounded()
            return x >= (box.minLon * units).rounded(.down) && x <= (box.maxLon * units).rounded(.up)
                && y >= (box.minLat * units).rounded(.down) && y <= (box.maxLat * units).rounded(.up)
        }
        #expect(atlas.places(level: level, in: box) == expected, "\(level) \(box)")
    }
    #expect(all.count > 100)
}
