import Foundation
import LinqModel

/// Where the poll cycle is: the one source of the countdown on screen and of the wait the poller sleeps.
public enum PollPhase: Hashable, Sendable {
    /// Before the first poll was asked for.
    case notStarted
    /// A fetch runs; `progress` is its latest report (attempt number, retry wait); `previousError` is the
    /// failure it retries, still shown until the fetch ends.
    case fetching(progress: FetchProgress?, previousError: FetchError?)
    /// The last poll succeeded; the next one is due at `until`.
    case idle(until: Date)
    /// The last poll failed with `error`; the next one is due at `until` (back-off, or the server's
    /// Retry-After when longer); `notBefore` is the end of the Retry-After window, inside which `r` is refused.
    case backingOff(FetchError, until: Date, notBefore: Date?)
}

/// The polling part of the state: the phase and the counts the schedule is computed from.
///
/// Changed only through `start(now:)`, `succeed(now:policy:)` and `fail(_:now:policy:)`, which return the
/// instant of the next poll: the reducer emits it as `Effect.schedulePoll(at:)` and the status bar counts
/// down to the same instant, so the two cannot disagree.
public struct PollStatus: Hashable, Sendable {
    /// Where the poll cycle is.
    public private(set) var phase: PollPhase = .notStarted
    /// How many polls have ended, successfully or not.
    public private(set) var completedPolls = 0
    /// Failed polls in a row since the last success.
    public private(set) var consecutiveFailures = 0
    /// When the last successful poll ended.
    public private(set) var lastSuccessAt: Date?
    /// The attempts a fetch may make (1 plus the retries), from the client's first attempt report.
    public private(set) var attemptsPerFetch: Int?
    /// When the running fetch's latest progress arrived, so a retry's countdown can tick; nil when unknown.
    public private(set) var progressAt: Date?

    /// Creates the status before the first poll.
    public init() {}

    /// True while a fetch runs (between `pollStarted` and its outcome).
    public var isFetching: Bool {
        if case .fetching = phase { return true }
        return false
    }

    /// The latest progress report of the running fetch, if any.
    public var progress: FetchProgress? {
        if case .fetching(let progress, _) = phase { return progress }
        return nil
    }

    /// The last error, until the next success clears it.
    public var lastError: FetchError? {
        switch phase {
        case .backingOff(let error, _, _): error
        case .fetching(_, let previous): previous
        case .notStarted, .idle: nil
        }
    }

    /// When the next poll is due (the countdown's target and the poller's wake-up), or nil while none is.
    public var nextPollAt: Date? {
        switch phase {
        case .idle(let until), .backingOff(_, let until, _): until
        case .notStarted, .fetching: nil
        }
    }

    /// Before this instant the server asked not to be called (Retry-After); `r` is refused until then.
    public var retryAllowedAt: Date? {
        if case .backingOff(_, _, let notBefore) = phase { return notBefore }
        return nil
    }

    /// A fetch began.
    mutating func start() {
        phase = .fetching(progress: nil, previousError: lastError)
    }

    /// The running fetch reported progress (at `now`, when known).
    mutating func report(_ progress: FetchProgress, now: Date? = nil) {
        if case .attempt(_, let total) = progress { attemptsPerFetch = total }
        if case .fetching(_, let previous) = phase {
            phase = .fetching(progress: progress, previousError: previous)
            progressAt = now
        }
    }

    /// A poll succeeded at `now`; returns when the next one is due (one interval later).
    mutating func succeed(now: Date, policy: PollPolicy) -> Date {
        completedPolls += 1
        consecutiveFailures = 0
        lastSuccessAt = now
        let due = now.addingTimeInterval(policy.delay(afterFailures: 0).seconds)
        phase = .idle(until: due)
        return due
    }

    /// A poll failed at `now`; returns when the next one is due (back-off, or Retry-After when longer).
    mutating func fail(_ error: FetchError, now: Date, policy: PollPolicy) -> Date {
        completedPolls += 1
        consecutiveFailures += 1
        let delay = policy.delay(afterFailures: consecutiveFailures, retryAfter: error.retryAfter)
        let due = now.addingTimeInterval(delay.seconds)
        // `r` is refused until the server's Retry-After, or until the next poll when that comes sooner (a
        // Retry-After beyond the back-off cap).
        let notBefore = error.retryAfter.map { min(due, now.addingTimeInterval($0.seconds)) }
        phase = .backingOff(error, until: due, notBefore: notBefore)
        return due
    }

    /// `r` asked for a poll at `now`: the phase keeps its error but is due now.
    mutating func refresh(now: Date) {
        switch phase {
        case .backingOff(let error, _, let notBefore): phase = .backingOff(error, until: now, notBefore: notBefore)
        case .idle, .notStarted: phase = .idle(until: now)
        case .fetching: break
        }
    }
}
