import Dispatch
import Foundation
import History
import LinqModel
import LocalFiles

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
/// The database is opened (migrated only when this build knows a newer schema) at the first poll, so start-up never
/// waits for it, and pruned (`keep`) then when a day has passed since the last pruning (`PruneSchedule`). A
/// failure is returned as one warning line and never thrown: a lock or a full disk is retried at the next poll;
/// a file that cannot be opened, written or read as SQLite turns recording off for the rest of the run, and
/// every later poll repeats the warning so the status bar keeps saying it.
public final class HistoryRecorder: Sendable {
    /// The database file.
    public let file: URL
    /// How long rows are kept; older ones are deleted when the database is opened, at most once a day.
    public let keep: Duration
    private let queue = DispatchQueue(label: "linq-map.history")
    private let store: OnDemandStore

    /// A recorder for `file`, keeping `keep` of history, waiting up to `busyTimeout` for another writer.
    public init(file: URL, keep: Duration, busyTimeout: Duration = .seconds(2)) {
        self.file = file
        self.keep = keep
        store = OnDemandStore(file: file, busyTimeout: busyTimeout)
    }

    /// Opens the database (and prunes it when due) on the recorder's queue now, without waiting: `--once` calls it
    /// before fetching, so opening the file overlaps the wait for the server instead of following it. A failure
    /// here is reported by the first `record`, as when it opens the file itself. A missing file is left to the first
    /// `record` to create, so a run whose fetch fails leaves no empty database behind.
    public func openSoon(now: Date) {
        queue.async {
            guard FileManager.default.fileExists(atPath: self.file.path) else { return }
            _ = self.opened(now: now)
        }
    }

    /// The store, opened (and pruned when due at `now`) at the first call.
    private func opened(now: Date) -> OnDemandStore.Opening {
        let keep = keep
        return store.opened(prepare: { store throws(HistoryError) in try store.pruneIfDue(keep: keep, now: now) })
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
        switch opened(now: polledAt) {
        case .failed(let error, let isOff):
            return isOff ? "history off: " + error.message : error.message
        case .open(let opened):
            do throws(HistoryError) {
                try opened.record(
                    PollRecord(chatID: chatID.lowercased(), polledAt: polledAt, participants: snapshot.participants))
                return nil
            } catch {
                if error.isPassing { return error.message }
                store.turnOff(error)
                return "history off: " + error.message
            }
        }
    }
}
