import CursesScreen
import Foundation
import Geo
import HistorySQLite
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
    /// The hidden crash trigger for tests of the terminal restore (`LINQMAP_DEBUG_CRASH=trap|segv|abort`),
    /// fired after the first frame is on screen.
    var debugCrashKind: String?
    /// Where each successful poll is recorded; nil with `--no-history`.
    var history: HistoryRecorder?
}

/// How the viewer ended: the status to exit with and a line for stderr, written after the terminal is restored.
struct ViewerOutcome: Sendable {
    var exitCode: Int32
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
        return ViewerOutcome(exitCode: 71, message: "linq-map: cannot create a pipe: \(error.message)")
    }
    let signalSources = installSignalSources { signal in inbox.post(.signal(signal)) }
    let client = settings.client
    let chatID = settings.chatID
    let poller = Poller(
        fetch: { () async throws(FetchError) -> LocationSnapshot in
            let snapshot = try await client.locations(chat: chatID) { progress in inbox.post(.pollProgress(progress)) }
            return await settings.history?.recorded(snapshot, chatID: chatID, polledAt: Date()) ?? snapshot
        },
        clock: ContinuousClock(), policy: settings.policy, now: { Date() })
    // NB: the 10m atlas level costs ~20 ms to decode; do it off the screen thread before anyone zooms in.
    let preload = Task.detached(priority: .background) {
        Atlas.embedded.preload(.medium)
        Atlas.embedded.preload(.high)
    }
    let outcome = await withTaskGroup(of: ViewerOutcome?.self) { group in
        group.addTask {
            await poller.run { action in inbox.post(action) }
            return nil
        }
        let outcome = await runOnScreenThread {
            screenLoop(settings: settings, inbox: inbox) { poller.refreshNow() }
        }
        group.cancelAll()
        return outcome
    }
    preload.cancel()
    signalSources.forEach { $0.cancel() }
    return outcome
}

/// The screen thread's loop: wait for keys, messages or the next whole second; apply; draw.
private func screenLoop(
    settings: ViewerSettings, inbox: Inbox<Action>, refresh: @escaping () -> Void
) -> ViewerOutcome {
    let screen: CursesScreen
    do {
        screen = try CursesScreen.open(colors: settings.colors, ascii: settings.ascii)
    } catch {
        return ViewerOutcome(exitCode: error.exitCode, message: "linq-map: \(error.message)")
    }
    defer { screen.close() }
    let size = screen.size
    var state = AppState(
        chatID: settings.chatID, width: size.width, height: size.height, policy: settings.policy,
        initialView: settings.initialView)
    let options = FrameOptions(
        isASCII: screen.isASCIIOnly, usesColor: screen.colorDepth != .none, isInteractive: true,
        asciiFallbackReason: screen.isASCIIOnly && !settings.ascii ? "locale is not UTF-8" : nil,
        showsGraticule: settings.showsGraticule)
    let composer = MapComposer(atlas: .embedded)
    var lastSecond = Int(Date().timeIntervalSince1970)
    var needsDraw = true
    var forceRedraw = false

    func handle(_ effects: [Effect]) -> ViewerOutcome? {
        for effect in effects {
            switch effect {
            case .quit(let exitCode, let message):
                return ViewerOutcome(exitCode: exitCode, message: message.map { "linq-map: \($0)" })
            case .refreshNow:
                refresh()
            case .suspend:
                screen.suspend()
                forceRedraw = true
            case .redrawAll:
                forceRedraw = true
            }
        }
        return nil
    }

    while true {
        if needsDraw || forceRedraw {
            let frame = ViewerFrame.render(state, now: Date(), options: options, composer: composer)
            screen.draw(frame, force: forceRedraw)
            if let kind = settings.debugCrashKind { debugCrash(kind) }
            needsDraw = false
            forceRedraw = false
        }
        let now = Date().timeIntervalSince1970
        let untilNextSecond = Int32(max(1, (1 - now.truncatingRemainder(dividingBy: 1)) * 1000))
        let (inputs, messages) = screen.waitForInput(inbox: inbox, timeoutMilliseconds: untilNextSecond)
        var actions: [Action] = []
        for input in inputs {
            switch input {
            case .key(let key): actions.append(.key(key, now: Date()))
            case .resize(let width, let height): actions.append(.resized(width: width, height: height))
            case .hangup: actions.append(.signal(SIGHUP))
            }
        }
        actions += messages
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
