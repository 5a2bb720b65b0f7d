import Contacts
import Foundation
import Geo
import History
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
    /// `--zoom` alone: once the first data is in, centre at this zoom on the middle of the box a fit holds.
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
    /// `y` copied the selected participant's position (`lat,lon`) to the clipboard.
    case copied(String)
    /// A search found nobody.
    case noMatch(String)
    /// An answer about the history (`t`, `[` `]`): nothing earlier recorded, no history kept, a failed load.
    case history(String)
}

/// What keys mean at the moment: the map's keys, or one of the modes that take the next key.
public enum InputMode: Hashable, Sendable {
    /// Keys drive the map (the key table).
    case normal
    /// The help overlay shows; any key closes it and does nothing else.
    case help
    /// After `g`: the next key names a label to jump to.
    case awaitingLabel
    /// `W`: the warnings of the last poll show in a pane; `j`/`k` scroll, any other key closes it.
    case warnings
    /// `/`: typing a search (handle, locality or address); Enter jumps to the first match, Esc cancels.
    case search(String)
    /// The chat picker fills the screen: keys filter, move, mark and open (`AppState.picker`).
    case picker
    /// `R` or `X` asks in the status bar whether to run this action on the chat: `y` runs it, any other key
    /// cancels (`AppState+Prompts.swift`).
    case confirming(ChatAction)
}

