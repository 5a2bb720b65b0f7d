import Contacts
import CursesScreen
import Foundation
import Geo
import HistorySQLite
import LinqHTTP
import LinqModel
import MapApp
import ScriptFormats
import TextUI

/// Everything the interactive viewer needs, resolved from the command line before the screen opens.
struct ViewerSettings: Sendable {
    /// The chats in one map (at least one), each polled on its own schedule.
    var chatIDs: [String]
    var client: LinqHTTPClient
    var policy: PollPolicy
    var colors: ColorRequest
    var ascii: Bool
    var initialView: InitialView
    var showsGraticule: Bool
    /// The contacts whose names stand in for handles.
    var contacts: ContactBook
    /// A problem reading them, for the status bar (also printed to stderr).
    var contactsWarning: String?
    /// `--from`: the picker lists only chats from this line.
    var pickerFrom: String?
    /// `--to`: the picker lists only chats with this participant.
    var pickerTo: String?
    /// Mouse reports on (wheel zoom, clicks, drags); `--no-mouse` turns them off.
    var usesMouse = true
    /// Privacy mode from the start (`--redact`); Ctrl-R toggles it.
    var redacts = false
    /// How long stopped participants are kept (`--forget-after`).
    var retention: Retention
    #if DEBUG
        /// The crash trigger for tests of the terminal restore (`LINQMAP_DEBUG_CRASH`), fired after the first
        /// frame is on screen; debug builds only.
        var debugCrash: DebugCrash?
    #endif
    /// Where each successful poll is recorded; nil with `--no-history`.
    var history: HistoryRecorder?
    /// Reads the same file for trails and history mode; nil with `--no-history`.
    var historyReader: HistoryReader?
    /// Trails, distances and the home point (`--trail`, `--units`, `--home`).
    var historyView = HistoryViewSettings()
    /// Places, stale-after, bell, notifications and hooks (issue 13).
    var events = EventSettings()
    /// Where events are kept; nil with `--no-history` (they stay in memory).
    var eventRecorder: EventRecorder?
    /// The `--on-event` program, resolved to a path.
    var hookProgram: String?
}

/// How the viewer ended: the status to exit with and a line for stderr, written after the terminal is restored.
struct ViewerOutcome: Sendable {
    var status: ProgramExit
    var message: String?
}

/// Runs the interactive viewer until the user quits, a signal arrives, or the first fetch fails for good.
///
/// The screen lives on its own thread (every ncurses call is made there); the pollers (one per chat) and the
/// chat list's load run as tasks and post their outcomes, like the signal sources, through the inbox that
/// wakes the screen thread. Without chat ids the viewer starts in the chat picker.
func runViewer(_ settings: ViewerSettings) async -> ViewerOutcome {
    let inbox: Inbox<ViewerEvent>
    do {
        inbox = try Inbox<ViewerEvent>()
    } catch {
        return ViewerOutcome(status: .osError, message: "linq-map: cannot create a pipe: \(error.message)")
    }
    let signalSources = installSignalSources { signal in inbox.post(.action(.signal(signal))) }
    let watchers = ChatWatchers(
        client: settings.client, contacts: settings.contacts, history: settings.history, inbox: inbox)
    let eventsEdge = EventsEdge(
        recorder: settings.eventRecorder, hookProgram: settings.hookProgram,
        environment: ProcessInfo.processInfo.environment, inbox: inbox)
    // The state starts before the screen opens, so the first polls (which the reducer schedules at once), or
    // the picker's list, load while the terminal is set up; the screen loop then gives it the terminal's size.
    var state: AppState
    if settings.chatIDs.isEmpty {
        state = .pickerFirst(width: 0, height: 0, policy: settings.policy)
        watchers.loadChatList(from: settings.pickerFrom, to: settings.pickerTo)
    } else {
        state = AppState(
            chatIDs: settings.chatIDs, width: 0, height: 0, policy: settings.policy, initialView: settings.initialView)
        state.useEvents(settings.events)
        eventsEdge.restore(settings.chatIDs, generation: watchers.watch(settings.chatIDs))
        for case .schedulePoll(let due, let chat) in state.apply(.started(now: Date())) {
            watchers.schedule(at: due, chat: chat)
        }
    }
    state.useContacts(settings.contacts, warning: settings.contactsWarning)
    state.retention = settings.retention
    state.isRedacted = settings.redacts
    settings.historyView.apply(to: &state, isRecorded: settings.history != nil)
    // NB: about 10 ms a part on a loaded 2-core machine (linq-map-bench), so `q` is read within one part.
    state.absorbChunk = 4_096
    let initialState = state
    // NB: the 10m atlas level costs ~20 ms to decode; do it off the screen thread before anyone zooms in.
    let preload = Task.detached(priority: .background) {
        Atlas.embedded.preload(.medium)
        if !Task.isCancelled { Atlas.embedded.preload(.high) }
    }
    let outcome = await runOnScreenThread {
        screenLoop(settings: settings, state: initialState, inbox: inbox, watchers: watchers, events: eventsEdge)
    }
    // Not awaited: a fetch or a decode in progress cannot stop half-way, and `q` must not wait for one (a poll
    // of 10,000 kept the terminal for up to 300 ms after the key); the process ends around it.
    watchers.stop()
    // NB: a decode still running while the process exits crashed it (a lock used after exit had begun, seen
    // with TERM=dumb, which leaves at once): stop between levels and wait for the one in progress.
    preload.cancel()
    await preload.value
    signalSources.forEach { $0.cancel() }
    await eventsEdge.finish()
    return outcome
}

