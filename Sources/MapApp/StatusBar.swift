import Foundation
import LinqModel
import TextUI

/// The bottom line's contents: chat, sharing count, last update, fetch state, countdown, zoom, error,
/// warnings and the help hint, each with a priority; when the line is too short the lowest go first.
public struct StatusBar: Hashable, Sendable {
    /// One piece of the status line.
    public struct Item: Hashable, Sendable {
        /// The text, not yet sanitised (the buffer does that).
        public var text: String
        /// How the text is drawn.
        public var style: Style
        /// Items with lower priorities are dropped first when space runs short.
        public var priority: Int

        /// Creates an item.
        public init(_ text: String, style: Style = .plain, priority: Int) {
            self.text = text
            self.style = style
            self.priority = priority
        }
    }

    /// Priorities, lowest dropped first: help, then the countdown, then the zoom; the error is never dropped.
    public enum Priority {
        /// The `? help` hint.
        public static let help = 0
        /// The next-poll countdown.
        public static let countdown = 1
        /// The zoom level.
        public static let zoom = 2
        /// The warnings count and the ASCII fallback note.
        public static let note = 3
        /// The sharing count and the last update.
        public static let summary = 4
        /// The chat id and the fetch indicator.
        public static let identity = 5
        /// Answers to keys (`r` refused).
        public static let notice = 6
        /// The error: always shown.
        public static let error = Int.max
    }

    /// The items, in display order.
    public var items: [Item]

    /// Builds the status line of `state` at `now`; `isInteractive` false (text frames) leaves out the help
    /// hint and the countdown; `asciiFallbackReason` adds a note such as "ASCII: locale is not UTF-8".
    public init(state: AppState, now: Date, isInteractive: Bool, asciiFallbackReason: String? = nil) {
        var items: [Item] = []
        items.append(Item(StatusBar.identityText(state), style: Style(attributes: .bold), priority: Priority.identity))
        items += StatusBar.historyItems(state, now: now)
        if let last = state.oldestSuccessAt {
            items.append(Item("\(state.sharingCount) sharing", priority: Priority.summary))
            items.append(Item("updated \(StatusBar.ageField(now.timeIntervalSince(last)))", priority: Priority.summary))
        } else {
            items.append(
                Item("waiting for the first update", style: Style(attributes: .dim), priority: Priority.summary))
        }
        let serverWait = state.chats.lazy.compactMap {
            StatusBar.serverWaitText($0.poll, policy: state.policy, now: now)
        }
        .first
        if let fetching = state.chats.first(where: \.poll.isFetching)?.poll {
            let elapsed = fetching.progressAt.map { now.timeIntervalSince($0) } ?? 0
            items.append(
                Item(
                    StatusBar.fetchingText(fetching.progress, attempts: fetching.attemptsPerFetch, elapsed: elapsed),
                    style: Style(foreground: .cyan), priority: Priority.identity))
        } else if let serverWait {
            items.append(Item(serverWait, style: Style(foreground: .yellow), priority: Priority.notice))
        } else if isInteractive, let next = state.nextPollAt {
            items.append(
                Item("next in \(StatusBar.countdownText(next.timeIntervalSince(now)))", priority: Priority.countdown))
        }
        items.append(Item("zoom \(state.viewport.zoom)", priority: Priority.zoom))
        for text in StatusBar.errorTexts(state, now: now) {
            items.append(Item(text, style: Style(foreground: .red, attributes: .bold), priority: Priority.error))
        }
        switch state.notice {
        case .refreshAllowed(let at)?:
            let wait = StatusBar.countdownText(at.timeIntervalSince(now))
            items.append(
                Item("refresh allowed in \(wait)", style: Style(foreground: .yellow), priority: Priority.notice))
        case .alreadyFetching?:
            items.append(Item("already fetching", style: Style(foreground: .yellow), priority: Priority.notice))
        case .copied(let text)?:
            items.append(Item("copied \(text)", style: Style(foreground: .green), priority: Priority.notice))
        case .noMatch(let query)?:
            items.append(Item("no match for \(query)", style: Style(foreground: .yellow), priority: Priority.notice))
        case .history(let text)?:
            items.append(Item(text, style: Style(foreground: .yellow), priority: Priority.notice))
        case nil:
            break
        }
        items += StatusBar.actingItems(state)
        if let event = StatusBar.eventItem(state, now: now) { items.append(event) }
        if let followed = state.followed {
            items.append(
                Item(
                    "following \(state.displayName(of: followed.handle))", style: Style(foreground: .cyan),
                    priority: Priority.notice))
        }
        if case .search(let query) = state.inputMode {
            let count = state.matches(for: query).count
            let found = query.isEmpty ? "" : count == 1 ? " (1 match)" : " (\(count) matches)"
            items.append(
                Item(
                    "/\(query)\(found)  Enter jumps, Esc cancels", style: Style(foreground: .yellow),
                    priority: Priority.error))
        }
        if state.isAwaitingLabel {
            items.append(Item("g: press a label", style: Style(foreground: .yellow), priority: Priority.notice))
        }
        if !state.warnings.isEmpty {
            let count = state.warnings.count
            items.append(
                Item(
                    count == 1 ? "1 warning" : "\(count) warnings", style: Style(foreground: .yellow),
                    priority: Priority.note))
        }
        if let contactsWarning = state.contactsWarning {
            items.append(Item(contactsWarning, style: Style(foreground: .yellow), priority: Priority.note))
        }
        if let asciiFallbackReason {
            items.append(Item("ASCII: \(asciiFallbackReason)", style: Style(attributes: .dim), priority: Priority.note))
        }
        if isInteractive && !state.isAsking {
            items.append(Item("? help", style: Style(attributes: .dim), priority: Priority.help))
        }
        self.items = items
    }