/// Everything that reaches the viewer's reducer: keys, poll outcomes, the clock tick, resizes, signals.
///
/// Time is passed in (`now`), so the reducer never reads a clock.
public enum Action: Hashable, Sendable {
    /// The viewer started at `now`: the first poll of every chat is due at once.
    case started(now: Date)
    /// A key press at `now`.
    case key(Key, now: Date)
    /// A mouse report at `now` (wheel, click, drag), in screen cells.
    case mouse(MouseEvent, now: Date)
    /// A poll of the chat at index `chat` of `AppState.chats` (0, the only chat, by default) began at `now`.
    case pollStarted(now: Date, chat: Int = 0)
    /// The running poll of chat `chat` reported progress (a retry attempt or a wait before one).
    case pollProgress(FetchProgress, chat: Int = 0)
    /// The running poll of chat `chat` reported progress at `now`, so a retry's countdown can tick.
    case pollReported(FetchProgress, now: Date, chat: Int = 0)
    /// A poll of chat `chat` returned a snapshot at `now`.
    case pollSucceeded(LocationSnapshot, now: Date, chat: Int = 0)
    /// Take in the next part of a big poll (after `Effect.continueAbsorbing`).
    case absorbMore
    /// A poll of chat `chat` failed at `now` (after the client's own retries).
    case pollFailed(FetchError, now: Date, chat: Int = 0)
    /// `GET /v3/chats/{chatId}` answered for chat `chat`: `title` is its display name (or its participants).
    case chatNamed(String, chat: Int = 0)
    /// `GET /v3/chats/{chatId}` answered for chat `chat` with these details (group or 1:1, service, handles).
    case chatDetailed(Chat, chat: Int = 0)
    /// A chat action the edge ran (`Effect.run`) answered at `now`: the server's message, or the error.
    case chatActionAnswered(ChatAction, Result<String, FetchError>, now: Date)
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
    /// A signal arrived (SIGINT, SIGTERM, SIGHUP quit; SIGTSTP suspends; SIGCONT takes the terminal back).
    case signal(Int32)
    /// The recorded trails of chat `chat` since `Effect.loadTrails`'s instant were read (empty without history).
    case trailsLoaded([Trail], chat: Int)
    /// The answer to `Effect.stepHistory` number `request`, or why there is none.
    case historyAnswered(Result<HistoryNavigation.Answer, HistoryError>, request: Int)
    /// The newest stored events of `chats` (ids) arrived from the history database (`EventSettings.restoresFromStore`).
    case eventsRestored([ChatEvent], chats: [String])
    /// Announcing or storing an event went wrong at `now` (a hook failed or timed out, the database refused).
    case eventProblem(String, now: Date)
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
    /// The process was continued (SIGCONT), maybe after a stop it did not make itself (`kill -STOP`): set the
    /// terminal's modes again and repaint the whole screen, as whatever ran meanwhile may have changed both.
    case reclaimTerminal
    /// Put `text` on the clipboard (the terminal's OSC 52, which tmux passes with `set-clipboard on`).
    case copyToClipboard(String)
    /// A big poll is taken in part by part (`AppState.absorbChunk`): handle the keys waiting, then send
    /// `Action.absorbMore`; frames can wait until it is done.
    case continueAbsorbing
    /// Watch these chats in one map from now on (the picker's Enter): the edge stops the polls of the chats
    /// watched so far and starts a new state with `AppState.watching(_:)`.
    case openChats([String])
    /// Load the picker's chat list (again): `GET /v3/chats`, every page.
    case loadChatList
    /// Run this action on the chat once, off the screen thread, and send `Action.chatActionAnswered`.
    case run(ChatAction)
    /// Read chat `chat`'s recorded positions since `since` off the screen thread, then send `Action.trailsLoaded`.
    case loadTrails(chat: Int, since: Date)
    /// Find where `step` lands from the poll shown at `from` (nil: live) in the history of every chat watched, off
    /// the screen thread (`HistoryNavigation.answer`), then send `Action.historyAnswered` with `request`.
    case stepHistory(HistoryModeText.Step, from: Date?, request: Int)
    /// Keep these events in the history database (nothing with `--no-history`).
    case recordEvents([ChatEvent])
    /// Ring the terminal bell (`--bell`).
    case ringBell
    /// Show a desktop notification through the terminal (`--notify`: OSC 9 and OSC 777).
    case notify(title: String, body: String)
    /// Run the `--on-event` program for `event`.
    case runHook(ChatEvent)
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
    public internal(set) var selectedHandle: String?
    /// The map view.
    public internal(set) var viewport: Viewport
    /// True once the user panned, zoomed, centred or chose the world view; polls then leave the view
    /// alone. `f` clears it.
    public internal(set) var hasUserMovedView: Bool
    /// The handle of the participant the view follows (`c`), until a pan, `f`, `w` or `c` again.
    public internal(set) var followedHandle: String?
    /// True once a successful poll has set the first view.
    public private(set) var hasFittedFirstData = false
    /// The `s` key's state: hides the side panel on wide terminals, shows it as an overlay on narrow ones.
    public internal(set) var isPanelToggled = false
    /// What the next key means.
    public internal(set) var inputMode = InputMode.normal
    /// The first help line shown when the help does not fit the terminal (`j`/`k`, arrows, page keys).
    public internal(set) var helpScroll = 0
    /// Where a drag on the map began and the view then, while the left button is held.
    var dragStart: DragStart?
    /// A note answering the last key, if any.
    public internal(set) var notice: Notice?
    /// Privacy mode (`--redact`, Ctrl-R): handles masked, names cut, addresses hidden, positions rounded.
    public var isRedacted = false
    /// The chat action running, or the answer of the last one (shown for a while).
    public internal(set) var chatActivity: ChatActivity?
    /// Contact names by handle, for every participant seen that a contact matches (`useContacts`).
    public internal(set) var names: [String: String] = [:]
    /// A problem with the contacts file (unreadable, bad cards), shown as a warning in the status bar.
    public internal(set) var contactsWarning: String?
    /// The address book the names come from.
    var contacts = ContactBook()
    /// Places, events, their log and the `e` and `P` switches (`AppState+Events.swift`).
    public internal(set) var events = EventWatch()
    /// Handles the retention forgot that the event tracker has yet to forget, after its next poll said they stopped.
    var forgottenForEvents = Set<String>()
    /// The chats (indices) whose last successful poll listed each handle: a handle shares while any does.
    var sharingChats: [String: ChatIndices] = [:]

    /// How long rows of participants who stopped sharing are kept, and how many (`--forget-after`).
    public var retention = Retention()
    /// Trails, recent paths, history mode and the distances' units and home (`AppState+History.swift`).
    public internal(set) var history = HistoryState()
    /// At most this many participants of a poll are taken in per action, the rest through `.absorbMore`, so a
    /// screen loop stays responsive to keys during a poll of tens of thousands; nil takes a poll in at once.
    public var absorbChunk: Int?
    /// The poll being taken in part by part, if any.
    private var pendingAbsorb: PendingAbsorb?

