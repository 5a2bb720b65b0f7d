import Foundation
import Synchronization
import Testing

@testable import CursesScreen

@Suite struct SignalSourcesTests {
    @Test(.timeLimit(.minutes(1)))
    func anIgnoredSignalReachesTheHandler() async {
        let received = await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            let once = OnceBox(continuation)
            let sources = installSignalSources([SIGUSR2]) { number in once.resume(number) }
            kill(getpid(), SIGUSR2)
            once.keep(sources)
        }
        #expect(received == SIGUSR2)
    }
}

/// Resumes a continuation at most once and keeps the signal sources alive until then.
private final class OnceBox: Sendable {
    private let state: Mutex<(CheckedContinuation<Int32, Never>?, [any DispatchSourceSignal])>

    init(_ continuation: CheckedContinuation<Int32, Never>) {
        state = Mutex((continuation, []))
    }

    func keep(_ sources: [any DispatchSourceSignal]) {
        state.withLock { $0.1 = sources }
    }

    func resume(_ value: Int32) {
        let continuation = state.withLock { current in
            let taken = current.0
            current.0 = nil
            current.1.forEach { $0.cancel() }
            return taken
        }
        continuation?.resume(returning: value)
    }
}
