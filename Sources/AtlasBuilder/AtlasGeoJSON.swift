import Foundation
import Geo

/// Reads Natural Earth GeoJSON (as converted by martynafford/natural-earth-geojson) into atlas sources.
///
/// Pure: the caller reads the files and passes their bytes, so the generator and the tests share one recipe.
public enum AtlasGeoJSON {
    /// Tile edge in degrees per level (low, medium, high).
    public static let tileDegrees = [20, 10, 2]

    /// Douglas-Peucker tolerance in degrees per level (low, medium, high); 0 keeps every source point.
    public static let simplification = [0.0, 0.0, 0.0]

    /// The Douglas-Peucker tolerances (degrees, rising) of each level's generalised variants (low, medium, high).
    ///
    /// The rule: a view draws the variant of the largest tolerance within half the latitude degrees one of its dots
    /// spans (`MapRasterizer.generalisationTolerance`), so its lines stray by at most half a dot. The tolerances
    /// step by half a zoom (a factor of the square root of 2) down from 0.175 degrees, half the scale (0.35 degrees
    /// a dot) where the 110m level gives way to 50m (`MapRasterizer.detailLevel`): 110m has the seven steps from
    /// 1.4 degrees (a 40-column world) down to 0.175; 50m, drawn from 0.35 to 0.035 degrees a dot, the seven from
    /// 0.124 down to 0.0155; 10m, whose every variant costs a bit per point, one: 0.0077 degrees, for 0.0155 to
    /// 0.035 degrees a dot (regions at zoom 5 or so); deeper views draw every point.
    public static let generalisations = [ladder(-6...0), ladder(1...7), ladder(9...9)]

    /// The tolerances 0.175 × 2^(-step/2) degrees for `steps`, rising.
    static func ladder(_ steps: ClosedRange<Int>) -> [Double] {
        steps.reversed().map { 0.175 * pow(2, -Double($0) / 2) }
    }

    /// The Natural Earth files that make up `level`, with the layer each feeds (nil for populated places).
    public static func files(for level: DetailLevel) -> [(layer: AtlasLayer?, name: String)] {
        switch level {
        case .low:
            [
                (.coastline, "ne_110m_coastline.json"), (.lake, "ne_110m_lakes.json"),
                (.border, "ne_110m_admin_0_boundary_lines_land.json"),
                (.river, "ne_110m_rivers_lake_centerlines.json"), (nil, "ne_110m_populated_places_simple.json"),
            ]
        case .medium:
            [
                (.coastline, "ne_50m_coastline.json"), (.lake, "ne_50m_lakes.json"),
                (.border, "ne_50m_admin_0_boundary_lines_land.json"),
                (.state, "ne_50m_admin_1_states_provinces_lines.json"),
                (.river, "ne_50m_rivers_lake_centerlines.json"), (.urban, "ne_50m_urban_areas.json"),
                (nil, "ne_50m_populated_places_simple.json"),
            ]
        case .high:
            [
                (.coastline, "ne_10m_coastline.json"), (.coastline, "ne_10m_minor_islands_coastline.json"),
                (.lake, "ne_10m_lakes.json"), (.border, "ne_10m_admin_0_boundary_lines_land.json"),
                // NB: Natural Earth's 10m state lines are not in shared/data; the 50m ones serve at 10m too.
                (.state, "ne_50m_admin_1_states_provinces_lines.json"),
                (.river, "ne_10m_rivers_lake_centerlines.json"),
                // NB: only the 50m urban areas are in shared/data; they serve at 10m too.
                (.urban, "ne_50m_urban_areas.json"), (nil, "ne_10m_populated_places_simple.json"),
            ]
        }
    }

    /// Builds the source of `level` from the files `read` returns by name.
    public static func level(_ level: DetailLevel, read: (String) throws(AtlasError) -> Data) throws(AtlasError)
        -> AtlasLevelSource
    {
        var source = AtlasLevelSource(
            tileDegrees: tileDegrees[level.rawValue], simplification: simplification[level.rawValue],
            generalisations: generalisations[level.rawValue])
        for file in files(for: level) {
            let data = try read(file.name)
            if file.layer == .river {
                let named = try namedLines(from: data, name: file.name)
                source.features[AtlasLayer.river.rawValue] += named.map(\.feature)
                source[.river] += named.map(\.line)
            } else if let layer = file.layer {
                source[layer] += try lines(from: data, name: file.name)
            } else {
                source.places += try places(from: data, name: file.name)
            }
        }
        return source
    }

    /// Builds the sources of every level, low to high; river names at 10m that lost their non-ASCII letters are
    /// restored from 50m (`restoringNames`).
    public static func levels(read: (String) throws(AtlasError) -> Data) throws(AtlasError) -> [AtlasLevelSource] {
        var result: [AtlasLevelSource] = []
        for detail in DetailLevel.allCases { result.append(try level(detail, read: read)) }
        let river = AtlasLayer.river.rawValue
        result[DetailLevel.high.rawValue].features[river] = restoringNames(
            result[DetailLevel.high.rawValue].features[river],
            from: result[DetailLevel.medium.rawValue].features[river])
        return result
    }

