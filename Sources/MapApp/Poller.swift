import Foundation
import LinqModel
import Synchronization

/// Runs the chat's location fetches at the instants the reducer schedules, one at a time, until its task is
/// cancelled. It keeps no schedule of its own: `AppState` decides when the next poll is due (interval,
/// back-off, Retry-After, `r`) and emits `Effect.schedulePoll(at:)`, which the edge passes to `schedule(at:)`;
/// the status bar counts down to the same instant.
///
/// Every fetch reaches the reducer as `pollStarted`, then `pollSucceeded` or `pollFailed`, through `post`,
/// stamped with `now()`.
public struct Poller<C: Clock>: Sendable where C.Duration == Duration {
    /// Fetches one snapshot (the client's own retries included).
    public var fetch: @Sendable () async throws(FetchError) -> LocationSnapshot
    /// The clock the waits run on.
    public var clock: C
    /// The wall-clock time that stamps actions and dates the schedule (the executable passes `Date.init`).
    public var now: @Sendable () -> Date
    /// The index in `AppState.chats` of the chat this poller fetches, stamped on every action it posts.
    public var chat: Int

    private let mailbox = ScheduleMailbox()

    /// Creates a poller; nothing runs until `run(post:)`, and nothing is fetched until `schedule(at:)`.
    public init(
        fetch: @escaping @Sendable () async throws(FetchError) -> LocationSnapshot, clock: C,
        now: @escaping @Sendable () -> Date, chat: Int = 0
    ) {
        self.fetch = fetch
        self.clock = clock
        self.now = now
        self.chat = chat
    }

    /// Sets when the next fetch starts, replacing the instant set before; an instant not in the future
    /// means at once. A schedule that arrives during a fetch applies after it.
    public func schedule(at due: Date) {
        mailbox.put(due)
    }

    /// Fetches at each scheduled instant until the calling task is cancelled.
    public func run(post: @escaping @Sendable (Action) -> Void) async {
        while !Task.isCancelled {
            let (due, changed) = mailbox.current()
            guard let due else {
                _ = await changed.wait()
                continue
            }
            let delay = due.timeIntervalSince(now())
            if delay > 0 {
                if await sleep(for: .seconds(delay), unless: changed) { continue }
                if Task.isCancelled { return }
            }
            guard mailbox.take(ifStill: changed) else { continue }
            post(.pollStarted(now: now(), chat: chat))
            do throws(FetchError) {
                let snapshot = try await fetch()
                post(.pollSucceeded(snapshot, now: now(), chat: chat))
            } catch {
                if Task.isCancelled { return }
                post(.pollFailed(error, now: now(), chat: chat))
            }
        }
    }

    /// Sleeps for `delay` on the clock; returns true when `changed` fired first (a new schedule).
    private func sleep(for delay: Duration, unless changed: Latch<Void>) async -> Bool {
        let clock = self.clock
        let deadline = clock.now.advanced(by: delay)
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                try? await clock.sleep(until: deadline, tolerance: nil)
                return false
            }
            group.addTask { await changed.wait() != nil }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}

/// The latest scheduled instant, and a latch that fires when it changes.
private final class ScheduleMailbox: Sendable {
    private struct State {
        var due: Date?
        var changed = Latch<Void>()
    }

    private let state = Mutex(State())

    /// Replaces the scheduled instant and fires the current latch.
    func put(_ due: Date) {
        let changed = state.withLock { state -> Latch<Void> in
            state.due = due
            defer { state.changed = Latch() }
            return state.changed
        }
        changed.resolve(())
    }

    /// The scheduled instant, if any, and the latch that fires when it changes.
    func current() -> (due: Date?, changed: Latch<Void>) {
        state.withLock { ($0.due, $0.changed) }
    }

    /// Consumes the scheduled instant unless a newer one arrived since `changed` was handed out.
    func take(ifStill changed: Latch<Void>) -> Bool {
        state.withLock { state in
            guard state.changed === changed else { return false }
            state.due = nil
            return true
        }
    }
}
