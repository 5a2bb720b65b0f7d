import Foundation

/// Distances and bearings on a sphere of the Earth's mean radius (6,371.0088 km, the IUGG value), good to
/// about 0.5 % anywhere: enough for "2.4 km NE", not for surveying.
public enum GreatCircle {
    /// The Earth's mean radius in metres.
    public static let earthRadiusMeters = 6_371_008.8

    /// The great-circle distance from `start` to `end` in metres (haversine), 0 for the same point and at most
    /// half the Earth's circumference; longitudes may lie on either side of the antimeridian.
    public static func distanceMeters(from start: LatLon, to end: LatLon) -> Double {
        let lat1 = radians(start.lat)
        let lat2 = radians(end.lat)
        let deltaLat = lat2 - lat1
        let deltaLon = radians(end.lon - start.lon)
        let a = sin(deltaLat / 2) * sin(deltaLat / 2) + cos(lat1) * cos(lat2) * sin(deltaLon / 2) * sin(deltaLon / 2)
        return 2 * earthRadiusMeters * atan2(sqrt(min(1, a)), sqrt(max(0, 1 - a)))
    }

    /// The initial bearing from `start` towards `end` in degrees clockwise from true north, in [0, 360);
    /// 0 when the points are the same.
    public static func initialBearingDegrees(from start: LatLon, to end: LatLon) -> Double {
        let lat1 = radians(start.lat)
        let lat2 = radians(end.lat)
        let deltaLon = radians(end.lon - start.lon)
        let y = sin(deltaLon) * cos(lat2)
        let x = cos(lat1) * sin(lat2) - sin(lat1) * cos(lat2) * cos(deltaLon)
        guard x != 0 || y != 0 else { return 0 }
        let degrees = atan2(y, x) * 180 / .pi
        let normalized = degrees.truncatingRemainder(dividingBy: 360)
        return normalized < 0 ? normalized + 360 : normalized
    }

    private static func radians(_ degrees: Double) -> Double { degrees * .pi / 180 }
}

/// The unit system distances are written in (`--units km|mi`).
public enum DistanceUnits: String, CaseIterable, Hashable, Sendable {
    /// Metres under 1 km, kilometres above.
    case km
    /// Feet under a tenth of a mile, miles above.
    case mi
}

/// The eight compass points, for bearings in words.
public enum CompassPoint: String, CaseIterable, Hashable, Sendable {
    case north = "N"
    case northEast = "NE"
    case east = "E"
    case southEast = "SE"
    case south = "S"
    case southWest = "SW"
    case west = "W"
    case northWest = "NW"

    /// The point nearest to `bearingDegrees` (clockwise from north, any value, wrapped): each covers 45
    /// degrees centred on its direction, so 22.4 is N and 22.5 is NE.
    public init(bearingDegrees: Double) {
        guard bearingDegrees.isFinite else {
            self = .north
            return
        }
        let wrapped = bearingDegrees.truncatingRemainder(dividingBy: 360)
        let positive = wrapped < 0 ? wrapped + 360 : wrapped
        let index = Int((positive + 22.5) / 45) % 8
        self = Self.allCases[index]
    }
}

/// Distances as the panel writes them: `850 m`, `2.4 km`, `37 km`, `5,570 km`; `500 ft`, `0.4 mi`, `3,461 mi`.
public enum DistanceText {
    /// Metres in a mile.
    public static let metersPerMile = 1_609.344
    /// Metres in a foot.
    public static let metersPerFoot = 0.3048

    /// `meters` in `units`: under 1 km whole metres (`850 m`), one decimal under 10 km (`2.4 km`), whole
    /// kilometres above with thousands separated by commas (`5,570 km`); in miles, whole feet under a tenth of
    /// a mile, one decimal under 10 miles, whole miles above. Negative or non-finite distances read as 0.
    public static func text(meters: Double, units: DistanceUnits = .km) -> String {
        let meters = meters.isFinite ? max(0, meters) : 0
        switch units {
        case .km:
            if meters < 999.5 { return "\(Int(meters.rounded())) m" }
            return scaled(meters / 1000, unit: "km")
        case .mi:
            let miles = meters / metersPerMile
            if miles < 0.1 { return "\(grouped(Int((meters / metersPerFoot).rounded()))) ft" }
            return scaled(miles, unit: "mi")
        }
    }

    /// Distance and compass point from `start` to `end`: `2.4 km NE`; just the distance when the two are within
    /// a metre (no direction to speak of).
    public static func text(from start: LatLon, to end: LatLon, units: DistanceUnits = .km) -> String {
        let meters = GreatCircle.distanceMeters(from: start, to: end)
        let distance = text(meters: meters, units: units)
        guard meters >= 1 else { return distance }
        let point = CompassPoint(bearingDegrees: GreatCircle.initialBearingDegrees(from: start, to: end))
        return "\(distance) \(point.rawValue)"
    }

    private static func scaled(_ value: Double, unit: String) -> String {
        if value < 9.95 { return String(format: "%.1f %@", value, unit) }
        return "\(grouped(Int(value.rounded()))) \(unit)"
    }

    private static func grouped(_ value: Int) -> String {
        var digits = String(value)
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return groups.joined(separator: ",")
    }
}
