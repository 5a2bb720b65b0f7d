import Dispatch
import Foundation
import History
import Synchronization

/// Reads the history for the viewer (trails, history mode) on a queue of its own, so the screen thread never
/// waits for SQLite: each call returns at once and hands its answer to `deliver` when the read is done.
///
/// The database is opened read-only at the first read (the recorder creates it at the first poll); a file that
/// cannot be opened is tried again at the next read.
public final class HistoryReader: Sendable {
    /// The database file.
    public let file: URL
    private let queue = DispatchQueue(label: "linq-map.history-reader")
    private let store = Mutex<SQLiteHistoryStore?>(nil)

    /// A reader of `file`.
    public init(file: URL) {
        self.file = file
    }

    /// Reads the trails of `chatID` (compared in lower case, as recorded) since `since`, then calls `deliver` with
    /// them, or with none when the history cannot be read (the recorder's warnings say why).
    public func trails(chatID: String, since: Date, deliver: @escaping @Sendable ([Trail]) -> Void) {
        queue.async {
            let trails = try? self.opened().trails(chatID: chatID.lowercased(), from: since, until: nil)
            deliver(trails ?? [])
        }
    }

    /// Finds where `step` lands from the poll shown at `shownAt` (nil: live) in `chatIDs` at `now`
    /// (`HistoryNavigation.answer`), then calls `deliver` with the answer or the error.
    public func step(
        _ step: HistoryModeText.Step, chatIDs: [String], shownAt: Date?, now: Date,
        deliver: @escaping @Sendable (Result<HistoryNavigation.Answer, HistoryError>) -> Void
    ) {
        queue.async {
            do throws(HistoryError) {
                let answer = try HistoryNavigation.answer(
                    store: try self.opened(), chatIDs: chatIDs.map { $0.lowercased() }, step: step, shownAt: shownAt,
                    now: now)
                deliver(.success(answer))
            } catch {
                deliver(.failure(error))
            }
        }
    }

    private func opened() throws(HistoryError) -> SQLiteHistoryStore {
        if let open = store.withLock({ $0 }) { return open }
        let opened = try SQLiteHistoryStore(file: file, create: false)
        store.withLock { $0 = opened }
        return opened
    }
}
