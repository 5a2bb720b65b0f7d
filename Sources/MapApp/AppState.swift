import Contacts
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

/// What keys mean at the moment: the map's keys, or one of the modes that take the next key.
public enum InputMode: Hashable, Sendable {
    /// Keys drive the map (the key table).
    case normal
    /// The help overlay shows; any key closes it and does nothing else.
    case help
    /// After `g`: the next key names a label to jump to.
    case awaitingLabel
    /// The chat picker fills the screen: keys filter, move, mark and open (`AppState.picker`).
    case picker
}

/// Everything that reaches the viewer's reducer: keys, poll outcomes, the clock tick, resizes, signals.
///
/// Time is passed in (`now`), so the reducer never reads a clock.
public enum Action: Hashable, Sendable {
    /// The viewer started at `now`: the first poll of every chat is due at once.
    case started(now: Date)
    /// A key press at `now`.
    case key(Key, now: Date)
    /// A poll of the chat at index `chat` of `AppState.chats` (0, the only chat, by default) began at `now`.
    case pollStarted(now: Date, chat: Int = 0)
    /// The running poll of chat `chat` reported progress (a retry attempt or a wait before one).
    case pollProgress(FetchProgress, chat: Int = 0)
    /// A poll of chat `chat` returned a snapshot at `now`.
    case pollSucceeded(LocationSnapshot, now: Date, chat: Int = 0)
    /// A poll of chat `chat` failed at `now` (after the client's own retries).
    case pollFailed(FetchError, now: Date, chat: Int = 0)
    /// `GET /v3/chats/{chatId}` answered for chat `chat`: `title` is its display name (or its participants).
    case chatNamed(String, chat: Int = 0)
    /// The picker's chat list is loading: `pages` pages and `chats` chats so far.
    case chatListProgress(pages: Int, chats: Int)
    /// The picker's chat list loaded: every chat, newest first.
    case chatListLoaded([PickerEntry])
    /// The picker's chat list failed to load at `now`.
    case chatListFailed(FetchError, now: Date)
    /// The once-a-second clock tick.
    case tick(now: Date)
    /// The terminal now has `width` x `height` cells.
    case resized(width: Int, height: Int)
    /// A signal arrived (SIGINT, SIGTERM, SIGHUP quit; SIGTSTP suspends).
    case signal(Int32)
}

/// What the edges must do after an action. After every action the loop also renders a new frame.
public enum Effect: Hashable, Sendable {
    /// Run the next poll of chat `chat` (an index of `AppState.chats`) at `at` (now or in the past: at once),
    /// replacing any poll of that chat scheduled before. The status bar counts down to the same instant
    /// (`PollStatus.nextPollAt`).
    case schedulePoll(at: Date, chat: Int = 0)
    /// Restore the terminal, print `message` (if any) to stderr, and exit with `status`.
    case quit(ProgramExit, message: String?)
    /// Restore the terminal and stop the process (SIGTSTP); on resume, repaint everything.
    case suspend
    /// Repaint the whole screen, not only what changed (Ctrl-L).
    case redrawAll
    /// Watch these chats in one map from now on (the picker's Enter): the edge stops the polls of the chats
    /// watched so far and starts a new state with `AppState.watching(_:)`.
    case openChats([String])
    /// Load the picker's chat list (again): `GET /v3/chats`, every page.
    case loadChatList
}