/// The screen thread's loop: wait for keys, messages or the next whole second; apply; draw.
private func screenLoop(
    settings: ViewerSettings, state: AppState, inbox: Inbox<ViewerEvent>, watchers: ChatWatchers, events: EventsEdge
) -> ViewerOutcome {
    let screen: CursesScreen
    do {
        screen = try CursesScreen.open(colors: settings.colors, ascii: settings.ascii)
    } catch {
        return ViewerOutcome(status: error.programExit, message: "linq-map: \(error.message)")
    }
    defer { screen.close() }
    if settings.usesMouse { screen.enableMouse() }
    let size = screen.size
    var state = state
    _ = state.apply(.resized(width: size.width, height: size.height))
    let options = FrameOptions(
        isASCII: screen.isASCIIOnly, usesColor: screen.colorDepth != .none, isInteractive: true,
        asciiFallbackReason: screen.isASCIIOnly && !settings.ascii ? "locale is not UTF-8" : nil,
        showsGraticule: settings.showsGraticule)
    let composer = MapComposer(
        atlas: .embedded, streets: importedStreets(environment: ProcessInfo.processInfo.environment))
    var layerCache = StaticLayerCache()
    var lastSecond = Int(Date().timeIntervalSince1970)
    var needsDraw = true
    var forceRedraw = false
    // True while a big poll is taken in part by part: keys are read between parts, frames wait for the end.
    var isAbsorbing = false

    func handle(_ effects: [Effect]) -> ViewerOutcome? {
        for effect in effects {
            switch effect {
            case .quit(let status, let message):
                return ViewerOutcome(status: status, message: message.map { "linq-map: \($0)" })
            case .schedulePoll(let due, let chat):
                watchers.schedule(at: due, chat: chat)
            case .openChats(let chatIDs):
                // The picker's Enter: a new map of these chats; the old chats' polls stop, and their late
                // outcomes are dropped by generation.
                state = state.watching(chatIDs)
                state.useEvents(settings.events)
                isAbsorbing = false
                events.restore(chatIDs, generation: watchers.watch(chatIDs))
                for case .schedulePoll(let due, let chat) in state.apply(.started(now: Date())) {
                    watchers.schedule(at: due, chat: chat)
                }
            case .loadChatList:
                watchers.loadChatList(from: settings.pickerFrom, to: settings.pickerTo)
            case .suspend:
                screen.suspend()
                forceRedraw = true
            case .redrawAll:
                forceRedraw = true
            case .reclaimTerminal:
                screen.reclaim()
                forceRedraw = true
            case .copyToClipboard(let text):
                screen.copyToClipboard(text)
            case .continueAbsorbing:
                isAbsorbing = true
            case .run(let action):
                watchers.run(action)
            case .loadTrails, .stepHistory:
                readHistory(effect, state: state, reader: settings.historyReader, inbox: inbox, watchers: watchers)
            case .recordEvents, .ringBell, .notify, .runHook:
                _ = events.perform(effect, screen: screen)
            }
        }
        return nil
    }

    while true {
        if (needsDraw || forceRedraw) && !isAbsorbing {
            let frame = ViewerFrame.render(
                state, now: Date(), options: options, composer: composer, cache: &layerCache)
            screen.draw(frame, force: forceRedraw)
            #if DEBUG
                settings.debugCrash?.crash()
            #endif
            needsDraw = false
            forceRedraw = false
        }
        let now = Date().timeIntervalSince1970
        let untilNextSecond = Int32(max(1, (1 - now.truncatingRemainder(dividingBy: 1)) * 1000))
        let (inputs, messages) = screen.waitForInput(
            inbox: inbox, timeoutMilliseconds: isAbsorbing ? 0 : untilNextSecond)
        var actions: [Action] = []
        for input in inputs {
            switch input {
            case .key(let key): actions.append(.key(key, now: Date()))
            case .mouse(let event): actions.append(.mouse(event, now: Date()))
            case .resize(let width, let height): actions.append(.resized(width: width, height: height))
            case .hangup: actions.append(.signal(SIGHUP))
            }
        }
        let generation = watchers.generation
        for message in messages {
            switch message {
            case .action(let action): actions.append(action)
            case .watched(let action, let from) where from == generation: actions.append(action)
            case .watched: break
            }
        }
        if isAbsorbing {
            actions.append(.absorbMore)
            isAbsorbing = false
        }
        let second = Int(Date().timeIntervalSince1970)
        if second != lastSecond {
            lastSecond = second
            actions.append(.tick(now: Date()))
        }
        for action in actions {
            if let outcome = handle(state.apply(action)) { return outcome }
            needsDraw = true
        }
    }
}
