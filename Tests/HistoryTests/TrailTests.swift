import Foundation
import Geo
import History
import Testing

struct TrailTests {
    static let start = Date(timeIntervalSince1970: 1_796_000_000)

    static func point(_ minutes: Double, restart: Bool = false) -> TrailPoint {
        TrailPoint(
            position: LatLon(lat: minutes, lon: 0), time: start.addingTimeInterval(minutes * 60), startsSegment: restart
        )
    }

    @Test func gapsOverAnHourAndRestartsAreNotJoined() {
        let trail = Trail(
            handle: "+1",
            points: [Self.point(0), Self.point(30), Self.point(90), Self.point(151), Self.point(152, restart: true)])
        #expect(trail.segments().map { $0.map(\.position.lat) } == [[0, 30, 90], [151], [152]])
        #expect(Trail(handle: "+1", points: []).segments().isEmpty)
    }
}
