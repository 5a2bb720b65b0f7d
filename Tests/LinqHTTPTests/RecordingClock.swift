import Synchronization

/// An instant of `RecordingClock`: an offset from the clock's start.
struct RecordingInstant: InstantProtocol {
    var offset: Duration

    func advanced(by duration: Duration) -> RecordingInstant { RecordingInstant(offset: offset + duration) }
    func duration(to other: RecordingInstant) -> Duration { other.offset - offset }
    static func < (lhs: RecordingInstant, rhs: RecordingInstant) -> Bool { lhs.offset < rhs.offset }
}

/// A test clock: a sleep of exactly `deadline` (an attempt's deadline) never ends until it is cancelled, except
/// the first `expiringDeadlines` of them, which end (the attempt times out) as soon as `expiry` returns; any other
/// sleep (a retry wait) is recorded and returns at once, moving `now` forward by its length. Retry waits can then
/// be compared with what `RetryPolicy` says, without any real waiting.
///
/// An attempt races its transfer thread against the deadline, so a deadline that expires at once usually ends the
/// attempt before its request is sent. To time out an attempt the server holds, let `expiry` wait for that
/// request (`server.waitForRequests(count:)`).
final class RecordingClock: Clock, Sendable {
    typealias Duration = Swift.Duration
    typealias Instant = RecordingInstant

    private let state = Mutex((now: Duration.zero, sleeps: [Duration]()))
    private let deadline: Duration
    private let expiringDeadlines = Mutex(0)
    private let expiry: @Sendable () async -> Void

    init(
        deadline: Duration = .seconds(20), expiringDeadlines: Int = 0, expiry: @escaping @Sendable () async -> Void = {}
    ) {
        self.deadline = deadline
        self.expiringDeadlines.withLock { $0 = expiringDeadlines }
        self.expiry = expiry
    }

    var now: RecordingInstant { RecordingInstant(offset: state.withLock { $0.now }) }
    var minimumResolution: Duration { .zero }

    /// The sleeps that returned, in order.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func sleep(until deadline: RecordingInstant, tolerance: Duration?) async throws {
        let requested = now.duration(to: deadline)
        if requested == self.deadline {
            let expires = expiringDeadlines.withLock { remaining in
                defer { remaining -= 1 }
                return remaining > 0
            }
            if expires {
                // `expiry` need not heed cancellation (RequestLog.waitFor does not): wait for it or for
                // cancellation, whichever comes first, since an AsyncStream's iteration ends when its task is
                // cancelled.
                let (expired, signal) = AsyncStream.makeStream(of: Void.self)
                let waiter = Task { [expiry] in
                    await expiry()
                    signal.finish()
                }
                for await _ in expired {}
                waiter.cancel()
                try Task.checkCancellation()
                return
            }
            // A deadline that must not fire in this test: wait for the cancellation that ends the race.
            try await Task.sleep(for: .seconds(86_400))
            return
        }
        state.withLock { state in
            state.sleeps.append(requested)
            state.now += max(requested, .zero)
        }
        try Task.checkCancellation()
    }
}