    var labels = LabelBook()
    /// The index in `participants` of every handle there.
    var indexByHandle: [String: Int] = [:]
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

    /// True for a text frame (`--once`): its layout is usable down to 20x8.
    public var isTextFrame = false

    /// The layout of the current terminal size and panel toggle.
    public var layout: Layout {
        Layout(width: width, height: height, isPanelToggled: isPanelToggled, isTextFrame: isTextFrame)
    }

    /// The selected participant, if any.
    public var selected: TrackedParticipant? {
        guard let selectedHandle, let index = indexByHandle[selectedHandle] else { return nil }
        return participants[index]
    }

    /// True while the help overlay shows.
    public var isHelpShown: Bool { inputMode == .help }

    /// True after `g`, until the next key names a label.
    public var isAwaitingLabel: Bool { inputMode == .awaitingLabel }

    /// How many participants share now: listed by the last successful poll of at least one chat.
    public internal(set) var sharingCount = 0

    /// Applies `action` and returns what the edges must do next.
    public mutating func apply(_ action: Action) -> [Effect] {
        switch action {
        case .started(let now):
            return chats.indices.map { .schedulePoll(at: now, chat: $0) }
        case .key(let key, let now):
            return handle(key, now: now)
        case .mouse(let event, _):
            handle(mouse: event)
            return []
        case .pollStarted(_, let chat):
            guard chats.indices.contains(chat) else { return [] }
            chats[chat].poll.start()
            if notice == .alreadyFetching { notice = nil }
            return []
        case .pollProgress(let progress, let chat):
            guard chats.indices.contains(chat) else { return [] }
            chats[chat].poll.report(progress)
            return []
        case .pollReported(let progress, let now, let chat):
            guard chats.indices.contains(chat) else { return [] }
            chats[chat].poll.report(progress, now: now)
            return []
        case .pollSucceeded(let snapshot, let now, let chat):
            guard chats.indices.contains(chat) else { return [] }
            // A poll still being taken in is finished first: for this chat, the new poll's schedule replaces
            // its schedule; another chat's schedule is kept.
            var effects: [Effect] = []
            if let pendingChat = pendingAbsorb?.chat {
                while pendingAbsorb != nil {
                    let finished = absorbNextChunk()
                    if pendingChat != chat { effects += finished.filter { $0 != .continueAbsorbing } }
                }
            }
            startAbsorbing(snapshot, chat: chat, now: now)
            return effects + absorbNextChunk()
        case .absorbMore:
            return absorbNextChunk()
        case .pollFailed(let error, let now, let chat):
            guard chats.indices.contains(chat) else { return [] }
            return fail(error, chat: chat, now: now)
        case .chatNamed(let title, let chat):
            if chats.indices.contains(chat) { chats[chat].name = title }
            return []
        case .chatListProgress, .chatListLoaded, .chatListFailed:
            return absorbChatList(action)
        case .chatDetailed(let chat, let index):
            if chats.indices.contains(index) { chats[index].details = chat }
            return []
        case .chatActionAnswered(let chatAction, let result, let now):
            answer(chatAction, with: result, now: now)
            return []
        case .tick(let now):
            if case .refreshAllowed(let at) = notice, now >= at { notice = nil }
            expireChatAnswer(now: now)
            return retryChatListIfDue(now: now) + eventsOnTick(now: now)
        case .resized(let width, let height):
            // `s` means "hide" on a wide terminal and "show the overlay" on a narrow one: crossing 80 columns
            // goes back to that width's default, so an overlay opened narrow does not hide the panel once wide.
            if (width >= Layout.wideWidth) != (self.width >= Layout.wideWidth) { isPanelToggled = false }
            self.width = width
            self.height = height
            if followedHandle != nil { keepFollowing() } else { refitIfSomeoneLeftTheView() }
            return []
        case .signal(let number):
            return handle(signal: number)
        case .trailsLoaded, .historyAnswered:
            return applyHistory(action)
        case .eventsRestored, .eventProblem:
            return applyEventAction(action)
        }
    }

    // MARK: Poll outcomes

