/// A position on the globe in degrees: latitude north-positive in [-90, 90], longitude east-positive in [-180, 180].
public struct LatLon: Hashable, Sendable {
    public var lat: Double
    public var lon: Double

    /// Creates a position from degrees; values are stored as given.
    public init(lat: Double, lon: Double) {
        self.lat = lat
        self.lon = lon
    }
}
