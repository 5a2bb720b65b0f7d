import Dispatch
import Foundation

/// The signals the viewer observes rather than dies of (interrupt, terminate, hangup, terminal stop), and SIGCONT,
/// whose default action (continuing the process) happens whether it is observed or not.
public let observedSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT]

/// Ignores each of `signals` and observes it with a `DispatchSource` on a private serial queue instead, calling
/// `handler` with the signal number (on that queue). Call it before `CursesScreen.open` (ncurses then leaves
/// these signals alone) and keep the returned sources alive as long as the handler should run. Returns once
/// Dispatch observes every signal (normally well under a millisecond).
///
/// NB: a source on the main queue never runs while the main thread blocks; the handler must be `@Sendable`, as a
/// closure written in top-level code is otherwise main-actor isolated and traps on the private queue.
/// (docs/platform-notes.md, "Signals").
public func installSignalSources(
    _ signals: [Int32] = observedSignals, handler: @escaping @Sendable (Int32) -> Void
) -> [any DispatchSourceSignal] {
    let queue = DispatchQueue(label: "linq-map.signals")
    let sources = signals.map { number in
        // SIG_IGN first: until Dispatch takes the signal over, its default action would end the process.
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
        source.setEventHandler { @Sendable in handler(number) }
        source.resume()
        return source
    }
    waitUntilObserved(signals)
    return sources
}

/// Waits (at most about a second) until Dispatch has installed its handler for each of `signals`.
///
/// NB: `resume()` registers a signal source asynchronously on Dispatch's manager thread; a signal arriving before
/// that is still ignored and lost (seen as a hung test that raised SIGUSR2 right after `resume()`).
/// (docs/platform-notes.md, "Signals").
func waitUntilObserved(_ signals: [Int32]) {
    for _ in 0..<5000 {
        let pending = signals.contains { number in
            var current = sigaction()
            sigaction(number, nil, &current)
            return Platform.isIgnored(current)
        }
        if !pending { return }
        usleep(200)
    }
}