    /// A poll being taken in: its participants before `next` are in, `isListed` marks the rows it listed.
    private struct PendingAbsorb: Sendable {
        var snapshot: LocationSnapshot
        var chat: Int
        var now: Date
        var next = 0
        var isListed: [Bool]
    }

    private mutating func startAbsorbing(_ snapshot: LocationSnapshot, chat: Int, now: Date) {
        // Growing the dictionaries as handles arrive would rehash them a dozen times in a poll of 100,000.
        let most = participants.count + snapshot.participants.count
        participants.reserveCapacity(most)
        indexByHandle.reserveCapacity(most)
        labels.reserveCapacity(most)
        sharingChats.reserveCapacity(most)
        history.paths.reserveCapacity(most)
        pendingAbsorb = PendingAbsorb(
            snapshot: snapshot, chat: chat, now: now, isListed: [Bool](repeating: false, count: participants.count))
    }

    /// Takes in the next `absorbChunk` participants of the pending poll (all when nil), by dictionary, so a
    /// poll of n participants costs O(n), not O(n²); the list stays in label order because new handles are
    /// appended in the order they get labels. The last part finishes the poll.
    private mutating func absorbNextChunk() -> [Effect] {
        guard var pending = pendingAbsorb else { return [] }
        pendingAbsorb = nil
        let incoming = pending.snapshot.participants
        let end = min(incoming.count, pending.next + max(1, absorbChunk ?? incoming.count))
        for position in pending.next..<end {
            let participant = Retention.trimmed(incoming[position])
            if let index = indexByHandle[participant.handle] {
                pending.isListed[index] = true
                if keepsPosition(of: participants[index], against: participant, chat: pending.chat) { continue }
                participants[index].participant = participant
                participants[index].isSharing = true
                participants[index].lastListedAt = pending.now
            } else {
                let label = labels.assign(participant.handle)
                indexByHandle[participant.handle] = participants.count
                participants.append(
                    TrackedParticipant(
                        label: label, participant: participant, isSharing: true, lastListedAt: pending.now))
                pending.isListed.append(true)
            }
        }
        pending.next = end
        if end < incoming.count {
            pendingAbsorb = pending
            return [.continueAbsorbing]
        }
        // The handles this poll listed, once: the sharing record, trails and events all start from them.
        var listed = Set<String>(minimumCapacity: incoming.count)
        for index in participants.indices where pending.isListed[index] { listed.insert(participants[index].handle) }
        finishAbsorbing(pending.snapshot, chat: pending.chat, listed: listed, now: pending.now)
        let chat = pending.chat
        return [.schedulePoll(at: chats[chat].poll.succeed(now: pending.now, policy: policy), chat: chat)]
            + extendPaths(listed: listed, chat: chat, now: pending.now)
            + eventsAfterPoll(pending.snapshot, chat: chat, now: pending.now)
    }

    /// The end of a poll: rows no chat lists any more stop sharing (and are forgotten per `retention`),
    /// warnings, selection and view follow.
    private mutating func finishAbsorbing(_ snapshot: LocationSnapshot, chat: Int, listed: Set<String>, now: Date) {
        recordListing(listed, chat: chat)
        sharingCount = participants.count { $0.isSharing }
        forgetStoppedParticipants(count: participants.count - sharingCount, now: now)

        chats[chat].warnings = snapshot.warnings(at: now)

        notice = nil

        if selectedHandle == nil || selected == nil {
            selectedHandle = participants.first(where: \.isSharing)?.handle ?? participants.first?.handle
        }
        if !hasFittedFirstData {
            hasFittedFirstData = true
            setFirstView()
        } else if followedHandle != nil {
            keepFollowing()
        } else {
            refitIfSomeoneLeftTheView()
        }
    }

