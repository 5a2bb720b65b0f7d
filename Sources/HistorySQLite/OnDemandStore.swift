import Foundation
import History
import Synchronization

/// The history database as a recorder holds it: opened for writing (created and migrated when missing) at its first
/// use, so start-up never waits for it, then kept open; a file that cannot be used turns it off for the rest of the
/// run. `HistoryRecorder` and `EventRecorder` each hold one, and call it on their own queue only.
final class OnDemandStore: Sendable {
    /// What `opened` found.
    enum Opening {
        case open(SQLiteHistoryStore)
        /// Not open: `isOff` when for the rest of the run, else (a lock) tried again at the next use.
        case failed(HistoryError, isOff: Bool)
    }

    private enum State: Sendable {
        case closed
        case open(SQLiteHistoryStore)
        case off(HistoryError)
    }

    /// The database file.
    let file: URL
    private let busyTimeout: Duration
    private let state = Mutex<State>(.closed)

    /// A store for `file` whose writes wait up to `busyTimeout` for another writer.
    init(file: URL, busyTimeout: Duration) {
        self.file = file
        self.busyTimeout = busyTimeout
    }

    /// The store when it is open, without opening it.
    var current: SQLiteHistoryStore? {
        if case .open(let store) = state.withLock({ $0 }) { return store }
        return nil
    }

    /// The store, opening it the first time and then running `prepare` on it (pruning). A lock while opening is tried
    /// again at the next use; a lock, a full disk or another passing failure of `prepare` is let go (pruning is due
    /// again at the next start); anything else turns the store off.
    func opened(prepare: (SQLiteHistoryStore) throws(HistoryError) -> Void) -> Opening {
        switch state.withLock({ $0 }) {
        case .off(let error): return .failed(error, isOff: true)
        case .open(let store): return .open(store)
        case .closed:
            let store: SQLiteHistoryStore
            do throws(HistoryError) {
                store = try SQLiteHistoryStore(file: file, busyTimeout: busyTimeout)
            } catch {
                if case .locked = error { return .failed(error, isOff: false) }
                return .failed(error, isOff: turnOff(error))
            }
            state.withLock { $0 = .open(store) }
            do throws(HistoryError) {
                try prepare(store)
            } catch {
                if !error.isPassing { return .failed(error, isOff: turnOff(error)) }
            }
            return .open(store)
        }
    }

    /// Turns the store off for the rest of the run because of `error`; returns true.
    @discardableResult
    func turnOff(_ error: HistoryError) -> Bool {
        state.withLock { $0 = .off(error) }
        return true
    }
}

extension HistoryError {
    /// Whether the next try may succeed: a lock, a full disk, or an unclassified failure.
    var isPassing: Bool {
        switch self {
        case .locked, .full, .failed: true
        default: false
        }
    }
}
