/// What a line in a street atlas is, from the OpenStreetMap tags that matter to a street map. The raw
/// value is stored in atlas files; higher values are drawn over lower ones.
public enum StreetClass: UInt8, CaseIterable, Hashable, Sendable {
    case building = 0
    case park = 1
    case water = 2
    case waterway = 3
    /// `highway=path`, `steps`, `track`, `bridleway`.
    case path = 4
    case cycleway = 5
    case footway = 6
    case service = 7
    /// `highway=pedestrian` and `living_street`.
    case pedestrian = 8
    /// `highway=residential`, `unclassified` and `road`.
    case residential = 9
    /// `railway=tram`.
    case tram = 10
    /// `railway=rail`, `light_rail`, `subway`, `narrow_gauge`.
    case rail = 11
    case tertiary = 12
    case secondary = 13
    case primary = 14
    /// `highway=motorway` and `trunk`, and their links.
    case motorway = 15

    /// The first zoom level the class is drawn at: major roads, railways and water from 11 (tertiary roads,
    /// tram lines and parks from 12, where a city's worth of them stops filling the view), minor roads
    /// from 14, paths and buildings from 16.
    public var minimumZoom: Int {
        switch self {
        case .motorway, .primary, .secondary, .rail, .water, .waterway: 11
        case .tertiary, .tram, .park: 12
        case .residential, .pedestrian, .service: 14
        case .footway, .cycleway, .path, .building: 16
        }
    }

    /// True for the classes whose names are placed on the map (streets and paths).
    public var isStreet: Bool {
        switch self {
        case .motorway, .primary, .secondary, .tertiary, .residential, .pedestrian, .service, .footway,
            .cycleway, .path:
            true
        default: false
        }
    }

    /// The class of a way tagged `key=value`, or nil when the tag makes no street-map line. Checked in
    /// the order `StreetClass.classify` walks a way's tags: highway and railway win over areas.
    public static func of(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) -> StreetClass? {
        switch Tag.key(key) {
        case .highway?:
            switch String(decoding: value, as: UTF8.self) {
            case "motorway", "motorway_link", "trunk", "trunk_link": return .motorway
            case "primary", "primary_link": return .primary
            case "secondary", "secondary_link": return .secondary
            case "tertiary", "tertiary_link": return .tertiary
            case "residential", "unclassified", "road": return .residential
            case "service": return .service
            case "pedestrian", "living_street": return .pedestrian
            case "footway": return .footway
            case "cycleway": return .cycleway
            case "path", "steps", "track", "bridleway": return .path
            default: return nil
            }
        case .railway?:
            switch String(decoding: value, as: UTF8.self) {
            case "rail", "light_rail", "subway", "narrow_gauge": return .rail
            case "tram": return .tram
            default: return nil
            }
        case .waterway?:
            switch String(decoding: value, as: UTF8.self) {
            case "river", "stream", "canal", "riverbank", "dock": return .waterway
            default: return nil
            }
        case .natural?:
            return String(decoding: value, as: UTF8.self) == "water" ? .water : nil
        case .landuse?:
            switch String(decoding: value, as: UTF8.self) {
            case "reservoir", "basin": return .water
            case "recreation_ground", "village_green": return .park
            default: return nil
            }
        case .leisure?:
            switch String(decoding: value, as: UTF8.self) {
            case "park", "garden", "playground", "nature_reserve": return .park
            default: return nil
            }
        case .building?:
            return String(decoding: value, as: UTF8.self) == "no" ? nil : .building
        case nil, .name?, .localizedName?:
            return nil
        }
    }

    /// `of(key:value:)` for byte arrays (tests).
    public static func of(key: [UInt8], value: [UInt8]) -> StreetClass? {
        key.withUnsafeBytes { key in value.withUnsafeBytes { value in of(key: key, value: value) } }
    }
}

/// The tag keys a street import reads.
public enum Tag: Equatable, Sendable {
    case highway, railway, waterway, natural, landuse, leisure, building, name
    /// `name:xx` for the chosen language.
    case localizedName

    /// The key `bytes` names, ignoring `name:xx` (the importer matches those itself).
    public static func key(_ bytes: UnsafeRawBufferPointer) -> Tag? {
        // Most keys in a block's string table are neither 4, 7 nor 8 bytes long: no comparison at all.
        guard bytes.count == 4 || bytes.count == 7 || bytes.count == 8 else { return nil }
        return key(Array(bytes))
    }

    /// The key `bytes` names, ignoring `name:xx`.
    public static func key(_ bytes: [UInt8]) -> Tag? {
        switch bytes.count {
        case 4 where bytes.elementsEqual("name".utf8): .name
        case 7 where bytes.elementsEqual("highway".utf8): .highway
        case 7 where bytes.elementsEqual("railway".utf8): .railway
        case 7 where bytes.elementsEqual("natural".utf8): .natural
        case 7 where bytes.elementsEqual("landuse".utf8): .landuse
        case 7 where bytes.elementsEqual("leisure".utf8): .leisure
        case 8 where bytes.elementsEqual("waterway".utf8): .waterway
        case 8 where bytes.elementsEqual("building".utf8): .building
        default: nil
        }
    }
}
