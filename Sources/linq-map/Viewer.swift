import CursesScreen
import Foundation
import Geo
import LinqHTTP
import LinqModel
import MapApp
import TextUI

/// Everything the interactive viewer needs, resolved from the command line before the screen opens.
struct ViewerSettings: Sendable {
    var chatID: String
    var client: LinqHTTPClient
    var policy: PollPolicy
    var colors: ColorRequest
    var ascii: Bool
    var initialView: InitialView
    var showsGraticule: Bool
    /// Mouse reports on (wheel zoom, clicks, drags); `--no-mouse` turns them off.
    var usesMouse = true
    /// How long stopped participants are kept (`--forget-after`).
    var retention: Retention
    #if DEBUG
        /// The crash trigger for tests of the terminal restore (`LINQMAP_DEBUG_CRASH`), fired after the first
        /// frame is on screen; debug builds only.
        var debugCrash: DebugCrash?
    #endif
}

/// How the viewer ended: the status to exit with and a line for stderr, written after the terminal is restored.
struct ViewerOutcome: Sendable {
    var status: ProgramExit
    var message: String?
}

/// Runs the interactive viewer until the user quits, a signal arrives, or the first fetch fails for good.
///
/// The screen lives on its own thread (every ncurses call is made there); the poller runs as a task and posts
/// its outcomes, like the signal sources, through the inbox that wakes the screen thread.
func runViewer(_ settings: ViewerSettings) async -> ViewerOutcome {
    let inbox: Inbox<Action>
    do {
        inbox = try Inbox<Action>()
    } catch {
        return ViewerOutcome(status: .osError, message: "linq-map: cannot create a pipe: \(error.message)")
    }
    let signalSources = installSignalSources { signal in inbox.post(.signal(signal)) }
    let client = settings.client
    let chatID = settings.chatID
    let poller = Poller(
        fetch: { () async throws(FetchError) -> LocationSnapshot in
            try await client.locations(chat: chatID) { progress in inbox.post(.pollReported(progress, now: Date())) }
        },
        clock: ContinuousClock(), now: { Date() })
    // The state starts before the screen opens, so the first poll (which the reducer schedules at once) runs
    // while the terminal is set up; the screen loop then gives it the terminal's size.
    var state = AppState(
        chatID: settings.chatID, width: 0, height: 0, policy: settings.policy, initialView: settings.initialView)
    state.retention = settings.retention
    // NB: about 10 ms a part on a loaded 2-core machine (linq-map-bench), so `q` is read within one part.
    state.absorbChunk = 4_096
    for case .schedulePoll(let due) in state.apply(.started(now: Date())) { poller.schedule(at: due) }
    let initialState = state
    // NB: the 10m atlas level costs ~20 ms to decode; do it off the screen thread before anyone zooms in.
    let preload = Task.detached(priority: .background) {
        Atlas.embedded.preload(.medium)
        if !Task.isCancelled { Atlas.embedded.preload(.high) }
    }
    let polling = Task { await poller.run { action in inbox.post(action) } }
    let outcome = await runOnScreenThread {
        screenLoop(settings: settings, state: initialState, inbox: inbox) { due in poller.schedule(at: due) }
    }
    // Not awaited: a fetch or a decode in progress cannot stop half-way, and `q` must not wait for one (a poll
    // of 10,000 kept the terminal for up to 300 ms after the key); the process ends around it.
    polling.cancel()
    // NB: a decode still running while the process exits crashed it (a lock used after exit had begun, seen
    // with TERM=dumb, which leaves at once): stop between levels and wait for the one in progress.
    preload.cancel()
    await preload.value
    signalSources.forEach { $0.cancel() }
    return outcome
}

/// The screen thread's loop: wait for keys, messages or the next whole second; apply; draw.
private func screenLoop(
    settings: ViewerSettings, state: AppState, inbox: Inbox<Action>, schedulePoll: @escaping (Date) -> Void
) -> ViewerOutcome {
    let screen: CursesScreen
    do {
        screen = try CursesScreen.open(colors: settings.colors, ascii: settings.ascii)
        if settings.usesMouse { screen.enableMouse() }
    } catch {
        return ViewerOutcome(status: error.programExit, message: "linq-map: \(error.message)")
    }
    defer { screen.close() }
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
            case .schedulePoll(let due):
                schedulePoll(due)
            case .suspend:
                screen.suspend()
                forceRedraw = true
            case .copyToClipboard(let text):
                screen.copyToClipboard(text)
            case .redrawAll:
                forceRedraw = true
            case .continueAbsorbing:
                isAbsorbing = true
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
        actions += messages
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
