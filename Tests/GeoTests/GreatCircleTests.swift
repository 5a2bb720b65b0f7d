import Geo
import Testing

struct GreatCircleTests {
    static let london = LatLon(lat: 51.5074, lon: -0.1278)
    static let newYork = LatLon(lat: 40.7128, lon: -74.0060)

    @Test func londonToNewYorkIs5570KilometresAt288Degrees() {
        let meters = GreatCircle.distanceMeters(from: Self.london, to: Self.newYork)
        #expect(abs(meters / 1000 - 5_570) < 5)
        let bearing = GreatCircle.initialBearingDegrees(from: Self.london, to: Self.newYork)
        #expect(abs(bearing - 288) < 0.5)
    }

    @Test func distanceIsSymmetricAndZeroForOnePoint() {
        let there = GreatCircle.distanceMeters(from: Self.london, to: Self.newYork)
        let back = GreatCircle.distanceMeters(from: Self.newYork, to: Self.london)
        #expect(abs(there - back) < 1e-6)
        #expect(GreatCircle.distanceMeters(from: Self.london, to: Self.london) == 0)
        #expect(GreatCircle.initialBearingDegrees(from: Self.london, to: Self.london) == 0)
    }

    @Test func acrossTheAntimeridianIsShort() {
        let west = LatLon(lat: 0, lon: 179.5)
        let east = LatLon(lat: 0, lon: -179.5)
        #expect(abs(GreatCircle.distanceMeters(from: west, to: east) - 111_195) < 50)
        #expect(abs(GreatCircle.initialBearingDegrees(from: west, to: east) - 90) < 1e-6)
    }

    @Test func antipodesAreHalfACircumference() {
        let meters = GreatCircle.distanceMeters(from: LatLon(lat: 0, lon: 0), to: LatLon(lat: 0, lon: 180))
        #expect(abs(meters - .pi * GreatCircle.earthRadiusMeters) < 1)
    }

    @Test(arguments: [
        (0.0, CompassPoint.north), (22.4, .north), (22.5, .northEast), (90, .east), (180, .south),
        (288, .west), (300, .northWest), (359.9, .north), (-45, .northWest), (720 + 135, .southEast),
    ])
    func compassPointsCover45DegreesEach(bearing: Double, point: CompassPoint) {
        #expect(CompassPoint(bearingDegrees: bearing) == point)
    }

    @Test(arguments: [
        (0.0, "0 m"), (849.6, "850 m"), (999.4, "999 m"), (999.6, "1.0 km"), (2_449, "2.4 km"), (9_949, "9.9 km"),
        (9_950, "10 km"), (37_400, "37 km"), (999_400, "999 km"), (5_570_200, "5,570 km"), (-3, "0 m"),
        (12_345_678, "12,346 km"),
    ])
    func kilometresHaveOneDecimalUnderTen(meters: Double, text: String) {
        #expect(DistanceText.text(meters: meters) == text)
    }

    @Test(arguments: [
        (100.0, "328 ft"), (160.9, "528 ft"), (643.7, "0.4 mi"), (5_570_000, "3,461 mi"), (16_093.44, "10 mi"),
    ])
    func milesUseFeetUnderATenth(meters: Double, text: String) {
        #expect(DistanceText.text(meters: meters, units: .mi) == text)
    }

    @Test func distanceWithBearingReadsAsInThePanel() {
        let start = LatLon(lat: 60.1699, lon: 24.9384)
        let northEast = LatLon(lat: 60.1699 + 0.0153, lon: 24.9384 + 0.0306)
        #expect(DistanceText.text(from: start, to: northEast) == "2.4 km NE")
        #expect(DistanceText.text(from: Self.london, to: Self.newYork) == "5,570 km W")
        #expect(DistanceText.text(from: start, to: start) == "0 m")
    }
}
