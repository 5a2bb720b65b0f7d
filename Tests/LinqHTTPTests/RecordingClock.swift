import Synchronization

/// An instant of `RecordingClock`: an offset from the clock's start.
struct RecordingInstant: InstantProtocol {
    var offset: Duration

    func advanced(by duration: Duration) -> RecordingInstant { RecordingInstant(offset: offset + duration) }
    func duration(to other: RecordingInstant) -> Duration { other.offset - offset }
    static func < (lhs: RecordingInstant, rhs: RecordingInstant) -> Bool { lhs.offset < rhs.offset }
}

/// A test clock: a sleep shorter than `hangThreshold` is recorded and returns at once, moving `now` forward
/// by its length; a longer one (an attempt's deadline) never ends until it is cancelled. Retry waits can then
/// be compared with what `RetryPolicy` says, without any real waiting.
final class RecordingClock: Clock, Sendable {
    typealias Duration = Swift.Duration
    typealias Instant = RecordingInstant

    private let state = Mutex((now: Duration.zero, sleeps: [Duration]()))
    private let hangThreshold: Duration

    init(hangThreshold: Duration = .seconds(20)) {
        self.hangThreshold = hangThreshold
    }

    var now: RecordingInstant { RecordingInstant(offset: state.withLock { $0.now }) }
    var minimumResolution: Duration { .zero }

    /// The sleeps that returned, in order.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func sleep(until deadline: RecordingInstant, tolerance: Duration?) async throws {
        let requested = now.duration(to: deadline)
        if requested >= hangThreshold {
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
