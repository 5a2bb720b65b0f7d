import Foundation
import Geo
import LinqModel
import TextUI

/// One participant as the viewer tracks it across polls: its label, its last known data, and whether
/// the last successful poll still listed it.
public struct TrackedParticipant: Hashable, Sendable {
    /// The participant's one-character label (see `LabelBook`).
    public var label: Character
    /// The data of the last poll that listed the participant.
    public var participant: Participant
    /// False once a successful poll no longer lists the participant ("stopped sharing"); the row and
    /// marker stay, dimmed, at the last position.
    public var isSharing: Bool
    /// When the last poll that listed the participant succeeded.
    public var lastListedAt: Date

    /// Creates a tracked participant.
    public init(label: Character, participant: Participant, isSharing: Bool, lastListedAt: Date) {
        self.label = label
        self.participant = participant
        self.isSharing = isSharing
        self.lastListedAt = lastListedAt
    }

    /// The handle, which identifies the participant across polls.
    public var handle: String { participant.handle }

    /// The last known position.
    public var position: LatLon {
        LatLon(lat: participant.coordinate.latitude, lon: participant.coordinate.longitude)
    }

    /// When the participant was last seen: the position's own time, else the last poll that listed it.
    public var lastSeenAt: Date { participant.updatedAt ?? lastListedAt }
}

/// The polling part of the state: what is in flight, what failed, and when the next poll is due.
public struct PollStatus: Hashable, Sendable {
    /// True while a fetch runs (between `pollStarted` and its outcome).
    public var isFetching = false
    /// The latest progress report of the running fetch (attempt number, retry wait), if any.
    public var progress: FetchProgress?
    /// How many polls have ended, successfully or not.
    public var completedPolls = 0
    /// Failed polls in a row since the last success.
    public var consecutiveFailures = 0
    /// The last error, until the next success clears it.
    public var lastError: FetchError?
    /// When the last successful poll ended.
    public var lastSuccessAt: Date?
    /// When the next poll is due (for the countdown), or nil before the first poll ends.
    public var nextPollAt: Date?
    /// Before this instant the server asked not to be called (Retry-After); `r` is refused until then.
    public var retryAllowedAt: Date?

    /// Creates the status before the first poll.
    public init() {}
}

/// The view the viewer starts with, from `--zoom` and `--center`.
public enum InitialView: Hashable, Sendable {
    /// Fit everyone once the first data is in, and re-fit when someone leaves the view (no options).
    case fit
    /// `--zoom` alone: centre on the participants at this zoom once the first data is in.
    case zoom(Int)
    /// `--center`, with `--zoom` or (nil) at the zoom that would fit everyone.
    case center(LatLon, zoom: Int?)
}

/// A short-lived note in the status bar answering a key press.
public enum Notice: Hashable, Sendable {
    /// `r` was pressed inside a Retry-After window; refreshing is allowed from the given instant.
    case refreshAllowed(at: Date)
    /// `r` was pressed while a fetch was already running.
    case alreadyFetching
}

/// Everything that reaches the viewer's reducer: keys, poll outcomes, the clock tick, resizes, signals.
///
/// Time is passed in (`now`), so the reducer never reads a clock.
public enum Action: Hashable, Sendable {
    /// A key press at `now`.
    case key(Key, now: Date)
    /// A poll began at `now`.
    case pollStarted(now: Date)
    /// The running poll reported progress (a retry attempt or a wait before one).
    case pollProgress(FetchProgress)
    /// A poll returned a snapshot at `now`.
    case pollSucceeded(LocationSnapshot, now: Date)
    /// A poll failed at `now` (after the client's own retries).
    case pollFailed(FetchError, now: Date)
    /// The once-a-second clock tick.
    case tick(now: Date)
    /// The terminal now has `width` x `height` cells.
    case resized(width: Int, height: Int)
    /// A signal arrived (SIGINT, SIGTERM, SIGHUP quit; SIGTSTP suspends).
    case signal(Int32)
}

