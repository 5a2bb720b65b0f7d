import Foundation

/// Runs `body` on a new dedicated thread (not a task) and returns its result to the async caller, so the
/// screen's blocking `poll()` never holds one of the cooperative pool's threads (2 on 2 cores).
/// The thread starts with no signal blocked and ends when `body` returns.
public func runOnScreenThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        let thread = Thread {
            // NB: a thread inherits its creator's signal mask, and Swift's pool threads block most signals
            // (SIGTSTP, SIGWINCH among them, seen in /proc/PID/task/*/status): then raise(SIGTSTP) never stops
            // the process and SIGWINCH never interrupts poll() here (docs/platform-notes.md, "The screen loop").
            var nothing = sigset_t()
            sigemptyset(&nothing)
            pthread_sigmask(SIG_SETMASK, &nothing, nil)
            continuation.resume(returning: body())
        }
        thread.name = "linq-map screen"
        thread.start()
    }
}
