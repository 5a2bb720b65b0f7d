import Foundation
import LinqModel

/// The simulated group chat behind `linq-map --demo`: ten people on six continents. Five move at human speeds
/// in real time (driving 50 km/h, running 10, cycling 15, walking 5, hiking 4) and report, as Find My does, the
/// position and time of their phone's last fix, so ages grow and drop back; the others sit still with ages from
/// minutes to days, one without a time, one with altitude, one who stops sharing for four minutes in twelve,
/// non-ASCII places and an email handle. Everything is a pure function of the poll number and the server's `now`.
public enum DemoChat {
    /// Metres per second at `kilometresPerHour`.
    static func speed(kilometresPerHour: Double) -> Double { kilometresPerHour / 3.6 }

    /// A courier driving a loop through San Francisco at 50 km/h, a fix every 20 s or so.
    public static let courier = FakeParticipant(
        handle: "+14155550111", coordinate: Coordinate(longitude: -122.3959, latitude: 37.7936),
        path: .travel(
            [
                Coordinate(longitude: -122.3959, latitude: 37.7936),  // Ferry Building
                Coordinate(longitude: -122.4075, latitude: 37.7879),  // Union Square
                Coordinate(longitude: -122.4330, latitude: 37.7786),  // Alamo Square
                Coordinate(longitude: -122.4193, latitude: 37.7599),  // Mission
                Coordinate(longitude: -122.3893, latitude: 37.7786),  // Oracle Park
            ], metersPerSecond: speed(kilometresPerHour: 50)),
        address: "Market St", locality: "San Francisco", updatedAt: .lastFix,
        cadence: FakeParticipant.Cadence(every: .seconds(20)))

    /// A runner going round the Central Park reservoir (about 2.5 km) at 10 km/h, a fix every 45 s or so.
    public static let runner = FakeParticipant(
        handle: "+12125550112", coordinate: Coordinate(longitude: -73.9626, latitude: 40.7829),
        path: .travel(
            ring(center: Coordinate(longitude: -73.9626, latitude: 40.7829), radiusMeters: 400, points: 16),
            metersPerSecond: speed(kilometresPerHour: 10)),
        address: "Jacqueline Kennedy Onassis Reservoir", locality: "New York", updatedAt: .lastFix,
        cadence: FakeParticipant.Cadence(every: .seconds(45)))

    /// Someone sitting in London, their phone refreshing every five minutes or so.
    public static let london = FakeParticipant(
        handle: "+442075550113", coordinate: Coordinate(longitude: -0.1419, latitude: 51.5014),
        address: "Buckingham Palace Rd", locality: "London", updatedAt: .lastFix,
        cadence: FakeParticipant.Cadence(every: .seconds(5 * 60)))

    /// Someone in Lagos whose phone last reported three to four hours ago.
    public static let lagos = FakeParticipant(
        handle: "+2348055501114", coordinate: Coordinate(longitude: 3.4219, latitude: 6.4281),
        address: "Lekki Phase 1", locality: "Lagos", updatedAt: .ago(.seconds(3 * 3600)),
        cadence: FakeParticipant.Cadence(every: .seconds(3600)))

    /// Someone in Mumbai who stops sharing for the last four minutes of every twelve.
    public static let mumbai = FakeParticipant(
        handle: "+912255501115", coordinate: Coordinate(longitude: 72.8258, latitude: 18.9220),
        address: "Gateway of India", locality: "Mumbai", updatedAt: .lastFix,
        cadence: FakeParticipant.Cadence(every: .seconds(3 * 60)),
        breaks: FakeParticipant.Breaks(every: .seconds(12 * 60), lasting: .seconds(4 * 60)))

    /// Someone in Tokyo with an email handle, two days and an hour to two and a half days ago.
    public static let tokyo = FakeParticipant(
        handle: "yuki@example.jp", coordinate: Coordinate(longitude: 139.7006, latitude: 35.6595),
        address: "渋谷区道玄坂2丁目", locality: "東京", updatedAt: .ago(.seconds(2 * 86400 + 3600)),
        cadence: FakeParticipant.Cadence(every: .seconds(6 * 3600)))

    /// Someone in Sydney with no time at all.
    public static let sydney = FakeParticipant(
        handle: "+61255501117", coordinate: Coordinate(longitude: 151.2153, latitude: -33.8568),
        address: "Bennelong Point", locality: "Sydney", updatedAt: .omitted, missingFields: .omitted)

    /// A cyclist riding the Avenida Paulista bike lane in São Paulo at 15 km/h, a fix every 30 s or so.
    public static let saoPaulo = FakeParticipant(
        handle: "+5511955501118", coordinate: Coordinate(longitude: -46.6620, latitude: -23.5568),
        path: .travel(
            [
                Coordinate(longitude: -46.6620, latitude: -23.5568),  // Consolação
                Coordinate(longitude: -46.6559, latitude: -23.5614),  // MASP
                Coordinate(longitude: -46.6470, latitude: -23.5689),  // Brigadeiro
                Coordinate(longitude: -46.6413, latitude: -23.5712),  // Paraíso
            ], metersPerSecond: speed(kilometresPerHour: 15)),
        address: "Avenida Paulista", locality: "São Paulo", updatedAt: .lastFix,
        cadence: FakeParticipant.Cadence(every: .seconds(30)))

