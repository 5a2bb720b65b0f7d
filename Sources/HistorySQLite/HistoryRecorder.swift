import Dispatch
import Foundation
import History
import LinqModel
import LocalFiles
import Synchronization

/// Where the history lives unless `--history PATH` says otherwise: `history.sqlite` in linq-map's XDG state
/// folder (`$XDG_STATE_HOME/linq-map`, else `~/.local/state/linq-map`).
public enum HistoryLocation {
    /// The default database file for `directories`.
    public static func defaultFile(_ directories: XDGDirectories) -> URL {
        directories.state.appendingPathComponent("history.sqlite", isDirectory: false)
    }
}

/// Records polls for the viewer and `--once` off the cooperative pool: SQLite may wait for a lock, and a blocked
/// pool thread would starve the poller and the screen's inbox.
///
/// The database is opened, migrated and pruned (`keep`) at the first poll, so start-up never waits for it. A
/// failure is returned as one warning line and never thrown: a lock or a full disk is retried at the next poll;
/// a file that cannot be opened, written or read as SQLite turns recording off for the rest of the run, and
/// every later poll repeats the warning so the status bar keeps saying it.
public final class HistoryRecorder: Sendable {
    /// The database file.
    public let file: URL
    /// How long rows are kept; older ones are deleted when the database is opened.
    public let keep: Duration
    private let busyTimeout: Duration
    private let queue = DispatchQueue(label: "linq-map.history")
    private let state = Mutex<State>(.closed)

    private enum State: Sendable {
        case closed
        case open(SQLiteHistoryStore)
        case off(HistoryError)
    }

    /// A recorder for `file`, keeping `keep` of history, waiting up to `busyTimeout` for another writer.
    public init(file: URL, keep: Duration, busyTimeout: Duration = .seconds(2)) {
        self.file = file
        self.keep = keep
        self.busyTimeout = busyTimeout
    }

    /// Records `snapshot` as a poll of `chatID` (stored in lower case, as chat ids compare) answered at
    /// `polledAt`; the warning line when it failed.
    public func record(_ snapshot: LocationSnapshot, chatID: String, polledAt: Date) async -> String? {
        await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: self.recordNow(snapshot, chatID: chatID, polledAt: polledAt))
            }
        }
    }

    /// `snapshot` with the warning of recording it appended to its warnings (the viewer's warnings path).
    public func recorded(_ snapshot: LocationSnapshot, chatID: String, polledAt: Date) async -> LocationSnapshot {
        guard let warning = await record(snapshot, chatID: chatID, polledAt: polledAt) else { return snapshot }
        var result = snapshot
        result.warnings.append(warning)
        return result
    }

    private func recordNow(_ snapshot: LocationSnapshot, chatID: String, polledAt: Date) -> String? {
        let store: SQLiteHistoryStore
        switch state.withLock({ $0 }) {
        case .off(let error):
            return "history off: " + error.message
        case .open(let opened):
            store = opened
        case .closed:
            do throws(HistoryError) {
                store = try SQLiteHistoryStore(file: file, busyTimeout: busyTimeout)
                state.withLock { $0 = .open(store) }
                try store.prune(before: polledAt.addingTimeInterval(-Double(keep.components.seconds)))
            } catch {
                if case .locked = error { return error.message }
                state.withLock { $0 = .off(error) }
                return "history off: " + error.message
            }
        }
        do throws(HistoryError) {
            try store.record(
                PollRecord(chatID: chatID.lowercased(), polledAt: polledAt, participants: snapshot.participants))
            return nil
        } catch {
            switch error {
            case .locked, .full, .failed: return error.message
            default:
                state.withLock { $0 = .off(error) }
                return "history off: " + error.message
            }
        }
    }
}