/// What the edges must do after an action. After every action the loop also renders a new frame.
public enum Effect: Hashable, Sendable {
    /// Poll now (wake the poller).
    case refreshNow
    /// Restore the terminal, print `message` (if any) to stderr, and exit with `exitCode`.
    case quit(exitCode: Int32, message: String?)
    /// Restore the terminal and stop the process (SIGTSTP); on resume, repaint everything.
    case suspend
    /// Repaint the whole screen, not only what changed (Ctrl-L).
    case redrawAll
}

/// The viewer's state: participants, selection, view, panel, help and polling; changed only by `apply`.
public struct AppState: Sendable {
    /// The chat being watched.
    public var chatID: String
    /// The polling schedule.
    public var policy: PollPolicy
    /// The terminal size in cells.
    public var width: Int
    /// The terminal size in cells.
    public var height: Int
    /// Terminal cell height over width, for fitting views (2.0 for usual fonts).
    public var cellAspect: Double
    /// Every participant seen so far, sorted by label (order of first appearance).
    public private(set) var participants: [TrackedParticipant] = []
    /// The handle of the selected participant, if any.
    public private(set) var selectedHandle: String?
    /// The map view.
    public private(set) var viewport: Viewport
    /// True once the user panned, zoomed, centred or chose the world view; polls then leave the view
    /// alone. `f` clears it.
    public private(set) var hasUserMovedView: Bool
    /// True once a successful poll has set the first view.
    public private(set) var hasFittedFirstData = false
    /// The `s` key's state: hides the side panel on wide terminals, shows it as an overlay on narrow ones.
    public private(set) var isPanelToggled = false
    /// True while the help overlay shows.
    public private(set) var isHelpShown = false
    /// True after `g`, until the next key names a label.
    public private(set) var isAwaitingLabel = false
    /// The polling status.
    public private(set) var poll = PollStatus()
    /// A note answering the last key, if any.
    public private(set) var notice: Notice?
    /// The warnings of the last successful poll: skipped features, duplicates, unparseable and future times.
    public private(set) var warnings: [String] = []

    private var labels = LabelBook()
    private let initialView: InitialView

    /// Creates the state before the first poll for `chatID` on a `width` x `height` terminal, with the view
    /// that `--zoom`/`--center` asked for (`.fit` without them).
    public init(
        chatID: String, width: Int, height: Int, policy: PollPolicy = PollPolicy(), cellAspect: Double = 2.0,
        initialView: InitialView = .fit
    ) {
        self.chatID = chatID
        self.width = width
        self.height = height
        self.policy = policy
        self.cellAspect = cellAspect
        self.initialView = initialView
        switch initialView {
        case .fit, .zoom, .center(_, zoom: nil):
            viewport = .world
            hasUserMovedView = false
        case .center(let center, zoom: let zoom?):
            viewport = Viewport(center: center, zoom: zoom)
            hasUserMovedView = true
        }
    }

    /// The layout of the current terminal size and panel toggle.
    public var layout: Layout { Layout(width: width, height: height, isPanelToggled: isPanelToggled) }

    /// The selected participant, if any.
    public var selected: TrackedParticipant? {
        participants.first { $0.handle == selectedHandle }
    }

    /// How many participants the last successful poll listed.
    public var sharingCount: Int { participants.count { $0.isSharing } }

