import Foundation
import LinqModel

extension LinqHTTPClient {
    /// Turns a final response (status, lower-case headers, body, the server's `Retry-After` when the retries
    /// ended on it) into an endpoint's value or its `FetchError`.
    typealias Decode<T> = (Int, [String: String], Data, Duration?) throws(FetchError) -> T

    /// A request to `{base}/{path}?{query}` with the key, `Accept`, `User-Agent` and, when `json` is given,
    /// that body as `application/json` (POST, or DELETE with a body).
    func request(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], accept: String = "application/json",
        json: Data? = nil
    ) throws(FetchError) -> HTTPRequest {
        var headers = [
            HTTPField(name: "Authorization", value: "Bearer \(configuration.apiKey)"),
            HTTPField(name: "Accept", value: accept),
            HTTPField(name: "User-Agent", value: configuration.userAgent),
        ]
        if json != nil { headers.append(HTTPField(name: "Content-Type", value: "application/json")) }
        return HTTPRequest(method: method, url: try endpoint(path, query: query), headers: headers, body: json)
    }

    /// GETs `url` with the standard headers and decodes the final response with `decode`.
    func fetch<T>(
        _ url: URL, accept: String, progress: (@Sendable (FetchProgress) -> Void)?, decode: Decode<T>
    ) async throws(FetchError) -> T {
        let headers = [
            HTTPField(name: "Authorization", value: "Bearer \(configuration.apiKey)"),
            HTTPField(name: "Accept", value: accept),
            HTTPField(name: "User-Agent", value: configuration.userAgent),
        ]
        return try await fetch(
            HTTPRequest(method: .get, url: url, headers: headers), progress: progress, decode: decode)
    }

    /// Sends `request` (see `send`, with `retry` in place of the configured policy when given) and decodes the
    /// final response with `decode`; a 2xx whose body `decode` rejects is malformed, not retried.
    func fetch<T>(
        _ request: HTTPRequest, retry: RetryPolicy? = nil, progress: (@Sendable (FetchProgress) -> Void)?,
        decode: Decode<T>
    ) async throws(FetchError) -> T {
        let (response, retryAfter) = try await send(request, retry: retry, progress: progress)
        if (200..<300).contains(response.status) {
            return try decode(response.status, response.headers, response.body, nil)
        }
        _ = try decode(response.status, response.headers, response.body, retryAfter)
        throw .malformed(detail: "HTTP \(response.status) with a success body")
    }

    /// The one way a request reaches the network: sends `request` with the retry policy, a per-attempt deadline
    /// (`configuration.timeout`, cut to what is left of the fetch budget) and the transfer limits, and returns
    /// the final response with any status but 3xx, plus the server's `Retry-After` when the retries ended on a
    /// response that carried one. `retry` replaces `configuration.retry` for this request (`.none`: one attempt).
    ///
    /// Throws `.redirect` for any 3xx (never followed, never retried), `.tooLarge` past the body cap,
    /// `.malformed` when the server's bytes broke HTTP (not retried), `.unavailable` when the connection
    /// failed or timed out on the last attempt or the budget ran out, `.cancelled` when the caller cancelled.
    func send(
        _ request: HTTPRequest, retry: RetryPolicy? = nil, progress: (@Sendable (FetchProgress) -> Void)?
    ) async throws(FetchError) -> (response: HTTPResponse, retryAfter: Duration?) {
        let policy = retry ?? configuration.retry
        let elapsed = startStopwatch()
        var attempt = 1
        while true {
            let remaining = policy.fetchBudget - elapsed()
            let deadline = min(configuration.timeout, remaining)
            guard deadline > .zero else {
                throw .unavailable(
                    reason: "no answer from \(request.hostAndPort) within \(seconds(policy.fetchBudget))",
                    retryAfter: nil, api: nil)
            }
            progress?(.attempt(number: attempt, of: policy.maxAttempts))
            let result = await perform(request, deadline: deadline)

            let outcome: RetryPolicy.Outcome
            var headers: [String: String] = [:]
            let failure: FetchError
            switch result {
            case .response(let response):
                if (300..<400).contains(response.status) {
                    throw .redirect(status: response.status, location: response.headers["location"])
                }
                guard !(200..<300).contains(response.status),
                    RetryPolicy.isRetryable(.status(response.status), headers: response.headers)
                else {
                    return (response, RetryPolicy.retryAfter(headers: response.headers, now: now()))
                }
                outcome = .status(response.status)
                headers = response.headers
                failure = .cancelled  // a response is returned, not thrown, when the retries end
            case .tooLarge:
                throw .tooLarge(limitBytes: configuration.maxBodyBytes)
            case .malformed(let detail):
                throw .malformed(detail: detail)
            case .cancelled:
                throw .cancelled
            case .timedOut:
                outcome = .timeout
                failure = .unavailable(
                    reason: "no answer from \(request.hostAndPort) within \(seconds(deadline))", retryAfter: nil,
                    api: nil)
            case .connectionFailed(let reason):
                outcome = .connectionError
                failure = .unavailable(reason: reason, retryAfter: nil, api: nil)
            }

            let spent = elapsed()
            let decision = random.withLock { generator in
                policy.decision(
                    attempt: attempt, outcome: outcome, headers: headers, now: now(), elapsed: spent,
                    random: &generator)
            }
            switch decision {
            case .fail(let retryAfter):
                if case .response(let response) = result { return (response, retryAfter) }
                throw failure
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

    /// One attempt raced against `deadline` on the injected clock; the loser is cancelled.
    private func perform(_ request: HTTPRequest, deadline: Duration) async -> AttemptResult {
        let transfer = CurlTransfer(request, limits: TransferLimits(maxBodyBytes: configuration.maxBodyBytes))
        let sleep = self.sleep
        return await withTaskGroup(of: AttemptResult?.self) { group in
            group.addTask {
                // A little past the deadline: the injected clock's deadline decides; this is the safety net.
                await transfer.run(timeout: deadline + .seconds(1))
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
}
