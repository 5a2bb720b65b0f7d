import Foundation
import LinqModel
import Synchronization

/// Polls the chat's locations on `clock`: once at start, then as `policy` says (interval, back-off,
/// Retry-After), one request at a time, until its task is cancelled.
///
/// Every outcome reaches the reducer as an `Action` through `post`, stamped with `now()`. `refreshNow()`
/// cuts the current wait short (a request already running is never duplicated: the wake is kept for
/// when it ends), except inside a Retry-After window, which the poller sits out.
public struct Poller<C: Clock>: Sendable where C.Duration == Duration {
    /// Fetches one snapshot (the client's own retries included).
    public var fetch: @Sendable () async throws(FetchError) -> LocationSnapshot
    /// The clock the waits run on.
    public var clock: C
    /// The schedule between polls.
    public var policy: PollPolicy
    /// The wall-clock time that stamps actions (the executable passes `Date.init`).
    public var now: @Sendable () -> Date

    private let wakeup = Wakeup()

    /// Creates a poller; nothing runs until `run(post:)`.
    public init(
        fetch: @escaping @Sendable () async throws(FetchError) -> LocationSnapshot, clock: C,
        policy: PollPolicy = PollPolicy(), now: @escaping @Sendable () -> Date
    ) {
        self.fetch = fetch
        self.clock = clock
        self.policy = policy
        self.now = now
    }

    /// The time between successful polls.
    public var interval: Duration { policy.interval }

    /// Cuts the current wait short so the next poll starts at once (or when the running one ends).
    public func refreshNow() {
        wakeup.wake()
    }

    /// Polls until the calling task is cancelled, posting `pollStarted`, then `pollSucceeded` or
    /// `pollFailed` for each poll.
    public func run(post: @escaping @Sendable (Action) -> Void) async {
        var failures = 0
        while !Task.isCancelled {
            wakeup.reset()
            post(.pollStarted(now: now()))
            var retryAfter: Duration?
            let outcome: Action
            do throws(FetchError) {
                let snapshot = try await fetch()
                failures = 0
                outcome = .pollSucceeded(snapshot, now: now())
            } catch {
                if Task.isCancelled { return }
                failures += 1
                retryAfter = error.retryAfter
                outcome = .pollFailed(error, now: now())
            }
            // NB: the deadlines are fixed before posting, so a test that advances a manual clock as soon as
            // it sees the outcome cannot slip in before the poller reads the clock.
            let start = clock.now
            let deadline = start.advanced(by: policy.delay(afterFailures: failures, retryAfter: retryAfter))
            let notBefore = retryAfter.map { start.advanced(by: $0) }
            post(outcome)
            if Task.isCancelled { return }
            await wait(until: deadline)
            if let notBefore, clock.now < notBefore {
                try? await clock.sleep(until: notBefore, tolerance: nil)
            }
        }
    }

    /// Sleeps until `deadline` or a wake-up, whichever comes first; returns at once on cancellation.
    private func wait(until deadline: C.Instant) async {
        let clock = self.clock
        let wakeup = self.wakeup
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await clock.sleep(until: deadline, tolerance: nil) }
            group.addTask { await wakeup.wait() }
            await group.next()
            group.cancelAll()
        }
    }
}

/// A one-slot wake-up signal: `wake()` either resumes the waiter or is remembered for the next `wait()`.
private final class Wakeup: Sendable {
    private struct State {
        var isPending = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// Resumes the waiter, or remembers the wake-up for the next `wait()` when nobody waits.
    func wake() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.isPending = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Forgets a remembered wake-up (a poll is starting, which is what it asked for).
    func reset() {
        state.withLock { $0.isPending = false }
    }

    /// Returns when woken or when the task is cancelled.
    func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.isPending || Task.isCancelled {
                        state.isPending = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
