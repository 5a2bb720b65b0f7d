import Dispatch
import Foundation
import History
import Synchronization

/// Keeps the viewer's events in the history database, off the cooperative pool (SQLite may wait for a lock).
///
/// The database is opened for writing (created and migrated when missing) with the first events to store, and
/// events older than `keep` are deleted then. A failure is returned as one warning line, never thrown: a lock is retried with the next
/// events; a file that cannot be opened or written turns storing off for the rest of the run (events then stay
/// in memory, as with `--no-history`).
public final class EventRecorder: Sendable {
    /// The database file.
    public let file: URL
    /// How long events are kept.
    public let keep: Duration
    private let busyTimeout: Duration
    private let queue = DispatchQueue(label: "linq-map.events")
    private let state = Mutex<State>(.closed)

    private enum State: Sendable {
        case closed
        case open(SQLiteHistoryStore)
        case off(HistoryError)
    }

    /// A recorder for `file`, keeping `keep` of events, waiting up to `busyTimeout` for another writer.
    public init(file: URL, keep: Duration, busyTimeout: Duration = .seconds(2)) {
        self.file = file
        self.keep = keep
        self.busyTimeout = busyTimeout
    }

    /// The newest event per participant and family of `chatIDs` (see `EventStore.latestEvents`), and the
    /// warning when they could not be read (then none). Reading never writes: a missing database has no events, and
    /// an existing one is opened read-only, so a viewer starting beside others takes no lock.
    public func latestEvents(chatIDs: [String], now: Date) async -> (events: [ChatEvent], warning: String?) {
        await onQueue { () -> ([ChatEvent], String?) in
            do throws(HistoryError) {
                if case .open(let store) = self.state.withLock({ $0 }) {
                    return (try store.latestEvents(chatIDs: chatIDs), nil)
                }
                guard FileManager.default.fileExists(atPath: self.file.path) else { return ([], nil) }
                let reader = try SQLiteHistoryStore(file: self.file, create: false, busyTimeout: self.busyTimeout)
                return (try reader.latestEvents(chatIDs: chatIDs), nil)
            } catch {
                return ([], "events: " + error.message)
            }
        }
    }

    /// Stores `events` in the order submitted, on the recorder's own queue; `done` gets the warning line when that
    /// failed (nil when stored). Returns at once.
    public func submit(_ events: [ChatEvent], now: Date, done: @escaping @Sendable (String?) -> Void) {
        queue.async { done(self.recordNow(events, now: now)) }
    }

    /// Waits until every submitted batch is stored (or failed): the viewer calls it on its way out.
    public func waitUntilStored() {
        queue.sync {}
    }

    private func recordNow(_ events: [ChatEvent], now: Date) -> String? {
        switch store(now: now) {
        case .failure(let warning): return warning
        case .success(let store):
            do throws(HistoryError) {
                try store.record(events)
                return nil
            } catch {
                if case .locked = error { return "events: " + error.message }
                state.withLock { $0 = .off(error) }
                return "events off: " + error.message
            }
        }
    }

    private func onQueue<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body()) }
        }
    }

    private enum Opened {
        case success(SQLiteHistoryStore)
        case failure(String)
    }

    /// The open store, opening (and pruning) it the first time; called on `queue` only.
    private func store(now: Date) -> Opened {
        switch state.withLock({ $0 }) {
        case .off(let error): return .failure("events off: " + error.message)
        case .open(let store): return .success(store)
        case .closed:
            do throws(HistoryError) {
                let store = try SQLiteHistoryStore(file: file, busyTimeout: busyTimeout)
                state.withLock { $0 = .open(store) }
                try store.pruneEvents(before: now.addingTimeInterval(-Double(keep.components.seconds)))
                return .success(store)
            } catch {
                if case .locked = error { return .failure("events: " + error.message) }
                state.withLock { $0 = .off(error) }
                return .failure("events off: " + error.message)
            }
        }
    }
}