    /// `features` with each name that equals a name of `reference` stripped of its non-ASCII characters replaced by
    /// that name (and its ASCII spelling refolded).
    ///
    /// NB: Natural Earth's 2017 10m rivers lost some non-ASCII letters ("Rhne" for "Rhône", "Glma" for "Glåma")
    /// that its 50m rivers keep.
    public static func restoringNames(_ features: [LineFeature?], from reference: [LineFeature?]) -> [LineFeature?] {
        var damaged: [String: String] = [:]
        for name in Set(reference.compactMap { $0?.name }) where name.unicodeScalars.contains(where: { !$0.isASCII }) {
            let stripped = String(String.UnicodeScalarView(name.unicodeScalars.filter(\.isASCII)))
            damaged[stripped] = name
        }
        return features.map { feature in
            guard var feature, let repaired = damaged[feature.name] else { return feature }
            feature.name = repaired
            feature.nameASCII = asciiFolded(repaired)
            return feature
        }
    }

    /// The lines of a FeatureCollection in feature order: LineStrings as they are, polygon rings as closed lines.
    /// Points and lines of fewer than two points are dropped, and so are features without geometry.
    public static func lines(from data: Data, name: String = "GeoJSON") throws(AtlasError) -> [[LatLon]] {
        do {
            return try JSONDecoder().decode(Collection<Empty>.self, from: data).features.flatMap {
                ($0.geometry?.lines ?? []).filter { $0.count >= 2 }
            }
        } catch {
            throw .invalidSource(detail: "\(name): \(error)")
        }
    }

    /// The lines of a FeatureCollection of named lines (Natural Earth rivers and lake centerlines) in feature
    /// order, each with its feature: `name_en`, else `name`, else empty; `min_zoom` and `min_label`, missing
    /// ones read as 0 and the minimum zoom plus one. Lines of fewer than two points are dropped.
    public static func namedLines(from data: Data, name: String = "GeoJSON") throws(AtlasError) -> [(
        line: [LatLon], feature: LineFeature
    )] {
        let features: [Feature<LineProperties>]
        do {
            features = try JSONDecoder().decode(Collection<LineProperties>.self, from: data).features
        } catch {
            throw .invalidSource(detail: "\(name): \(error)")
        }
        return features.flatMap { feature -> [(line: [LatLon], feature: LineFeature)] in
            let properties = feature.properties
            let label = (properties?.name_en ?? properties?.name ?? "").trimmingCharacters(in: .whitespaces)
            let minZoom = properties?.min_zoom ?? 0
            let value = LineFeature(
                name: label, nameASCII: asciiFolded(label), minZoom: minZoom,
                labelZoom: properties?.min_label ?? minZoom + 1)
            return (feature.geometry?.lines ?? []).filter { $0.count >= 2 }.map { ($0, value) }
        }
    }

    /// `text` with diacritics removed and any scalar still outside printable 7-bit ASCII dropped.
    public static func asciiFolded(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        let scalars = folded.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }
        return String(String.UnicodeScalarView(scalars)).trimmingCharacters(in: .whitespaces)
    }

    /// The populated places of a FeatureCollection of points (Natural Earth `populated_places_simple`).
    /// Missing names read as empty, a missing or negative `pop_max` as 0, a missing `scalerank` as 10.
    public static func places(from data: Data, name: String = "GeoJSON") throws(AtlasError) -> [Place] {
        let features: [Feature<PlaceProperties>]
        do {
            features = try JSONDecoder().decode(Collection<PlaceProperties>.self, from: data).features
        } catch {
            throw .invalidSource(detail: "\(name): \(error)")
        }
        return features.compactMap { feature in
            guard let point = feature.geometry?.lines.first?.first, let properties = feature.properties else {
                return nil
            }
            let name = properties.name ?? properties.nameascii ?? ""
            return Place(
                name: name, nameASCII: properties.nameascii ?? name, country: properties.adm0name ?? "",
                population: Int(max(0, min(1e15, properties.pop_max ?? 0))),
                rank: Int(max(0, min(1000, properties.scalerank ?? 10))), position: point)
        }
    }

    private struct Collection<Properties: Decodable>: Decodable {
        var features: [Feature<Properties>]
    }

    private struct Feature<Properties: Decodable>: Decodable {
        var properties: Properties?
        var geometry: Geometry?
    }

    private struct Empty: Decodable {}

    private struct PlaceProperties: Decodable {
        var name: String?
        var nameascii: String?
        var adm0name: String?
        var pop_max: Double?
        var scalerank: Double?
    }

    private struct LineProperties: Decodable {
        var name: String?
        var name_en: String?
        var min_zoom: Double?
        var min_label: Double?
    }

    private struct Geometry: Decodable {
        var lines: [[LatLon]]

        private enum Keys: String, CodingKey { case type, coordinates }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            let type = try container.decode(String.self, forKey: .type)
            func line(_ positions: [[Double]]) -> [LatLon] {
                positions.compactMap { $0.count >= 2 ? LatLon(lat: $0[1], lon: $0[0]) : nil }
            }
            switch type {
            case "Point":
                lines = [line([try container.decode([Double].self, forKey: .coordinates)])]
            case "LineString", "MultiPoint":
                lines = [line(try container.decode([[Double]].self, forKey: .coordinates))]
            case "MultiLineString", "Polygon":
                lines = try container.decode([[[Double]]].self, forKey: .coordinates).map(line)
            case "MultiPolygon":
                lines = try container.decode([[[[Double]]]].self, forKey: .coordinates).flatMap { $0.map(line) }
            default:
                lines = []
            }
        }
    }
}
