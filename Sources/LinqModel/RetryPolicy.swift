import Foundation

/// When a failed request is retried and how long to wait first, as the official Linq SDKs do.
///
/// Retries 408, 409, 429, 5xx, timeouts and connection errors (`x-should-retry: true|false` overrides
/// that), `maxRetries` times. The wait is `Retry-After` (or `retry-after-ms`) when it is in (0, 60] seconds
/// (read strictly: see `retryAfter(headers:now:)`);
/// a longer one fails the fetch at once. Otherwise it is `initialDelay` doubling per attempt up to `maxDelay`,
/// shortened by up to 25 % of jitter. A retry whose wait would end the fetch past `fetchBudget` is not made.
/// A pure value: randomness and the current date are parameters.
public struct RetryPolicy: Hashable, Sendable {
    /// Retries after the first attempt; 0 disables retrying (negative counts as 0).
    public var maxRetries: Int
    /// The wait before the first retry, before jitter.
    public var initialDelay: Duration
    /// The longest computed wait, before jitter.
    public var maxDelay: Duration
    /// The longest `Retry-After` that is waited for; above it the fetch fails as unavailable.
    public var maxRetryAfter: Duration
    /// How long one whole fetch, retries and waits included, may take.
    public var fetchBudget: Duration

    /// Creates a policy; the defaults are the SDKs' (2 retries, 0.5 s doubling to 8 s, Retry-After up to 60 s)
    /// and linq-map's 75 s bound on a whole fetch.
    public init(
        maxRetries: Int = 2, initialDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(8),
        maxRetryAfter: Duration = .seconds(60), fetchBudget: Duration = .seconds(75)
    ) {
        self.maxRetries = max(0, maxRetries)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.fetchBudget = fetchBudget
    }

    /// The SDKs' policy: 2 retries.
    public static let standard = RetryPolicy()
    /// No retries at all.
    public static let none = RetryPolicy(maxRetries: 0)

    /// How one attempt failed.
    public enum Outcome: Hashable, Sendable {
        /// The server answered with this HTTP status.
        case status(Int)
        /// No complete answer within the attempt's deadline.
        case timeout
        /// The connection could not be made or broke.
        case connectionError
    }

    /// Total attempts a fetch may make: `maxRetries + 1`.
    public var maxAttempts: Int { maxRetries + 1 }

    /// What to do after attempt number `attempt` (1-based) failed with `outcome`.
    ///
    /// - Parameters:
    ///   - headers: the failed response's headers (any case); empty when there was no response.
    ///   - now: the current date, for a `Retry-After` given as an HTTP date.
    ///   - elapsed: time since the fetch began, checked against `fetchBudget`.
    ///   - random: the jitter source.
    /// - Returns: `.retry(after:)` with the wait, or `.fail(retryAfter:)` carrying the server's `Retry-After`
    ///   (if it sent one) for the caller.
    public func decision(
        attempt: Int, outcome: Outcome, headers: [String: String], now: Date, elapsed: Duration = .zero,
        random: inout some RandomNumberGenerator
    ) -> RetryDecision {
        let retryAfter = Self.retryAfter(headers: headers, now: now)
        guard Self.isRetryable(outcome, headers: headers), attempt <= maxRetries else {
            return .fail(retryAfter: retryAfter)
        }
        let delay: Duration
        if let retryAfter {
            guard retryAfter <= maxRetryAfter else { return .fail(retryAfter: retryAfter) }
            delay = retryAfter
        } else {
            delay = backoff(attempt: attempt, random: &random)
        }
        // Leave at least a second for the next attempt, or it is not worth making.
        guard elapsed + delay + .seconds(1) <= fetchBudget else { return .fail(retryAfter: retryAfter) }
        return .retry(after: delay)
    }

    /// The computed wait after attempt `attempt` (1-based): `initialDelay * 2^(attempt-1)`, at most `maxDelay`,
    /// times `1 - 0.25 * r` with `r` uniform in [0, 1) drawn from `random`.
    public func backoff(attempt: Int, random: inout some RandomNumberGenerator) -> Duration {
        var delay = initialDelay
        var doublings = max(0, attempt - 1)
        while doublings > 0 && delay < maxDelay {
            delay *= 2
            doublings -= 1
        }
        delay = min(delay, maxDelay)
        let jitter = 1 - 0.25 * Double.random(in: 0..<1, using: &random)
        return delay * jitter
    }

    /// Whether `outcome` may be retried: `x-should-retry` decides when present, else 408, 409, 429, 5xx,
    /// timeouts and connection errors are retryable.
    public static func isRetryable(_ outcome: Outcome, headers: [String: String]) -> Bool {
        switch header("x-should-retry", in: headers)?.lowercased() {
        case "true": return true
        case "false": return false
        default: break
        }
        switch outcome {
        case .timeout, .connectionError: return true
        case .status(let status): return status == 408 || status == 409 || status == 429 || status >= 500
        }
    }

    /// The wait the server asked for: `retry-after-ms` (milliseconds, digits with an optional fraction), else
    /// `Retry-After` as delay-seconds (RFC 9110: digits only) or an HTTP date relative to `now`. Nil when absent,
    /// zero, in the past, or not in those forms: `0x10`, `0.001`, `1e308`, `-1` and `soon` are not seconds, so
    /// the policy's own back-off applies. Digits beyond a billion seconds count as a billion.
    public static func retryAfter(headers: [String: String], now: Date) -> Duration? {
        if let text = header("retry-after-ms", in: headers)?.trimmed, isDecimal(text),
            let milliseconds = Double(text), milliseconds > 0
        {
            return .milliseconds(min(milliseconds, 1e12))
        }
        guard let text = header("retry-after", in: headers)?.trimmed, !text.isEmpty else { return nil }
        if text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
            let digits = text.drop { $0 == "0" }
            guard !digits.isEmpty else { return nil }
            let seconds = digits.count > 10 ? 1_000_000_000 : min(Int(digits) ?? 1_000_000_000, 1_000_000_000)
            return .seconds(seconds)
        }
        guard let date = httpDate(text) else { return nil }
        let seconds = date.timeIntervalSince(now)
        guard seconds > 0 else { return nil }
        return .seconds(seconds)
    }

    /// Whether `text` is ASCII digits with at most one `.` between digits (no sign, exponent or hex).
    private static func isDecimal(_ text: String) -> Bool {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count <= 2
            && parts.allSatisfy { part in
                !part.isEmpty && part.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            }
    }

    /// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form RFC 9110 requires senders to use.
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()  // a local instance: DateFormatter is not Sendable
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text)
    }

    private static func header(_ name: String, in headers: [String: String]) -> String? {
        if let value = headers[name] { return value }
        return headers.first { $0.key.lowercased() == name }?.value
    }
}

/// What a `RetryPolicy` says after a failed attempt.
public enum RetryDecision: Hashable, Sendable {
    /// Wait this long, then try again.
    case retry(after: Duration)
    /// Give up; `retryAfter` is the server's requested wait, if it sent one.
    case fail(retryAfter: Duration?)
}

/// Progress of one fetch, for the viewer's "fetching… retry 1/2 in 2s" indicator.
public enum FetchProgress: Hashable, Sendable {
    /// Attempt `number` (1-based) of at most `of` is starting.
    case attempt(number: Int, of: Int)
    /// Waiting `delay` before attempt `before` (1-based) because the last one failed for `reason`.
    case waiting(before: Int, delay: Duration, reason: String)
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
