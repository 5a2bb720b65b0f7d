import Foundation
import History

/// One line of the event log: an event, or a problem announcing or storing one (a hook that failed or timed out,
/// the database refusing a write).
public enum EventLogEntry: Hashable, Sendable {
    /// An event.
    case event(ChatEvent)
    /// A problem, in one line, seen at `at`.
    case problem(String, at: Date)

    /// When it happened.
    public var time: Date {
        switch self {
        case .event(let event): event.time
        case .problem(_, let at): at
        }
    }

    /// The line's words after the clock time: the event's summary, or the problem.
    public var text: String {
        switch self {
        case .event(let event): event.summary
        case .problem(let message, _): message
        }
    }

    /// True for a problem.
    public var isProblem: Bool {
        if case .problem = self { return true }
        return false
    }
}

/// The viewer's events: how they are found (`tracker`), the log of the last 200 (newest first), and the `e` pane
/// and `P` panel switches.
public struct EventWatch: Sendable {
    /// How many entries the log keeps.
    public static let logLimit = 200
    /// How long the newest entry shows in the status bar.
    public static let statusDuration: TimeInterval = 10

    /// Finds the events.
    public var tracker: EventTracker
    /// The last `logLimit` entries, newest first.
    public internal(set) var log: [EventLogEntry] = []
    /// The `e` pane shows.
    public internal(set) var isLogShown = false
    /// The first entry the pane shows (PgDn moves down the log, PgUp back up).
    public internal(set) var logScroll = 0
    /// The `P` key: the panel lists the places instead of the participants.
    public internal(set) var isPlacesShown = false
    /// True when `P` showed a hidden panel, which `P` then hides again.
    var didShowPanelForPlaces = false

    /// Creates the events of a viewer with `settings`; with `restoresFromStore`, `chatIDs` wait for their stored
    /// events.
    public init(settings: EventSettings = EventSettings(), chatIDs: [String] = []) {
        tracker = EventTracker(settings: settings, awaitingRestore: settings.restoresFromStore ? chatIDs : [])
    }

    /// The settings in effect.
    public var settings: EventSettings { tracker.settings }

    /// Adds `entries` (oldest first) at the top of the log, keeping the last `logLimit`; a scrolled pane keeps
    /// showing the same entries.
    mutating func append(_ entries: [EventLogEntry]) {
        guard !entries.isEmpty else { return }
        log.insert(contentsOf: entries.reversed(), at: 0)
        if log.count > EventWatch.logLimit { log.removeLast(log.count - EventWatch.logLimit) }
        if logScroll > 0 { logScroll = min(logScroll + entries.count, max(0, log.count - 1)) }
    }

    /// The newest entry while it is under `statusDuration` old at `now`, for the status bar.
    public func current(now: Date) -> EventLogEntry? {
        guard let newest = log.first else { return nil }
        let age = now.timeIntervalSince(newest.time)
        return age >= -1 && age < EventWatch.statusDuration ? newest : nil
    }
}
