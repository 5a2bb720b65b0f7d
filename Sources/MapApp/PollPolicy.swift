/// When the next location poll runs: every `interval` while polls succeed; after k failures in a row,
/// `interval` x 2^k capped at `maximumDelay`, and never before the server's Retry-After up to that cap.
public struct PollPolicy: Hashable, Sendable {
    /// The shortest interval allowed (`--interval` below it is a usage error; here it is clamped).
    public static let minimumInterval: Duration = .seconds(5)
    /// The interval when none is given.
    public static let defaultInterval: Duration = .seconds(60)

    /// The time between successful polls, at least `minimumInterval`.
    public let interval: Duration

    /// Creates a policy; an interval below `minimumInterval` is raised to it.
    public init(interval: Duration = PollPolicy.defaultInterval) {
        self.interval = max(interval, PollPolicy.minimumInterval)
    }

    /// The longest back-off: 5 minutes, or the interval when that is longer.
    public var maximumDelay: Duration { max(.seconds(300), interval) }

    /// The wait before the next poll after `failures` failed polls in a row (0 after a success).
    ///
    /// A Retry-After longer than the back-off is honoured up to `maximumDelay`: a server asking for days
    /// (a misconfigured or hostile one) does not stop polling; it goes on at the back-off cap.
    public func delay(afterFailures failures: Int, retryAfter: Duration? = nil) -> Duration {
        var delay = interval
        if failures > 0 {
            // Doubling past 2^16 exceeds any cap; stop early so the multiplication cannot overflow.
            delay = min(interval * (1 << min(failures, 16)), maximumDelay)
        }
        if let retryAfter, retryAfter > delay { delay = min(retryAfter, maximumDelay) }
        return delay
    }
}
