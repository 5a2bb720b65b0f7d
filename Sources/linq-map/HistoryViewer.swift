import CursesScreen
import Foundation
import Geo
import History
import HistorySQLite
import MapApp

/// The viewer's trail, distance and home settings, resolved from the command line and the settings file.
struct HistoryViewSettings: Sendable {
    /// `--trail`: how far back trails reach (default 2 hours).
    var trail: Duration = .seconds(2 * 3600)
    /// `--units`: km or mi.
    var units: DistanceUnits = .km
    /// `--home LAT,LON`.
    var home: LatLon?

    /// Gives `state` these settings, the user's time zone, and whether polls are recorded.
    func apply(to state: inout AppState, isRecorded: Bool) {
        state.useHistorySettings(
            trailDuration: trail, units: units, home: home, isRecorded: isRecorded, timeZone: TimeZone.current)
    }
}

/// Runs `effect` (`Effect.loadTrails` or `Effect.stepHistory`) on the reader's queue and posts its answer as an
/// action of the current watchers' generation, so an answer about chats no longer watched is dropped. Without a
/// reader (`--no-history`) trails load as empty.
func readHistory(
    _ effect: Effect, state: AppState, reader: HistoryReader?, inbox: Inbox<ViewerEvent>, watchers: ChatWatchers
) {
    let generation = watchers.generation
    switch effect {
    case .loadTrails(let chat, let since):
        guard let reader, state.chats.indices.contains(chat) else { return }
        reader.trails(chatID: state.chats[chat].id, since: since) { trails in
            inbox.post(.watched(.trailsLoaded(trails, chat: chat), generation: generation))
        }
    case .stepHistory(let step, let from, let request):
        guard let reader else { return }
        reader.step(step, chatIDs: state.chats.map(\.id), shownAt: from, now: Date()) { result in
            inbox.post(.watched(.historyAnswered(result, request: request), generation: generation))
        }
    default:
        break
    }
}
