import Foundation

/// What the core needs from the store of events (issue 13); the history database's edge (`HistorySQLite`) keeps
/// them in an `events` table beside the fixes.
///
/// Every call is synchronous and may block for the database's busy timeout; callers on the cooperative pool hand
/// it to a thread of its own (see `EventRecorder`).
public protocol EventStore: Sendable {
    /// Appends `events`, in one transaction; an empty list writes nothing.
    func record(_ events: [ChatEvent]) throws(HistoryError)

    /// The events of `chatID` at or after `since` (nil: all kept), oldest first.
    func events(chatID: String, since: Date?) throws(HistoryError) -> [ChatEvent]

    /// For each of `chatIDs`, the newest event of each participant in each family (sharing: started or stopped;
    /// freshness: stale or fresh again; each place: arrived or left), oldest first: what a restarted viewer needs
    /// to carry on without repeating an event.
    func latestEvents(chatIDs: [String]) throws(HistoryError) -> [ChatEvent]

    /// Deletes the events before `cutoff` (`--keep DAYS`); returns how many went.
    @discardableResult
    func pruneEvents(before cutoff: Date) throws(HistoryError) -> Int
}
