import Foundation

/// Runs `body` on a new dedicated thread (not a task) and returns its result to the async caller, so the
/// screen's blocking `poll()` never holds one of the cooperative pool's threads (2 on 2 cores).
/// The thread ends when `body` returns.
public func runOnScreenThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        let thread = Thread {
            continuation.resume(returning: body())
        }
        thread.name = "linq-map screen"
        thread.start()
    }
}
