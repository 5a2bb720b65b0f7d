import Foundation
import LinqModel
import Synchronization

/// The live Linq API v3 client: one request per attempt over libcurl, with the SDKs' retries, a hard
/// per-attempt deadline, a body-size cap and no redirects.
///
/// The key goes only into the `Authorization` header, never into an error or a description.
public final class LinqHTTPClient: Sendable {
    /// The pages `chats(from:)` follows at most, against a server that never ends its cursor chain.
    public static let maxChatPages = 1000

    /// The settings this client was made with.
    public let configuration: ClientConfiguration
    let sleep: @Sendable (Duration) async throws -> Void
    let startStopwatch: @Sendable () -> @Sendable () -> Duration
    let random: Mutex<any RandomNumberGenerator & Sendable>
    let now: @Sendable () -> Date

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - clock: times attempt deadlines, retry waits and the fetch budget (live: `ContinuousClock()`).
    ///   - random: the jitter source for retry waits.
    ///   - now: the wall clock, for a `Retry-After` given as an HTTP date.
    public init(
        configuration: ClientConfiguration, clock: some Clock<Duration> = ContinuousClock(),
        random: some RandomNumberGenerator & Sendable = SystemRandomNumberGenerator(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        sleep = { duration in try await clock.sleep(for: duration) }
        startStopwatch = {
            let start = clock.now
            return { start.duration(to: clock.now) }
        }
        self.random = Mutex(random)
        self.now = now
    }

    /// Fetches where the participants of chat `chat` are: `GET {base}/v3/chats/{chat}/location`.
    ///
    /// Retries as `configuration.retry` says and reports each attempt and wait to `progress`.
    /// Throws the `FetchError` of the last attempt; `.cancelled` when the calling task is cancelled.
    public func locations(
        chat: String, progress: (@Sendable (FetchProgress) -> Void)? = nil
    ) async throws(FetchError) -> LocationSnapshot {
        let url = try endpoint("v3/chats/\(Self.pathSegment(chat))/location")
        return try await fetch(url, accept: "application/geo+json", progress: progress) {
            (status, headers, body, retryAfter) throws(FetchError) in
            try LocationDecoder.snapshot(
                status: status, body: body, chatID: chat, location: headers["location"], retryAfter: retryAfter)
        }
    }

    // MARK: - URLs

    func endpoint(_ path: String, query: [(String, String)] = []) throws(FetchError) -> URL {
        var base = configuration.baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        var text = base + "/" + path
        if !query.isEmpty {
            text +=
                "?" + query.map { "\(Self.queryComponent($0.0))=\(Self.queryComponent($0.1))" }.joined(separator: "&")
        }
        guard let url = URL(string: text) else {
            throw .clientError(APIError(status: 0, message: "cannot build a request URL from the base URL"))
        }
        return url
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Percent-encodes everything but RFC 3986 unreserved characters (so `+` in a phone number is `%2B`).
    static func queryComponent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// Percent-encodes a chat id for use as one path segment.
    static func pathSegment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    static func describe(_ outcome: RetryPolicy.Outcome) -> String {
        switch outcome {
        case .status(let status): return "HTTP \(status)"
        case .timeout: return "timeout"
        case .connectionError: return "connection error"
        }
    }
}

/// `duration` as whole or tenth seconds for a message: "20 s", "14.5 s".
func seconds(_ duration: Duration) -> String {
    let tenths = (Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18) * 10
    let rounded = tenths.rounded()
    return rounded.truncatingRemainder(dividingBy: 10) == 0
        ? "\(Int(rounded / 10)) s" : String(format: "%.1f s", rounded / 10)
}