    /// A hiker on the Uetliberg above Zürich at 4 km/h, with altitude, climbing and descending; a fix every 90 s
    /// or so.
    public static let zurich = FakeParticipant(
        handle: "+41445550119", coordinate: Coordinate(longitude: 8.5113, latitude: 47.3611, altitude: 480),
        path: .travel(
            [
                Coordinate(longitude: 8.5113, latitude: 47.3611, altitude: 480),  // Triemli
                Coordinate(longitude: 8.4990, latitude: 47.3540, altitude: 700),  // Denkmal
                Coordinate(longitude: 8.4918, latitude: 47.3497, altitude: 869),  // Uto Kulm
            ], metersPerSecond: speed(kilometresPerHour: 4)),
        address: "Uetliberg", locality: "Zürich", updatedAt: .lastFix,
        cadence: FakeParticipant.Cadence(every: .seconds(90)))

    /// A walker in central Helsinki at 5 km/h (Esplanadi, Mannerheimintie, Aleksanterinkatu, Senaatintori,
    /// Kauppatori), for the street maps; a fix every minute or so.
    public static let helsinki = FakeParticipant(
        handle: "+358405550120", coordinate: Coordinate(longitude: 24.9525, latitude: 60.1675),
        path: .travel(
            [
                Coordinate(longitude: 24.9525, latitude: 60.1675),  // Kauppatori
                Coordinate(longitude: 24.9490, latitude: 60.1677),  // Pohjoisesplanadi at Unioninkatu
                Coordinate(longitude: 24.9416, latitude: 60.1671),  // Svenska Teatern, Mannerheimintie
                Coordinate(longitude: 24.9411, latitude: 60.1690),  // Mannerheimintie at Aleksanterinkatu
                Coordinate(longitude: 24.9465, latitude: 60.1692),  // Aleksanterinkatu
                Coordinate(longitude: 24.9519, latitude: 60.1693),  // Senaatintori
                Coordinate(longitude: 24.9523, latitude: 60.1681),  // Unioninkatu
            ], metersPerSecond: speed(kilometresPerHour: 5)),
        address: "Pohjoisesplanadi", locality: "Helsinki", updatedAt: .lastFix,
        cadence: FakeParticipant.Cadence(every: .seconds(60)))

    /// Every demo participant, in response order.
    public static let participants = [
        courier, runner, london, lagos, mumbai, tokyo, sydney, saoPaulo, zurich, helsinki,
    ]

    /// Three participants who step along their paths at every poll, whatever the clock says (the `moving`
    /// scenario, for measuring frames): a courier in San Francisco, a runner round the Central Park reservoir
    /// and a hiker on the Uetliberg.
    public static let everyPoll = [
        FakeParticipant(
            handle: courier.handle, coordinate: courier.coordinate,
            path: .route(
                [
                    Coordinate(longitude: -122.3959, latitude: 37.7936),
                    Coordinate(longitude: -122.4075, latitude: 37.7879),
                    Coordinate(longitude: -122.4330, latitude: 37.7786),
                    Coordinate(longitude: -122.4193, latitude: 37.7599),
                    Coordinate(longitude: -122.3893, latitude: 37.7786),
                ], pollsPerLeg: 3),
            address: courier.address, locality: courier.locality, updatedAt: .ago(.seconds(2))),
        FakeParticipant(
            handle: runner.handle, coordinate: runner.coordinate,
            path: .orbit(center: runner.coordinate, radiusMeters: 450, pollsPerLap: 12), address: runner.address,
            locality: runner.locality, updatedAt: .ago(.seconds(15))),
        FakeParticipant(
            handle: zurich.handle, coordinate: zurich.coordinate,
            path: .route(
                [
                    Coordinate(longitude: 8.5113, latitude: 47.3611, altitude: 480),
                    Coordinate(longitude: 8.4918, latitude: 47.3497, altitude: 869),
                ], pollsPerLeg: 10),
            address: zurich.address, locality: zurich.locality, updatedAt: .ago(.seconds(20))),
    ]

    /// The demo chat's location scenario.
    public static let scenario = Scenario.participants(participants)

    /// A configuration serving the standard chats, `Fixtures.demoChatID` among them, for `linq-map --demo`.
    public static func configuration(apiKey: String = "demo-key", now: @escaping @Sendable () -> Date = { Date() })
        -> FakeLinqConfiguration
    {
        FakeLinqConfiguration(apiKey: apiKey, now: now)
    }

    /// `points` waypoints on a circle of `radiusMeters` about `center`, clockwise from north.
    static func ring(center: Coordinate, radiusMeters: Double, points: Int) -> [Coordinate] {
        let scale = max(0.01, cos(center.latitude * Double.pi / 180))
        return (0..<max(3, points)).map { index in
            let angle = 2 * Double.pi * Double(index) / Double(max(3, points))
            return Coordinate(
                longitude: center.longitude + radiusMeters * sin(angle) / (111_320 * scale),
                latitude: center.latitude + radiusMeters * cos(angle) / 110_574)
        }
    }
}