/// The viewer's state: participants, selection, view, panel, help and polling; changed only by `apply`.
public struct AppState: Sendable {
    /// The chats being watched, in command-line order, each with its own poll schedule (at least one).
    public internal(set) var chats: [WatchedChat]
    /// The polling schedule.
    public var policy: PollPolicy
    /// The terminal size in cells.
    public var width: Int
    /// The terminal size in cells.
    public var height: Int
    /// Terminal cell height over width, for fitting views (2.0 for usual fonts).
    public var cellAspect: Double
    /// Every participant seen so far, sorted by label (order of first appearance).
    public internal(set) var participants: [TrackedParticipant] = []
    /// The chat picker: its list, filter, highlight and marks.
    public internal(set) var picker = ChatPicker()
    /// True when a map is open behind the picker (chats are watched): Esc in the picker goes back to it.
    public internal(set) var hasMap = true
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
    /// What the next key means.
    public internal(set) var inputMode = InputMode.normal
    /// A note answering the last key, if any.
    public private(set) var notice: Notice?
    /// Contact names by handle, for every participant seen that a contact matches (`useContacts`).
    public internal(set) var names: [String: String] = [:]
    /// A problem with the contacts file (unreadable, bad cards), shown as a warning in the status bar.
    public internal(set) var contactsWarning: String?
    /// The address book the names come from.
    var contacts = ContactBook()
    private var labels = LabelBook()
    /// The chats (indices) whose last successful poll listed each handle: a handle shares while any does.
    var sharingChats: [String: Set<Int>] = [:]
    private let initialView: InitialView

    /// Creates the state before the first poll for `chatID` on a `width` x `height` terminal, with the view
    /// that `--zoom`/`--center` asked for (`.fit` without them).
    public init(
        chatID: String, width: Int, height: Int, policy: PollPolicy = PollPolicy(), cellAspect: Double = 2.0,
        initialView: InitialView = .fit
    ) {
        self.init(
            chatIDs: [chatID], width: width, height: height, policy: policy, cellAspect: cellAspect,
            initialView: initialView)
    }

