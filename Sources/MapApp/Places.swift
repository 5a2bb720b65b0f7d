import Foundation
import Geo

/// A named circle on the map (issue 13): `--place home=40.7128,-74.0060,300m`, or `home = "40.7128,-74.0060,300m"`
/// under `[places]` in the settings file. Someone arrives when a fix falls within `radiusMeters` of `center`, and
/// leaves only beyond `leaveRadiusMeters` (20 % more), so a fix jittering at the edge does not flap.
public struct NamedPlace: Hashable, Sendable {
    /// The name shown on the map, in the panel and in events (1 to 40 characters, no control characters).
    public var name: String
    /// The circle's centre.
    public var center: LatLon
    /// The radius in metres (1 m to 500 km).
    public var radiusMeters: Double

    /// The radius when none is given: 200 m.
    public static let defaultRadiusMeters = 200.0
    /// How far past the radius someone must go to leave, as a fraction of it.
    public static let hysteresis = 0.2

    /// Creates a place.
    public init(name: String, center: LatLon, radiusMeters: Double = NamedPlace.defaultRadiusMeters) {
        self.name = name
        self.center = center
        self.radiusMeters = radiusMeters
    }

    /// The distance at which someone inside counts as having left: the radius and 20 % of it.
    public var leaveRadiusMeters: Double { radiusMeters * (1 + NamedPlace.hysteresis) }

    /// The great-circle distance from the centre to `position`, in metres.
    public func distanceMeters(to position: LatLon) -> Double {
        GreatCircle.distanceMeters(from: center, to: position)
    }

    /// The radius as written back: `300 m`, `2 km`, `2.5 km`.
    public var radiusText: String {
        if radiusMeters < 1000 { return "\(Int(radiusMeters.rounded())) m" }
        let kilometres = radiusMeters / 1000
        let rounded = (kilometres * 10).rounded() / 10
        return rounded == rounded.rounded() ? "\(Int(rounded)) km" : "\(rounded) km"
    }

    /// Parses `--place NAME=LAT,LON[,RADIUS]`.
    public static func parse(_ text: String) throws(PlaceError) -> NamedPlace {
        guard let equals = text.firstIndex(of: "=") else {
            throw PlaceError(
                "'\(text.prefix(60))' has no '=': write NAME=LAT,LON[,RADIUS], e.g. home=40.7128,-74.0060,300m")
        }
        return try parse(name: String(text[..<equals]), value: String(text[text.index(after: equals)...]))
    }

    /// Parses a place named `name` at `value`, `LAT,LON[,RADIUS]` (degrees; the radius a number of metres or
    /// kilometres, `300m`, `2km`, `1.5km`, default 200 m).
    public static func parse(name rawName: String, value: String) throws(PlaceError) -> NamedPlace {
        let name = rawName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw PlaceError("a place needs a name before '=', e.g. home=40.7128,-74.0060") }
        guard name.count <= 40, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw PlaceError("place name '\(name.prefix(40))' must be 1 to 40 characters without control codes") }
        let parts = value.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard parts.count == 2 || parts.count == 3 else {
            throw PlaceError(
                "place '\(name)': '\(value.prefix(60))' is not LAT,LON[,RADIUS], e.g. 40.7128,-74.0060,300m")
        }
        guard let lat = Double(parts[0]), lat.isFinite, (-90...90).contains(lat) else {
            throw PlaceError("place '\(name)': latitude '\(parts[0].prefix(20))' must be a number from -90 to 90")
        }
        guard let lon = Double(parts[1]), lon.isFinite, (-180...180).contains(lon) else {
            throw PlaceError("place '\(name)': longitude '\(parts[1].prefix(20))' must be a number from -180 to 180")
        }
        var radius = defaultRadiusMeters
        if parts.count == 3 {
            guard let meters = radiusMeters(parts[2]) else {
                throw PlaceError(
                    "place '\(name)': radius '\(parts[2].prefix(20))' must be metres or kilometres from 1 m to 500 km,"
                        + " e.g. 300m or 2km")
            }
            radius = meters
        }
        return NamedPlace(name: name, center: LatLon(lat: lat, lon: lon), radiusMeters: radius)
    }

    /// `300m`, `2km`, `1.5km` (units in any case) in metres, from 1 m to 500 km; nil for anything else.
    public static func radiusMeters(_ text: String) -> Double? {
        let lowered = text.lowercased()
        let (number, scale): (Substring, Double) =
            lowered.hasSuffix("km")
            ? (lowered.dropLast(2), 1000) : lowered.hasSuffix("m") ? (lowered.dropLast(1), 1) : ("", 0)
        guard let value = Double(number.trimmingCharacters(in: .whitespaces)), value.isFinite else { return nil }
        let meters = value * scale
        return (1...500_000).contains(meters) ? meters : nil
    }

    /// Checks that no two of `places` share a name.
    public static func checkNames(_ places: [NamedPlace]) throws(PlaceError) {
        var seen = Set<String>()
        for place in places where !seen.insert(place.name).inserted {
            throw PlaceError("place '\(place.name)' is given twice; give each place its own name")
        }
    }
}

/// A place that cannot be used, in one line: what is wrong and how to write it.
public struct PlaceError: Error, Hashable, Sendable {
    /// The message, without the program's name.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }
}
