import Foundation
import LinqModel
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The live Linq API v3 client: one GET per attempt over URLSession, with the SDKs' retries, a hard
/// per-attempt deadline, a body-size cap and no redirects.
///
/// The key goes only into the `Authorization` header, never into an error or a description.
public final class LinqHTTPClient: Sendable {
    /// The pages `chats(from:)` follows at most, against a server that never ends its cursor chain.
    public static let maxChatPages = 1000

    /// The settings this client was made with.
    public let configuration: ClientConfiguration
    private let sleep: @Sendable (Duration) async throws -> Void
    private let startStopwatch: @Sendable () -> @Sendable () -> Duration
    private let random: Mutex<any RandomNumberGenerator & Sendable>
    private let now: @Sendable () -> Date

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

    /// Lists every chat: `GET {base}/v3/chats?limit=100[&from=PHONE][&cursor=...]`, following `next_cursor`
    /// until it is null.
    ///
    /// Throws `.malformed` when the server repeats a cursor or sends more than `maxChatPages` pages.
    public func chats(from phone: String?) async throws(FetchError) -> [Chat] {
        var chats: [Chat] = []
        var cursor: String?
        var seenCursors: Set<String> = []
        for _ in 0..<Self.maxChatPages {
            var query = [("limit", "100")]
            if let phone { query.append(("from", phone)) }
            if let cursor { query.append(("cursor", cursor)) }
            let url = try endpoint("v3/chats", query: query)
            let page = try await fetch(url, accept: "application/json", progress: nil) {
                (status, headers, body, retryAfter) throws(FetchError) in
                try ChatListDecoder.page(
                    status: status, body: body, location: headers["location"], retryAfter: retryAfter)
            }
            chats += page.chats
            guard let next = page.nextCursor else { return chats }
            guard seenCursors.insert(next).inserted else {
                throw .malformed(detail: "the chat list repeated cursor \"\(next)\"")
            }
            cursor = next
        }
        throw .malformed(detail: "the chat list did not end within \(Self.maxChatPages) pages")
    }

    // MARK: - The retry loop

    typealias Decode<T> = (Int, [String: String], Data, Duration?) throws(FetchError) -> T

    func fetch<T>(
        _ url: URL, accept: String, progress: (@Sendable (FetchProgress) -> Void)?, decode: Decode<T>
    ) async throws(FetchError) -> T {
        let policy = configuration.retry
        let elapsed = startStopwatch()
        var request = URLRequest(url: url)
        request.httpMethod = "GET"
        request.setValue("Bearer \(configuration.apiKey)", forHTTPHeaderField: "Authorization")
        request.setValue(accept, forHTTPHeaderField: "Accept")
        request.setValue(configuration.userAgent, forHTTPHeaderField: "User-Agent")
        request.cachePolicy = .reloadIgnoringLocalAndRemoteCacheData

        var attempt = 1
        while true {
            let remaining = policy.fetchBudget - elapsed()
            let deadline = min(configuration.timeout, remaining)
            guard deadline > .zero else {
                throw .unavailable(reason: "no answer within \(policy.fetchBudget)", retryAfter: nil, api: nil)
            }
            progress?(.attempt(number: attempt, of: policy.maxAttempts))
            let result = await perform(request, deadline: deadline)

            let outcome: RetryPolicy.Outcome
            let headers: [String: String]
            switch result {
            case .response(let status, let responseHeaders, let body):
                if (200..<300).contains(status) {
                    return try decode(status, responseHeaders, body, nil)  // malformed bodies are not retried
                }
                outcome = .status(status)
                headers = responseHeaders
            case .tooLarge:
                throw .tooLarge(limitBytes: configuration.maxBodyBytes)
            case .cancelled:
                throw .cancelled
            case .timedOut:
                outcome = .timeout
                headers = [:]
            case .connectionFailed:
                outcome = .connectionError
                headers = [:]
            }

            let spent = elapsed()
            let decision = random.withLock { generator in
                policy.decision(
                    attempt: attempt, outcome: outcome, headers: headers, now: now(), elapsed: spent,
                    random: &generator)
            }
            switch decision {
            case .fail(let retryAfter):
                throw failure(result, retryAfter: retryAfter, deadline: deadline, host: url.host, decode: decode)
            case .retry(let delay):
                attempt += 1
                progress?(.waiting(before: attempt, delay: delay, reason: Self.describe(outcome)))
                do {
                    try await sleep(delay)
                } catch {
                    throw .cancelled
                }
            }
        }
    }

    /// The error a failed attempt ends the fetch with; an error response is decoded for its API details.
    private func failure<T>(
        _ result: AttemptResult, retryAfter: Duration?, deadline: Duration, host: String?, decode: Decode<T>
    ) -> FetchError {
        switch result {
        case .response(let status, let headers, let body):
            do throws(FetchError) {
                _ = try decode(status, headers, body, retryAfter)
                return .malformed(detail: "HTTP \(status) with a success body")
            } catch {
                return error
            }
        case .timedOut:
            return .unavailable(
                reason: "no answer from \(host ?? "the server") within \(seconds(deadline))", retryAfter: nil,
                api: nil)
        case .connectionFailed(let reason):
            return .unavailable(reason: reason, retryAfter: nil, api: nil)
        case .tooLarge:
            return .tooLarge(limitBytes: configuration.maxBodyBytes)
        case .cancelled:
            return .cancelled
        }
    }

    /// One attempt raced against `deadline` on the injected clock; the loser is cancelled.
    private func perform(_ request: URLRequest, deadline: Duration) async -> AttemptResult {
        let idleTimeout = Double(deadline.components.seconds) + Double(deadline.components.attoseconds) * 1e-18
        let transfer = BoundedTransfer(maxBytes: self.configuration.maxBodyBytes)
        let sleep = self.sleep
        return await withTaskGroup(of: AttemptResult?.self) { group in
            group.addTask {
                await transfer.run(request, idleTimeout: idleTimeout)
            }
            group.addTask {
                do {
                    try await sleep(deadline)
                    return .timedOut
                } catch {
                    return nil  // cancelled: the transfer finished first, or the caller gave up
                }
            }
            var outcome = AttemptResult.cancelled
            for await result in group {
                if let result {
                    outcome = result
                    break
                }
            }
            group.cancelAll()
            return outcome
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

    private static func describe(_ outcome: RetryPolicy.Outcome) -> String {
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
