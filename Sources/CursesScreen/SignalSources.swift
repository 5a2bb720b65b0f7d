import Dispatch
import Foundation

/// The signals the viewer observes rather than dies of: interrupt, terminate, hangup and terminal stop.
public let observedSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGTSTP]

/// Ignores each of `signals` and observes it with a `DispatchSource` on a private serial queue instead, calling
/// `handler` with the signal number (on that queue). Call it before `CursesScreen.open` (ncurses then leaves
/// these signals alone) and keep the returned sources alive as long as the handler should run.
///
/// NB: a source on the main queue never runs while the main thread blocks; the handler must be `@Sendable`, as a
/// closure written in top-level code is otherwise main-actor isolated and traps on the private queue.
public func installSignalSources(
    _ signals: [Int32] = observedSignals, handler: @escaping @Sendable (Int32) -> Void
) -> [any DispatchSourceSignal] {
    let queue = DispatchQueue(label: "linq-map.signals")
    return signals.map { number in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
        source.setEventHandler { @Sendable in handler(number) }
        source.resume()
        return source
    }
}

/// The exit status for a process ended by `signal`, as shells report it: 128 + the signal number
/// (SIGINT 130, SIGTERM 143, SIGHUP 129).
public func exitStatus(forSignal signal: Int32) -> Int32 { 128 + signal }