    /// Drops the rows of participants who stopped sharing longer than `retention.forgetAfter` ago, and the longest
    /// stopped beyond `retention.maximumStoppedRows`; `count` is how many rows are stopped now.
    private mutating func forgetStoppedParticipants(count: Int, now: Date) {
        guard count > 0 else { return }
        let forgetBefore = now.addingTimeInterval(-retention.forgetAfter.seconds)
        var forgotten = Set<String>()
        for tracked in participants where !tracked.isSharing && tracked.lastListedAt < forgetBefore {
            forgotten.insert(tracked.handle)
        }
        let excess = count - forgotten.count - retention.maximumStoppedRows
        if excess > 0 {
            let oldest = participants.filter { !$0.isSharing && !forgotten.contains($0.handle) }
                .sorted { $0.lastListedAt < $1.lastListedAt }
                .prefix(excess)
            for tracked in oldest { forgotten.insert(tracked.handle) }
        }
        guard !forgotten.isEmpty else { return }
        participants.removeAll { forgotten.contains($0.handle) }
        for handle in forgotten { labels.forget(handle) }
        forgetInChats(forgotten)
        indexByHandle = Dictionary(
            uniqueKeysWithValues: participants.enumerated().map { ($0.element.handle, $0.offset) })
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
        case SIGCONT: return [.reclaimTerminal]
        default: return []
        }
    }

    private mutating func handle(_ key: Key, now: Date) -> [Effect] {
        if case .refreshAllowed(let at)? = notice, now >= at { notice = nil }
        if case .copied? = notice { notice = nil }
        if case .noMatch? = notice { notice = nil }
        if case .history? = notice { notice = nil }
        switch inputMode {
        case .help:
            if scrollHelp(key) { return [] }
            inputMode = .normal
            return []
        case .warnings:
            if scrollWarnings(key) { return [] }
            inputMode = .normal
            return []
        case .search(let query):
            typeSearch(key, query: query)
            return []
        case .awaitingLabel:
            inputMode = .normal
            if case .character(let character) = key { jump(to: Character(character.uppercased())) }
            return []
        case .picker:
            return handlePicker(key, now: now)
        case .confirming(let chatAction):
            return confirm(chatAction, key: key)
        case .normal:
            break
        }
        if scrollEventLog(key) { return [] }
        guard let command = KeyTable.command(for: key) else { return [] }
        switch command {
        case .quit: return [.quit(.success, message: nil)]
        case .interrupt: return [.quit(.signal(SIGINT), message: nil)]
        case .redraw: return [.redrawAll]
        case .suspend: return [.suspend]
        case .help:
            inputMode = .help
            helpScroll = 0
        case .warnings:
            inputMode = .warnings
            helpScroll = 0
        case .search: inputMode = .search("")
        case .copy: return copySelected()
        case .nextParticipant: cycleSelection(by: 1)
        case .previousParticipant: cycleSelection(by: -1)
        case .awaitLabel: inputMode = .awaitingLabel
        case .jump(let label): jump(to: label)
        case .zoomIn: zoom(by: 1)
        case .zoomOut: zoom(by: -1)
        case .pan(let direction):
            followedHandle = nil
            pan(direction)
        case .world:
            followedHandle = nil
            moveView(.world)
        case .centre: toggleFollow()
        case .fit:
            followedHandle = nil
            hasUserMovedView = false
            viewport = fittedViewport()
        case .togglePanel: isPanelToggled.toggle()
        case .openPicker: return openPicker()
        case .refresh: return refresh(now: now)
        case .requestLocation: askToShare(now: now)
        case .stopSharing: askToStop(now: now)
        case .toggleRedaction: isRedacted.toggle()
        case .toggleTrails, .stepHistory, .live: return handleHistory(command, now: now)
        case .eventLog: toggleEventLog()
        case .places: togglePlaces()
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

    mutating func select(label: Character) {
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

    mutating func moveView(_ next: Viewport) {
        viewport = next
        hasUserMovedView = true
    }

    /// The points a fit must hold: the sharing participants, or everyone when nobody shares any more.
    private var fitPoints: [LatLon] {
        let sharing = participants.filter(\.isSharing)
        return (sharing.isEmpty ? participants : sharing).map(shownPosition)
    }

    /// Applies `initialView` once the first data is in: a requested zoom or centre keeps the view still later.
    private mutating func setFirstView() {
        let fitted = fittedViewport()
        switch initialView {
        case .fit:
            viewport = fitted
        case .zoom(let zoom):
            let centre = Viewport.fitCentre(fitPoints) ?? fitted.center
            viewport = Viewport(center: centre, zoom: zoom).clamped(size: mapSize, aspect: cellAspect)
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