    /// Creates the state before the first polls of `chatIDs` (one map; an empty list watches one chat with
    /// an empty id), as `init(chatID:...)` does for one.
    public init(
        chatIDs: [String], width: Int, height: Int, policy: PollPolicy = PollPolicy(), cellAspect: Double = 2.0,
        initialView: InitialView = .fit
    ) {
        chats = (chatIDs.isEmpty ? [""] : chatIDs).map { WatchedChat(id: $0) }
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

    /// True while the help overlay shows.
    public var isHelpShown: Bool { inputMode == .help }

    /// True after `g`, until the next key names a label.
    public var isAwaitingLabel: Bool { inputMode == .awaitingLabel }

    /// How many participants the last successful poll listed.
    public var sharingCount: Int { participants.count { $0.isSharing } }

    /// Applies `action` and returns what the edges must do next.
    public mutating func apply(_ action: Action) -> [Effect] {
        switch action {
        case .started(let now):
            return chats.indices.map { .schedulePoll(at: now, chat: $0) }
        case .key(let key, let now):
            return handle(key, now: now)
        case .pollStarted(_, let chat):
            guard chats.indices.contains(chat) else { return [] }
            chats[chat].poll.start()
            if notice == .alreadyFetching { notice = nil }
            return []
        case .pollProgress(let progress, let chat):
            guard chats.indices.contains(chat) else { return [] }
            chats[chat].poll.report(progress)
            return []
        case .pollSucceeded(let snapshot, let now, let chat):
            guard chats.indices.contains(chat) else { return [] }
            absorb(snapshot, chat: chat, now: now)
            return [.schedulePoll(at: chats[chat].poll.succeed(now: now, policy: policy), chat: chat)]
        case .pollFailed(let error, let now, let chat):
            guard chats.indices.contains(chat) else { return [] }
            return fail(error, chat: chat, now: now)
        case .chatNamed(let title, let chat):
            if chats.indices.contains(chat) { chats[chat].name = title }
            return []
        case .chatListProgress, .chatListLoaded, .chatListFailed:
            return absorbChatList(action)
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

    private mutating func absorb(_ snapshot: LocationSnapshot, chat: Int, now: Date) {
        var listed: Set<String> = []
        for participant in snapshot.participants {
            listed.insert(participant.handle)
            let label = labels.assign(participant.handle)
            let tracked = TrackedParticipant(label: label, participant: participant, isSharing: true, lastListedAt: now)
            if let index = participants.firstIndex(where: { $0.handle == participant.handle }) {
                if keepsPosition(of: participants[index], against: participant, chat: chat) { continue }
                participants[index] = tracked
            } else {
                participants.append(tracked)
            }
        }
        recordListing(listed, chat: chat)
        participants.sort { (labels.rank(of: $0.handle) ?? 0) < (labels.rank(of: $1.handle) ?? 0) }

        var warnings = snapshot.warnings
        for tracked in participants where listed.contains(tracked.handle) {
            if Staleness(updatedAt: tracked.participant.updatedAt, now: now).isTooFarInFuture {
                let ahead = Staleness.text(forAge: tracked.lastSeenAt.timeIntervalSince(now))
                    .replacingOccurrences(of: " ago", with: "")
                warnings.append("\(displayName(of: tracked.handle)): updated_at is \(ahead) in the future")
            }
        }
        chats[chat].warnings = warnings

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

    private mutating func fail(_ error: FetchError, chat: Int, now: Date) -> [Effect] {
        if notice == .alreadyFetching { notice = nil }
        if chats[chat].poll.completedPolls == 0 && error.endsViewerOnFirstPoll && endsViewer(onFirstPollOf: chat) {
            return [.quit(error.programExit, message: error.message)]
        }
        return [.schedulePoll(at: chats[chat].poll.fail(error, now: now, policy: policy), chat: chat)]
    }

    // MARK: Signals and keys

    private mutating func handle(signal number: Int32) -> [Effect] {
        switch number {
        case SIGINT, SIGTERM, SIGHUP: return [.quit(.signal(number), message: nil)]
        case SIGTSTP: return [.suspend]
        default: return []
        }
    }

    private mutating func handle(_ key: Key, now: Date) -> [Effect] {
        if case .refreshAllowed(let at)? = notice, now >= at { notice = nil }
        switch inputMode {
        case .help:
            inputMode = .normal
            return []
        case .awaitingLabel:
            inputMode = .normal
            if case .character(let character) = key { select(label: Character(character.uppercased())) }
            return []
        case .picker:
            return handlePicker(key)
        case .normal:
            break
        }
        guard let command = KeyTable.command(for: key) else { return [] }
        switch command {
        case .quit: return [.quit(.success, message: nil)]
        case .interrupt: return [.quit(.signal(SIGINT), message: nil)]
        case .redraw: return [.redrawAll]
        case .suspend: return [.suspend]
        case .help: inputMode = .help
        case .nextParticipant: cycleSelection(by: 1)
        case .previousParticipant: cycleSelection(by: -1)
        case .awaitLabel: inputMode = .awaitingLabel
        case .jump(let label): select(label: label)
        case .zoomIn: moveView(viewport.zoomedIn())
        case .zoomOut: moveView(viewport.zoomedOut())
        case .pan(let direction): pan(direction)
        case .world: moveView(.world)
        case .centre:
            if let selected {
                moveView(
                    Viewport(center: selected.position, zoom: viewport.zoom).clamped(size: mapSize, aspect: cellAspect))
            }
        case .fit:
            hasUserMovedView = false
            viewport = fittedViewport()
        case .togglePanel: isPanelToggled.toggle()
        case .openPicker: return openPicker()
        case .refresh: return refresh(now: now)
        }
        return []
    }

    private mutating func refresh(now: Date) -> [Effect] {
        let waiting = chats.compactMap { chat in chat.poll.retryAllowedAt.flatMap { now < $0 ? $0 : nil } }
        let ready = chats.indices.filter { index in
            !chats[index].poll.isFetching && !(chats[index].poll.retryAllowedAt.map { now < $0 } ?? false)
        }
        guard !ready.isEmpty else {
            notice = waiting.min().map { .refreshAllowed(at: $0) } ?? .alreadyFetching
            return []
        }
        notice = nil
        for index in ready { chats[index].poll.refresh(now: now) }
        return ready.map { .schedulePoll(at: now, chat: $0) }
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
