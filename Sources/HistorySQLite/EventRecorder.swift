import Dispatch
import Foundation
import History

/// Keeps the viewer's events in the history database, off the cooperative pool (SQLite may wait for a lock).
///
/// The database is opened for writing (created and migrated when missing) with the first events to store, and
/// events older than `keep` are deleted then, at most once a day (`PruneSchedule`). A failure is returned as one
/// warning line, never thrown: a lock is retried with the next events; a file that cannot be opened or written turns
/// storing off for the rest of the run (events then stay in memory, as with `--no-history`).
public final class EventRecorder: Sendable {
    /// The database file.
    public let file: URL
    /// How long events are kept.
    public let keep: Duration
    private let busyTimeout: Duration
    private let queue = DispatchQueue(label: "linq-map.events")
    private let store: OnDemandStore

    /// A recorder for `file`, keeping `keep` of events, waiting up to `busyTimeout` for another writer.
    public init(file: URL, keep: Duration, busyTimeout: Duration = .seconds(2)) {
        self.file = file
        self.keep = keep
        self.busyTimeout = busyTimeout
        store = OnDemandStore(file: file, busyTimeout: busyTimeout)
    }

    /// The newest event per participant and family of `chatIDs` (see `EventStore.latestEvents`), and the
    /// warning when they could not be read (then none). Reading never writes: a missing database has no events, and
    /// an existing one is opened read-only, so a viewer starting beside others takes no lock.
    public func latestEvents(chatIDs: [String], now: Date) async -> (events: [ChatEvent], warning: String?) {
        await onQueue { () -> ([ChatEvent], String?) in
            do throws(HistoryError) {
                if let store = self.store.current { return (try store.latestEvents(chatIDs: chatIDs), nil) }
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
        let keep = keep
        switch store.opened(prepare: { store throws(HistoryError) in try store.pruneEventsIfDue(keep: keep, now: now) })
        {
        case .failed(let error, let isOff):
            return (isOff ? "events off: " : "events: ") + error.message
        case .open(let opened):
            do throws(HistoryError) {
                try opened.record(events)
                return nil
            } catch {
                if case .locked = error { return "events: " + error.message }
                store.turnOff(error)
                return "events off: " + error.message
            }
        }
    }

    private func onQueue<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body()) }
        }
    }

}
