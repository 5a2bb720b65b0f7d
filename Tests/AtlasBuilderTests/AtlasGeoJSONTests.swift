import Foundation
import Testing

@testable import AtlasBuilder
@testable import Geo

/// The package's root folder.
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Natural Earth GeoJSON beside the clone (CI copies shared/ next to it).
private let naturalEarth = packageRoot.appendingPathComponent("../shared/data/naturalearth").standardizedFileURL

private func read(_ name: String) throws(AtlasError) -> Data {
    do {
        return try Data(contentsOf: naturalEarth.appendingPathComponent(name))
    } catch {
        throw .invalidSource(detail: "\(name): \(error)")
    }
}

@Test func everyGeometryKindBecomesLines() throws {
    let json = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}},
          {"type": "Feature", "properties": {}, "geometry": {"type": "MultiLineString",
            "coordinates": [[[5, 6], [7, 8]], [[9, 10], [11, 12, 13]]]}},
          {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon",
            "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}},
          {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPolygon",
            "coordinates": [[[[2, 2], [3, 2], [2, 2]]], [[[4, 4], [5, 4], [4, 4]]]]}},
          {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1, 1]}},
          {"type": "Feature", "properties": {}, "geometry": null}
        ]}
        """
    let lines = try AtlasGeoJSON.lines(from: Data(json.utf8))
    #expect(lines.count == 6)
    #expect(lines[0] == [LatLon(lat: 2, lon: 1), LatLon(lat: 4, lon: 3)])
    #expect(lines[2] == [LatLon(lat: 10, lon: 9), LatLon(lat: 12, lon: 11)])
    #expect(lines[3].count == 4 && lines[3].first == lines[3].last)
    #expect(lines[5] == [LatLon(lat: 4, lon: 4), LatLon(lat: 4, lon: 5), LatLon(lat: 4, lon: 4)])
}

@Test func placesKeepNamesCountryPopulationAndRank() throws {
    let json = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"name": "Zürich", "nameascii": "Zurich", "adm0name": "Switzerland",
            "pop_max": 1108000, "scalerank": 3, "labelrank": 5},
           "geometry": {"type": "Point", "coordinates": [8.54, 47.37]}},
          {"type": "Feature", "properties": {"name": "Nowhere", "pop_max": -99},
           "geometry": {"type": "Point", "coordinates": [0, 0]}}
        ]}
        """
    let places = try AtlasGeoJSON.places(from: Data(json.utf8))
    #expect(
        places == [
            Place(
                name: "Zürich", nameASCII: "Zurich", country: "Switzerland", population: 1_108_000, rank: 3,
                position: LatLon(lat: 47.37, lon: 8.54)),
            Place(
                name: "Nowhere", nameASCII: "Nowhere", country: "", population: 0, rank: 10,
                position: LatLon(lat: 0, lon: 0)),
        ])
}

@Test func invalidJSONNamesTheFile() {
    #expect(throws: AtlasError.self) { try AtlasGeoJSON.lines(from: Data("{".utf8), name: "x.json") }
    do {
        _ = try AtlasGeoJSON.places(from: Data("[]".utf8), name: "x.json")
        Issue.record("expected an error")
    } catch {
        #expect(error.message.contains("x.json"))
    }
}

@Test(
    .enabled(
        if: FileManager.default.fileExists(atPath: naturalEarth.appendingPathComponent("ne_110m_coastline.json").path),
        "Natural Earth data not found at ../shared/data/naturalearth beside the package; regeneration not checked"))
func regenerating110mGivesTheAssetsBytes() throws {
    let asset = try [UInt8](Data(contentsOf: packageRoot.appendingPathComponent("assets/atlas.bin")))
    let source = try AtlasGeoJSON.level(.low, read: read)
    let first = try AtlasEncoder.encodeLevel(source, level: .low).bytes
    let second = try AtlasEncoder.encodeLevel(source, level: .low).bytes
    #expect(first == second)
    #expect(first == (try Atlas(data: asset).encodedSection(.low)))
}

@Test func namedLinesKeepNameZoomsAndEveryPartOfAMultiLine() throws {
    let json = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"name": "Rhône", "name_en": "Rhône", "min_zoom": 5, "min_label": 6},
           "geometry": {"type": "MultiLineString", "coordinates": [[[4.8, 45.7], [4.9, 45.1]], [[4.6, 44], [4.7, 43.5]]]}},
          {"type": "Feature", "properties": {"name": "Rhein", "name_en": "Rhine", "min_zoom": 4},
           "geometry": {"type": "LineString", "coordinates": [[7.6, 47.6], [7.6, 48]]}},
          {"type": "Feature", "properties": {"min_zoom": 7}, "geometry": {"type": "LineString", "coordinates": [[1, 1]]}},
          {"type": "Feature", "properties": {}, "geometry": null}
        ]}
        """
    let lines = try AtlasGeoJSON.namedLines(from: Data(json.utf8))
    #expect(lines.count == 3)
    #expect(lines[0].feature == LineFeature(name: "Rhône", nameASCII: "Rhone", minZoom: 5, labelZoom: 6))
    #expect(lines[1].feature == lines[0].feature)
    #expect(lines[2].feature == LineFeature(name: "Rhine", nameASCII: "Rhine", minZoom: 4, labelZoom: 5))
    #expect(lines[2].line == [LatLon(lat: 47.6, lon: 7.6), LatLon(lat: 48, lon: 7.6)])
}

@Test func riversAndUrbanAreasComeFromTheirFiles() {
    for level in DetailLevel.allCases {
        let files = AtlasGeoJSON.files(for: level)
        #expect(files.contains { $0.layer == .river && $0.name.contains("rivers_lake_centerlines") })
        #expect(files.contains { $0.layer == .urban } == (level != .low))
    }
}

@Test func riverNamesThatLostTheirAccentsAreRestoredFromTheCoarserScale() {
    func river(_ name: String) -> LineFeature {
        LineFeature(name: name, nameASCII: AtlasGeoJSON.asciiFolded(name), minZoom: 5, labelZoom: 6)
    }
    let restored = AtlasGeoJSON.restoringNames(
        [river("Rhne"), river("Rhine"), nil, river("Glma")], from: [river("Rhône"), river("Glåma"), river("Rhine")])
    #expect(restored == [river("Rhône"), river("Rhine"), nil, river("Glåma")])
    #expect(restored.first??.nameASCII == "Rhone")
}