    /// Applies `action` and returns what the edges must do next.
    public mutating func apply(_ action: Action) -> [Effect] {
        switch action {
        case .key(let key, let now):
            return handle(key, now: now)
        case .pollStarted:
            poll.isFetching = true
            poll.progress = nil
            if notice == .alreadyFetching { notice = nil }
            return []
        case .pollProgress(let progress):
            poll.progress = progress
            return []
        case .pollSucceeded(let snapshot, let now):
            absorb(snapshot, now: now)
            return []
        case .pollFailed(let error, let now):
            return fail(error, now: now)
        case .tick(let now):
            if case .refreshAllowed(let at) = notice, now >= at { notice = nil }
            return []
        case .resized(let width, let height):
            // `s` means "hide" on a wide terminal and "show the overlay" on a narrow one: crossing 80 columns
            // goes back to that width's default, so an overlay opened narrow does not hide the panel once wide.
            if (width >= Layout.wideWidth) != (self.width >= Layout.wideWidth) { isPanelToggled = false }
            self.width = width
            self.height = height
            refitIfSomeoneLeftTheView()
            return []
        case .signal(let number):
            return handle(signal: number)
        }
    }

    // MARK: Poll outcomes

    private mutating func absorb(_ snapshot: LocationSnapshot, now: Date) {
        var listed: Set<String> = []
        for participant in snapshot.participants {
            listed.insert(participant.handle)
            let label = labels.assign(participant.handle)
            let tracked = TrackedParticipant(label: label, participant: participant, isSharing: true, lastListedAt: now)
            if let index = participants.firstIndex(where: { $0.handle == participant.handle }) {
                participants[index] = tracked
            } else {
                participants.append(tracked)
            }
        }
        for index in participants.indices where !listed.contains(participants[index].handle) {
            participants[index].isSharing = false
        }
        participants.sort { (labels.rank(of: $0.handle) ?? 0) < (labels.rank(of: $1.handle) ?? 0) }

        warnings = snapshot.warnings(at: now)

        poll.isFetching = false
        poll.progress = nil
        poll.completedPolls += 1
        poll.consecutiveFailures = 0
        poll.lastError = nil
        poll.lastSuccessAt = now
        poll.retryAllowedAt = nil
        poll.nextPollAt = now.addingTimeInterval(policy.delay(afterFailures: 0).timeInterval)
        notice = nil

        if selectedHandle == nil || selected == nil {
            selectedHandle = participants.first(where: \.isSharing)?.handle ?? participants.first?.handle
        }
        if !hasFittedFirstData {
            hasFittedFirstData = true
            setFirstView()
        } else {
            refitIfSomeoneLeftTheView()
        }
    }

    private mutating func fail(_ error: FetchError, now: Date) -> [Effect] {
        let isFirst = poll.completedPolls == 0
        if notice == .alreadyFetching { notice = nil }
        poll.isFetching = false
        poll.progress = nil
        poll.completedPolls += 1
        if isFirst && (error.exitCode == 77 || error.exitCode == 66) {
            return [.quit(exitCode: error.exitCode, message: error.message)]
        }
        poll.consecutiveFailures += 1
        poll.lastError = error
        poll.retryAllowedAt = error.retryAfter.map { now.addingTimeInterval($0.timeInterval) }
        let delay = policy.delay(afterFailures: poll.consecutiveFailures, retryAfter: error.retryAfter)
        poll.nextPollAt = now.addingTimeInterval(delay.timeInterval)
        return []
    }

    // MARK: Signals and keys

    private mutating func handle(signal number: Int32) -> [Effect] {
        switch number {
        case SIGINT, SIGTERM, SIGHUP: return [.quit(exitCode: 128 + number, message: nil)]
        case SIGTSTP: return [.suspend]
        default: return []
        }
    }