    /// "fetching…", "fetching (attempt 2/3)" or, while waiting to retry, "retry 1/2 in 4s: HTTP 503": retries
    /// counted from 1 of the `attempts` minus one the fetch may retry (just "retry 1" when unknown), and the
    /// wait counting down by `elapsed` seconds since the report, rounded up.
    public static func fetchingText(_ progress: FetchProgress?, attempts: Int? = nil, elapsed: TimeInterval = 0)
        -> String
    {
        switch progress {
        case .attempt(let number, let total)? where number > 1:
            return "fetching (attempt \(number)/\(total))"
        case .waiting(let before, let delay, let reason)?:
            let retry = max(1, before - 1)
            let count = attempts.map { "\(retry)/\(max(retry, $0 - 1))" } ?? "\(retry)"
            let left = countdownText(delay.seconds - (elapsed.isFinite ? max(0, elapsed) : 0))
            return "retry \(count) in \(left): \(reason)"
        default:
            return "fetching…"
        }
    }

    /// "server asks to wait 11574d; next try in 5m" while backing off after a Retry-After longer than the
    /// back-off cap of `policy` (the client honours up to 60 s; the schedule up to its cap, then polls on at
    /// the cap); nil otherwise.
    public static func serverWaitText(_ poll: PollStatus, policy: PollPolicy, now: Date) -> String? {
        guard case .backingOff(let error, let until, _) = poll.phase, let asked = error.retryAfter?.seconds,
            asked > policy.maximumDelay.seconds
        else { return nil }
        return
            "server asks to wait \(compactDuration(asked)); next try in \(compactDuration(until.timeIntervalSince(now)))"
    }

    /// A duration in its largest whole unit, rounded up: "45s", "5m", "3h", "11574d"; never negative.
    public static func compactDuration(_ interval: TimeInterval) -> String {
        let seconds = interval.isFinite ? max(0, min(interval.rounded(.up), 1e15)) : 0
        if seconds < 60 { return "\(Int(seconds))s" }
        if seconds < 3600 { return "\(Int((seconds / 60).rounded(.up)))m" }
        if seconds < 86400 { return "\(Int((seconds / 3600).rounded(.up)))h" }
        return "\(Int((seconds / 86400).rounded(.down)))d"
    }

    /// The error with its API code when the server sent one: "error 2004: Invalid API key".
    public static func errorText(_ error: FetchError) -> String {
        if let api = error.api {
            return api.code.map { "error \($0): \(api.message)" } ?? "error: \(api.message) (HTTP \(api.status))"
        }
        return "error: \(error.message)"
    }

    /// The width of the age field: the longest usual age text ("just now", "300d ago").
    static let ageFieldWidth = 8

    /// `Staleness.text(forAge:)` padded on the right to `ageFieldWidth`, so the items after it do not shift
    /// when "just now" becomes "11s ago".
    public static func ageField(_ age: TimeInterval) -> String {
        let text = Staleness.text(forAge: age)
        return text + String(repeating: " ", count: max(0, ageFieldWidth - displayWidth(of: text)))
    }

    /// A countdown in whole seconds rounded up: "42s", "2m 05s"; never negative.
    public static func countdownText(_ interval: TimeInterval) -> String {
        let seconds = interval.isFinite ? max(0, Int(interval.rounded(.up))) : 0
        if seconds < 60 { return "\(seconds)s" }
        let remainder = seconds % 60
        return "\(seconds / 60)m \(remainder < 10 ? "0" : "")\(remainder)s"
    }
}

extension StatusBar {
    /// The style of the bar: reversed, so it stands out from the map.
    public static let barStyle = Style(attributes: .reverse)

    /// The items as a TextUI status line: the error and the help hint are required (cut, never dropped, so
    /// an error never pushes out `? help`), the help hint keeps to the right edge, and every item is drawn
    /// reversed like the bar.
    public var line: StatusLine {
        StatusLine(
            items.map { item in
                var style = item.style
                style.attributes.insert(.reverse)
                return StatusLine.Segment(
                    item.text, style: style, priority: item.priority,
                    isRequired: item.priority == Priority.error || item.priority == Priority.help,
                    alignment: item.priority == Priority.help ? .trailing : .leading)
            }, separator: .bar, style: StatusBar.barStyle)
    }

    /// The texts shown in `width` columns, in order.
    public func visibleTexts(width: Int, ascii: Bool = false) -> [String] {
        line.layout(width: width, ascii: ascii).map(\.text)
    }

    /// Draws the bar into the top row of `rect`, clipped to it.
    public func render(in rect: Rect, into buffer: inout CellBuffer, ascii: Bool) {
        line.render(in: rect, into: &buffer, ascii: ascii)
    }
}
