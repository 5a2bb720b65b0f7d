import Foundation
import LinqModel

/// What the core needs from the history database; one edge module (`HistorySQLite`) owns the file.
///
/// Every call is synchronous and may block for the database's busy timeout; callers on the cooperative pool
/// hand it to a thread of its own (see `HistoryRecorder`).
public protocol HistoryStore: Sendable {
    /// Stores `poll`: a fix for each participant whose position or `updated_at` changed since the chat's last
    /// stored row for that handle, `.stopped` for each who shared before and is missing now, and the poll's time
    /// (as `seenAt`) for the rest. Returns what was written.
    @discardableResult
    func record(_ poll: PollRecord) throws(HistoryError) -> RecordOutcome

    /// Every participant's rows in `chatID` whose time span (`recordedAt` to `seenAt`) meets `from...until`
    /// (nil: open), oldest first; tracks ordered by handle. An unknown chat gives no tracks.
    func tracks(chatID: String, from: Date?, until: Date?) throws(HistoryError) -> [Track]

    /// Every participant's positions in `chatID` that were current at some time in `from...until` (nil: open), for
    /// trails; trails ordered by handle, participants without positions left out.
    func trails(chatID: String, from: Date, until: Date?) throws(HistoryError) -> [Trail]

    /// The chat as it was at `instant`: the last recorded poll at or before it, the polls either side for stepping,
    /// and each participant's position then.
    func moment(chatID: String, at instant: Date) throws(HistoryError) -> HistoryMoment

    /// The latest row of every participant ever recorded in `chatID`, by handle.
    func lastPoints(chatID: String) throws(HistoryError) -> [TrackPoint]

    /// Deletes every row and poll last seen before `cutoff` (`--keep DAYS`); returns how many rows went.
    @discardableResult
    func prune(before cutoff: Date) throws(HistoryError) -> Int
}

/// What one `record` call wrote.
public struct RecordOutcome: Hashable, Sendable {
    /// New fixes (moved, new `updated_at`, first seen, or sharing again).
    public var fixes: Int
    /// Participants recorded as having stopped sharing.
    public var stops: Int
    /// Participants whose stored fix was only marked as seen at this poll.
    public var unchanged: Int

    /// Creates an outcome.
    public init(fixes: Int = 0, stops: Int = 0, unchanged: Int = 0) {
        self.fixes = fixes
        self.stops = stops
        self.unchanged = unchanged
    }
}

/// A chat at one recorded instant, for history mode (`[` `]`).
public struct HistoryMoment: Hashable, Sendable {
    /// The recorded poll shown: the last at or before the instant asked for; nil when none is that old.
    public var polledAt: Date?
    /// The recorded poll before `polledAt`, nil at the first.
    public var previousPoll: Date?
    /// The recorded poll after `polledAt` (or the first poll, when `polledAt` is nil), nil at the last.
    public var nextPoll: Date?
    /// Who was sharing at `polledAt`, with their position then; ordered by handle.
    public var snapshot: LocationSnapshot

    /// Creates a moment.
    public init(polledAt: Date?, previousPoll: Date?, nextPoll: Date?, snapshot: LocationSnapshot) {
        self.polledAt = polledAt
        self.previousPoll = previousPoll
        self.nextPoll = nextPoll
        self.snapshot = snapshot
    }
}

/// Why the history database could not be used, in one line for stderr or the status bar. The map never stops
/// for it: the viewer goes on without history.
public enum HistoryError: Error, Hashable, Sendable {
    /// No database at `path` (only reading commands care).
    case missing(path: String)
    /// Another program holds a lock longer than the busy timeout.
    case locked(path: String)
    /// The file or its folder cannot be written.
    case readOnly(path: String, reason: String)
    /// The disk (or the file system's quota) is full.
    case full(path: String)
    /// The file is not a SQLite database, or is damaged.
    case corrupt(path: String)
    /// The file was written by a newer linq-map.
    case newerSchema(path: String, version: String)
    /// Anything else SQLite or the file system reported.
    case failed(path: String, reason: String)

    /// One line: what failed, and what to do.
    public var message: String {
        switch self {
        case .missing(let path):
            "no history at \(path): run the viewer or --once without --no-history to record some"
        case .locked(let path):
            "history \(path) is locked by another program; not recorded this time"
        case .readOnly(let path, let reason):
            "history \(path) cannot be written (\(reason)); check the folder, or use --history PATH or --no-history"
        case .full(let path):
            "history \(path): the disk is full; free space or lower --keep"
        case .corrupt(let path):
            "history \(path) is not a readable SQLite database; move it away to start a new one"
        case .newerSchema(let path, let version):
            "history \(path) was written by a newer linq-map (schema \(version)); update linq-map"
        case .failed(let path, let reason):
            "history \(path): \(reason)"
        }
    }

    /// The sysexits(3) status for commands that read the history.
    public var exitCode: Int32 {
        switch self {
        case .missing: ProgramExit.noInput.code
        case .corrupt, .newerSchema: ProgramExit.dataError.code
        case .locked: ProgramExit.unavailable.code
        case .readOnly: ProgramExit.noPermission.code
        case .full, .failed: ProgramExit.ioError.code
        }
    }
}