    private mutating func handle(_ key: Key, now: Date) -> [Effect] {
        if isHelpShown {
            isHelpShown = false
            return []
        }
        if case .refreshAllowed(let at)? = notice, now >= at { notice = nil }
        if isAwaitingLabel {
            isAwaitingLabel = false
            if case .character(let character) = key { select(label: Character(character.uppercased())) }
            return []
        }
        switch key {
        case .character("q"): return [.quit(exitCode: 0, message: nil)]
        case .control("c"): return [.quit(exitCode: 128 + SIGINT, message: nil)]
        case .control("l"): return [.redrawAll]
        case .control("z"): return [.suspend]
        case .character("?"): isHelpShown = true
        case .tab, .character("n"): cycleSelection(by: 1)
        case .backTab, .character("p"): cycleSelection(by: -1)
        case .character("g"): isAwaitingLabel = true
        case .character(let digit) where ("1"..."9").contains(digit): select(label: digit)
        case .character("+"), .character("="): moveView(viewport.zoomedIn())
        case .character("-"): moveView(viewport.zoomedOut())
        case .up, .character("k"): pan(.north)
        case .down, .character("j"): pan(.south)
        case .left, .character("h"): pan(.west)
        case .right, .character("l"): pan(.east)
        case .character("w"): moveView(.world)
        case .character("c"):
            if let selected {
                moveView(
                    Viewport(center: selected.position, zoom: viewport.zoom).clamped(size: mapSize, aspect: cellAspect))
            }
        case .character("f"):
            hasUserMovedView = false
            viewport = fittedViewport()
        case .character("s"): isPanelToggled.toggle()
        case .character("r"): return refresh(now: now)
        default: break
        }
        return []
    }

    private mutating func refresh(now: Date) -> [Effect] {
        if let allowed = poll.retryAllowedAt, now < allowed {
            notice = .refreshAllowed(at: allowed)
            return []
        }
        if poll.isFetching {
            notice = .alreadyFetching
            return []
        }
        notice = nil
        return [.refreshNow]
    }

    private mutating func cycleSelection(by step: Int) {
        guard !participants.isEmpty else { return }
        guard let current = participants.firstIndex(where: { $0.handle == selectedHandle }) else {
            selectedHandle = (step > 0 ? participants.first : participants.last)?.handle
            return
        }
        let count = participants.count
        selectedHandle = participants[((current + step) % count + count) % count].handle
    }

    private mutating func select(label: Character) {
        guard label != LabelBook.overflow, let match = participants.first(where: { $0.label == label }) else {
            return
        }
        selectedHandle = match.handle
    }

    // MARK: View

    /// The map area's size in cells.
    public var mapSize: CellSize { CellSize(width: layout.map.width, height: layout.map.height) }

    private mutating func pan(_ direction: PanDirection) {
        moveView(viewport.panned(direction, size: mapSize, aspect: cellAspect))
    }

    private mutating func moveView(_ next: Viewport) {
        viewport = next
        hasUserMovedView = true
    }

    /// The points a fit must hold: the sharing participants, or everyone when nobody shares any more.
    private var fitPoints: [LatLon] {
        let sharing = participants.filter(\.isSharing)
        return (sharing.isEmpty ? participants : sharing).map(\.position)
    }

    /// Applies `initialView` once the first data is in: a requested zoom or centre keeps the view still later.
    private mutating func setFirstView() {
        let fitted = fittedViewport()
        switch initialView {
        case .fit:
            viewport = fitted
        case .zoom(let zoom):
            viewport = Viewport(center: fitted.center, zoom: zoom).clamped(size: mapSize, aspect: cellAspect)
            hasUserMovedView = true
        case .center(let center, zoom: nil):
            viewport = Viewport(center: center, zoom: fitted.zoom)
            hasUserMovedView = true
        case .center(_, zoom: _?):
            break
        }
    }

    private func fittedViewport() -> Viewport {
        Viewport.fitting(fitPoints, size: mapSize, aspect: cellAspect)
    }

    private mutating func refitIfSomeoneLeftTheView() {
        guard hasFittedFirstData, !hasUserMovedView, !layout.isTooSmall else { return }
        let projection = Projection(viewport: viewport, size: mapSize, aspect: cellAspect)
        if fitPoints.contains(where: { !projection.contains(projection.cell(for: $0)) }) {
            viewport = fittedViewport()
        }
    }
}

extension Duration {
    /// The duration in seconds as a `TimeInterval`.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
