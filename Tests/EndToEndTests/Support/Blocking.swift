import Foundation

/// Runs `body` on a thread of its own and returns its result, so blocking work (waiting for a process,
/// reading a pipe to its end) never holds one of the cooperative pool's threads.
///
/// NB: the pool has one thread per core (2 here); `FakeLinq` serves from that pool in the test process, so a
/// test that blocks it starves the server and the binary sees "no answer from 127.0.0.1 within 20.0 seconds".
func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: body()) }
        thread.start()
    }
}
