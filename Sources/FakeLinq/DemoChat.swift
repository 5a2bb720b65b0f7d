import Foundation
import LinqModel

/// The simulated group chat behind `linq-map --demo`: nine people on six continents, some moving every poll
/// along plausible paths, ages from just now to days, one without a time, one with altitude, one who
/// stops sharing for two polls in six, non-ASCII places and an email handle. Everything is a pure function of
/// the poll number and the server's `now`.
public enum DemoChat {
    /// A courier driving a loop through San Francisco, one leg per three polls.
    public static let courier = FakeParticipant(
        handle: "+14155550111", coordinate: Coordinate(longitude: -122.4194, latitude: 37.7749),
        path: .route(
            [
                Coordinate(longitude: -122.3959, latitude: 37.7936),  // Ferry Building
                Coordinate(longitude: -122.4075, latitude: 37.7879),  // Union Square
                Coordinate(longitude: -122.4330, latitude: 37.7786),  // Alamo Square
                Coordinate(longitude: -122.4193, latitude: 37.7599),  // Mission
                Coordinate(longitude: -122.3893, latitude: 37.7786),  // Oracle Park
            ], pollsPerLeg: 3),
        address: "Market St", locality: "San Francisco", updatedAt: .ago(.seconds(2)))

    /// A runner going round the Central Park reservoir, one lap per twelve polls.
    public static let runner = FakeParticipant(
        handle: "+12125550112", coordinate: Coordinate(longitude: -73.9626, latitude: 40.7829),
        path: .orbit(
            center: Coordinate(longitude: -73.9626, latitude: 40.7829), radiusMeters: 450, pollsPerLap: 12),
        address: "Jacqueline Kennedy Onassis Reservoir", locality: "New York", updatedAt: .ago(.seconds(15)))

    /// Someone in London, seven minutes ago.
    public static let london = FakeParticipant(
        handle: "+442075550113", coordinate: Coordinate(longitude: -0.1419, latitude: 51.5014),
        address: "Buckingham Palace Rd", locality: "London", updatedAt: .ago(.seconds(7 * 60)))

    /// Someone in Lagos, three hours ago.
    public static let lagos = FakeParticipant(
        handle: "+2348055501114", coordinate: Coordinate(longitude: 3.4219, latitude: 6.4281),
        address: "Lekki Phase 1", locality: "Lagos", updatedAt: .ago(.seconds(3 * 3600)))

    /// Someone in Mumbai who stops sharing for the last two of every six polls.
    public static let mumbai = FakeParticipant(
        handle: "+912255501115", coordinate: Coordinate(longitude: 72.8258, latitude: 18.9220),
        address: "Gateway of India", locality: "Mumbai", updatedAt: .ago(.seconds(45 * 60)),
        pause: FakeParticipant.Pause(period: 6, pausedPolls: 2))

    /// Someone in Tokyo with an email handle, two days ago.
    public static let tokyo = FakeParticipant(
        handle: "yuki@example.jp", coordinate: Coordinate(longitude: 139.7006, latitude: 35.6595),
        address: "渋谷区道玄坂2丁目", locality: "東京", updatedAt: .ago(.seconds(2 * 86400 + 3600)))

    /// Someone in Sydney with no time at all.
    public static let sydney = FakeParticipant(
        handle: "+61255501117", coordinate: Coordinate(longitude: 151.2153, latitude: -33.8568),
        address: "Bennelong Point", locality: "Sydney", updatedAt: .omitted, missingFields: .omitted)

    /// Someone walking along Avenida Paulista in São Paulo, one leg per four polls.
    public static let saoPaulo = FakeParticipant(
        handle: "+5511955501118", coordinate: Coordinate(longitude: -46.6544, latitude: -23.5614),
        path: .route(
            [
                Coordinate(longitude: -46.6620, latitude: -23.5568),
                Coordinate(longitude: -46.6544, latitude: -23.5614),
                Coordinate(longitude: -46.6450, latitude: -23.5680),
            ], pollsPerLeg: 4),
        address: "Avenida Paulista", locality: "São Paulo", updatedAt: .ago(.seconds(60)))

    /// A hiker on the Uetliberg above Zürich, with altitude, climbing and descending.
    public static let zurich = FakeParticipant(
        handle: "+41445550119", coordinate: Coordinate(longitude: 8.4918, latitude: 47.3497, altitude: 869),
        path: .route(
            [
                Coordinate(longitude: 8.5113, latitude: 47.3611, altitude: 480),  // Triemli
                Coordinate(longitude: 8.4918, latitude: 47.3497, altitude: 869),  // Uto Kulm
            ], pollsPerLeg: 10),
        address: "Uetliberg", locality: "Zürich", updatedAt: .ago(.seconds(20)))

    /// Every demo participant, in response order.
    public static let participants = [courier, runner, london, lagos, mumbai, tokyo, sydney, saoPaulo, zurich]

    /// The demo chat's location scenario.
    public static let scenario = Scenario.participants(participants)

    /// A configuration serving the standard chats, `Fixtures.demoChatID` among them, for `linq-map --demo`.
    public static func configuration(apiKey: String = "demo-key", now: @escaping @Sendable () -> Date = { Date() })
        -> FakeLinqConfiguration
    {
        FakeLinqConfiguration(apiKey: apiKey, now: now)
    }
}
