import CursesScreen
import EventHooks
import Foundation
import History
import HistorySQLite
import LinqModel
import MapApp

/// The viewer's edge for events (issue 13): loads each chat's last stored events, stores new ones, rings the bell,
/// sends desktop notifications and runs the `--on-event` program, as the reducer's effects ask. Nothing here
/// blocks the screen thread: the database has its own queue, hooks their own threads; their problems come back to
/// the reducer as `Action.eventProblem`.
final class EventsEdge: Sendable {
    private let recorder: EventRecorder?
    private let hooks: HookRunner?
    private let isInTmux: Bool
    private let inbox: Inbox<ViewerEvent>

    /// An edge storing through `recorder` (nil: events in memory only), running `hookProgram` (a resolved path, or
    /// nil), wrapping notifications for tmux when `environment` has `TMUX`.
    init(
        recorder: EventRecorder?, hookProgram: String?, environment: [String: String], inbox: Inbox<ViewerEvent>
    ) {
        self.recorder = recorder
        self.isInTmux = !(environment["TMUX"] ?? "").isEmpty
        self.inbox = inbox
        hooks = hookProgram.map { program in
            HookRunner(program: program, environment: environment) { outcome in
                guard let problem = outcome.problem(program: program) else { return }
                inbox.post(.action(.eventProblem(problem, now: Date())))
            }
        }
    }

    /// Loads the last stored events of `chatIDs` and posts them for generation `generation` (with a warning when
    /// the database could not be read); does nothing without a database.
    func restore(_ chatIDs: [String], generation: Int) {
        guard let recorder else { return }
        let inbox = inbox
        Task.detached {
            let (events, warning) = await recorder.latestEvents(chatIDs: chatIDs, now: Date())
            if let warning { inbox.post(.action(.eventProblem(warning, now: Date()))) }
            inbox.post(.watched(.eventsRestored(events, chats: chatIDs), generation: generation))
        }
    }

    /// Performs an event effect on `screen`; false for any other effect.
    func perform(_ effect: Effect, screen: CursesScreen) -> Bool {
        switch effect {
        case .recordEvents(let events):
            let inbox = inbox
            recorder?.submit(events, now: Date()) { warning in
                if let warning { inbox.post(.action(.eventProblem(warning, now: Date()))) }
            }
        case .ringBell:
            screen.ringBell()
        case .notify(let title, let body):
            screen.notify(title: title, body: body, inTmux: isInTmux)
        case .runHook(let event):
            hooks?.run(input: JSONWriter.text(event.json) + "\n", kind: event.kind.rawValue)
        default:
            return false
        }
        return true
    }

    /// Waits, off the cooperative pool, until the events submitted so far are stored.
    func finish() async {
        guard let recorder else { return }
        await withCheckedContinuation { continuation in
            Thread {
                recorder.waitUntilStored()
                continuation.resume()
            }.start()
        }
    }
}

extension ViewCommand {
    /// The viewer's event settings, from `settings` (options over the settings file): events kept in the history
    /// database unless `--no-history`, clock times in the local time zone, and the `--on-event` program's path.
    func viewerEvents(_ settings: EventSettings, environment: [String: String]) -> (
        EventSettings, EventRecorder?, String?
    ) {
        var settings = settings
        let recorder =
            noHistory
            ? nil
            : EventRecorder(file: historyFile(history, environment: environment), keep: .seconds(keep * 86_400))
        settings.restoresFromStore = recorder != nil
        settings.timeZone = TimeZone.current
        let program = eventOptions.onEvent.flatMap { HookRunner.resolve($0, path: environment["PATH"]) }
        return (settings, recorder, program)
    }
}
