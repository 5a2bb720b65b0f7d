import Foundation
import Testing

@testable import Streets

/// An atlas of two lines in Helsinki: a named primary road and an unnamed footway.
func sampleAtlas() throws -> StreetAtlas {
    var builder = StreetAtlasBuilder()
    let name = builder.nameIndex(for: "Mannerheimintie")
    let road: [Int32] = [249_380_000, 601_700_000, 249_390_000, 601_710_000, 249_400_000, 601_720_000]
    let path: [Int32] = [249_450_000, 601_700_000, 249_451_000, 601_700_500]
    road.withUnsafeBufferPointer { builder.add(.primary, name: name, points: $0) }
    path.withUnsafeBufferPointer { builder.add(.footway, name: -1, points: $0) }
    return try StreetAtlas(bytes: Data(builder.encoded(metadata: [("source", "test.osm.pbf")])))
}

@Test func builtAtlasRoundTripsLinesNamesAndMetadata() throws {
    let atlas = try sampleAtlas()
    #expect(atlas.bounds == UnitBox(minLon: 249_380_000, minLat: 601_700_000, maxLon: 249_451_000, maxLat: 601_720_000))
    #expect(atlas.metadata["source"] == "test.osm.pbf")
    var full: [(StreetClass, String?, Int)] = []
    atlas.forEachLine(level: StreetAtlasLayout.levels.count - 1, in: atlas.bounds) { line in
        full.append((line.streetClass, line.nameIndex.flatMap(atlas.name), line.points.count / 2))
    }
    #expect(full.map(\.0).sorted { $0.rawValue < $1.rawValue } == [.footway, .primary])
    #expect(full.contains { $0.0 == .primary && $0.1 == "Mannerheimintie" })
    // The overview level holds major roads only.
    var overview: [StreetClass] = []
    atlas.forEachLine(level: 0, in: atlas.bounds) { overview.append($0.streetClass) }
    #expect(overview == [.primary])
}

@Test func queryFarAwayReadsNothing() throws {
    let atlas = try sampleAtlas()
    var count = 0
    atlas.forEachLine(
        level: StreetAtlasLayout.levels.count - 1, in: UnitBox(minLon: 0, minLat: 0, maxLon: 10, maxLat: 10)
    ) { _ in count += 1 }
    #expect(count == 0)
}

@Test func longLinesAreCutIntoTileSizedPieces() throws {
    var builder = StreetAtlasBuilder()
    let long: [Int32] = [240_000_000, 600_000_000, 241_000_000, 600_000_000]
    long.withUnsafeBufferPointer { builder.add(.motorway, name: -1, points: $0) }
    let atlas = try StreetAtlas(bytes: Data(builder.encoded(metadata: [])))
    var widths: [Int32] = []
    atlas.forEachLine(level: StreetAtlasLayout.levels.count - 1, in: atlas.bounds) { line in
        widths.append(line.points[line.points.count - 2] - line.points[0])
    }
    #expect(widths.count >= 40)
    #expect(widths.allSatisfy { $0 <= 25_000 })
    #expect(widths.reduce(0, +) == 1_000_000)
}

@Test func corruptAtlasIsRejectedNotRead() throws {
    var bytes = try Array(sampleAtlas().bytes)
    #expect(throws: StreetAtlasError.self) { try StreetAtlas(bytes: Data(bytes.prefix(100))) }
    bytes[72 + 8] = 0xFF  // level 0 index offset far past the end
    bytes[72 + 15] = 0x7F
    #expect(throws: StreetAtlasError.self) { try StreetAtlas(bytes: Data(bytes)) }
    #expect(throws: StreetAtlasError("not a linq-map street atlas")) { try StreetAtlas(bytes: Data("hello".utf8)) }
}

@Test func zoomPicksTheLevel() {
    #expect(StreetAtlasLayout.level(forZoom: 10) == nil)
    #expect(StreetAtlasLayout.level(forZoom: 11) == 0)
    #expect(StreetAtlasLayout.level(forZoom: 12) == 1)
    #expect(StreetAtlasLayout.level(forZoom: 13) == 1)
    #expect(StreetAtlasLayout.level(forZoom: 14) == 2)
    #expect(StreetAtlasLayout.level(forZoom: 16) == 3)
    #expect(StreetAtlasLayout.level(forZoom: 18) == 3)
}

@Test func tagsClassify() {
    #expect(StreetClass.of(key: Array("highway".utf8), value: Array("trunk_link".utf8)) == .motorway)
    #expect(StreetClass.of(key: Array("railway".utf8), value: Array("tram".utf8)) == .tram)
    #expect(StreetClass.of(key: Array("building".utf8), value: Array("no".utf8)) == nil)
    #expect(StreetClass.of(key: Array("building".utf8), value: Array("yes".utf8)) == .building)
    #expect(StreetClass.of(key: Array("highway".utf8), value: Array("bus_stop".utf8)) == nil)
}
