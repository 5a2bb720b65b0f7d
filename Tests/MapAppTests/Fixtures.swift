import Foundation
import Geo
import LinqModel

/// Shared sample data for the MapApp tests.
enum Fixtures {
    static let chatID = "975d0776-bd17-4273-8337-f346b4c661b0"
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    static func participant(
        _ handle: String, lat: Double, lon: Double, age: TimeInterval? = 30, locality: String? = nil,
        address: String? = nil, now: Date = start
    ) -> Participant {
        Participant(
            handle: handle, coordinate: Coordinate(longitude: lon, latitude: lat), address: address,
            locality: locality, updatedAt: age.map { now.addingTimeInterval(-$0) })
    }

    static let ana = participant(
        "+14155550101", lat: 37.7749, lon: -122.4194, age: 5, locality: "San Francisco",
        address: "1 Market St, San Francisco, CA 94105")
    static let bo = participant(
        "bo@example.com", lat: 51.5072, lon: -0.1276, age: 300, locality: "London",
        address: "10 Downing St, London SW1A 2AA")
    static let chen = participant(
        "+8613800138000", lat: 31.2304, lon: 121.4737, age: 4000, locality: "上海市",
        address: "人民广场, 黄浦区")
    static let dara = participant(
        "+61255550123", lat: -33.8688, lon: 151.2093, age: nil, locality: "Sydney", address: nil)
    static let eli = participant(
        "eli@example.org", lat: -23.5505, lon: -46.6333, age: 3 * 86400, locality: "São Paulo",
        address: "Av. Paulista, 1578")

    static let group = LocationSnapshot(participants: [ana, bo, chen, dara, eli])

    static let unauthorized = FetchError.unauthorized(
        APIError(status: 401, code: 2004, message: "Invalid API key"))
    static let notFound = FetchError.chatNotFound(
        chatID: chatID, APIError(status: 404, code: 2001, message: "Chat not found"))
    static let serverDown = FetchError.unavailable(
        reason: "HTTP 500", retryAfter: nil, api: APIError(status: 500, code: 3006, message: "Internal error"))

    static func rateLimited(_ seconds: Int) -> FetchError {
        .unavailable(reason: "HTTP 429", retryAfter: .seconds(seconds), api: nil)
    }
}

extension Participant {
    /// The participant's position as a `LatLon`.
    var latLon: LatLon { LatLon(lat: coordinate.latitude, lon: coordinate.longitude) }
}
