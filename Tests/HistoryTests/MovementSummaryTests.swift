import Foundation
import History
import LinqModel
import Testing

struct MovementSummaryTests {
    static let start = Date(timeIntervalSince1970: 1_796_000_000)
    static let utc = TimeZone(identifier: "UTC") ?? .current

    /// A fix `minutes` after the start, `metersNorth` north of 60°N 25°E.
    static func fix(_ minutes: Double, north metersNorth: Double) -> TrackPoint {
        TrackPoint(
            handle: "+1", coordinate: Coordinate(longitude: 25, latitude: 60 + metersNorth / 111_195),
            updatedAt: start.addingTimeInterval(minutes * 60), recordedAt: start.addingTimeInterval(minutes * 60))
    }

    static func at(_ minutes: Double) -> Date { start.addingTimeInterval(minutes * 60) }

    @Test func movingSumsThePathOverTheLastTenMinutes() throws {
        let track = (0...12).map { Self.fix(Double($0), north: Double($0) * 320) }
        let summary = try #require(MovementSummary.summary(of: track, now: Self.at(12.5)))
        #expect(summary.text(timeZone: Self.utc) == "moved 3.2 km in 10m")
    }

    @Test func aSpotWeSawThemReachIsHereSince() throws {
        let track = [
            Self.fix(0, north: 0), Self.fix(10, north: 2000), Self.fix(20, north: 2030), Self.fix(30, north: 2010),
        ]
        let summary = try #require(MovementSummary.summary(of: track, now: Self.at(40)))
        #expect(summary == .hereSince(Self.at(10)))
        #expect(summary.text(timeZone: Self.utc) == "here since 01:03")
    }

    @Test func aSpotHeldSinceTheFirstFixIsStillFor() throws {
        let track = [Self.fix(0, north: 0), Self.fix(60, north: 20), Self.fix(120, north: 10)]
        let summary = try #require(MovementSummary.summary(of: track, now: Self.at(125)))
        #expect(summary.text(timeZone: Self.utc) == "still for 2h")
    }

    @Test func justArrivedStillCountsAsMoving() throws {
        let track = [Self.fix(0, north: 0), Self.fix(4, north: 1000), Self.fix(5, north: 1010)]
        let summary = try #require(MovementSummary.summary(of: track, now: Self.at(6)))
        #expect(summary.text(units: .mi, timeZone: Self.utc) == "moved 0.6 mi in 5m")
    }

    @Test func fixesAllAtOneSpotAreStillEvenWhenRecent() throws {
        let track = [Self.fix(0, north: 0), Self.fix(1, north: 10), Self.fix(2, north: 5)]
        let summary = try #require(MovementSummary.summary(of: track, now: Self.at(3)))
        #expect(summary.text(timeZone: Self.utc) == "still for 3m")
    }

    @Test func trailPointsGiveTheSameSummaryAsTrackPoints() {
        let track = (0...12).map { Self.fix(Double($0), north: Double($0) * 320) }
        let points = track.map { TrailPoint(position: $0.latLon, time: $0.time) }
        #expect(
            MovementSummary.summary(of: points, now: Self.at(12.5))
                == MovementSummary.summary(of: track, now: Self.at(12.5)))
    }

    @Test func oneFixIsNoHistory() {
        #expect(MovementSummary.summary(of: [Self.fix(0, north: 0)], now: Self.at(1)) == nil)
        #expect(MovementSummary.summary(of: [TrackPoint](), now: Self.at(1)) == nil)
    }

    @Test(arguments: [(0, "0s"), (59, "59s"), (600, "10m"), (7199, "1h"), (7200, "2h"), (200_000, "2d")])
    func durationsUseTheirLargestUnit(seconds: Int64, text: String) {
        #expect(MovementSummary.durationText(.seconds(seconds)) == text)
    }
}
