import Foundation
import Geo
import History
import LinqModel

/// The viewer's use of the history (issue 12): every participant's recent path (read from the database once per
/// chat, then extended by each poll), whether trails show, history mode (`[` `]` `{` `}`, `End`), and what the
/// distances in the panel are measured in and from.
public struct HistoryState: Hashable, Sendable {
    /// True while trails show (`t`).
    public var showsTrails = false
    /// How far back trails reach (`--trail`, default 2 hours); paths keep this much and one fix before it.
    public var trailDuration: Duration = .seconds(2 * 3600)
    /// The unit of the panel's distances and the scale bar's first figure (`--units`).
    public var units: DistanceUnits = .km
    /// The home point (`--home`): marked on the map, and the distances' origin when nobody is selected.
    public var home: LatLon?
    /// True when polls are recorded (the edge says so; false with `--no-history` and in text frames): the first poll
    /// of each chat then reads its recorded paths, and `[` `]` step through them; without, they say so.
    public var isRecorded = false
    /// The zone of the times of day the panel and status bar write (`here since 09:14`); the edge passes the
    /// user's, tests UTC.
    public var timeZone = TimeZone.gmt
    /// Each participant's recent positions by handle, oldest first.
    public internal(set) var paths: [String: [TrailPoint]] = [:]
    /// The recorded poll shown in history mode; nil when live.
    public internal(set) var shown: ShownMoment?
    /// The number of the last `Effect.stepHistory`; older answers are dropped.
    var request = 0
    /// True while a step's answer is awaited: further steps wait for it.
    var isStepping = false
    /// The chats whose recorded paths were asked for.
    var loadedChats: Set<Int> = []
    /// Handles that had stopped sharing at the last poll: their next fix starts a new run of the trail.
    var stoppedHandles: Set<String> = []

    /// Creates the state of a viewer before any poll; the settings are set by the edge.
    public init() {}

    /// The same settings (trails, units, home, recording), without paths or history mode: for a new set of chats.
    public var settingsOnly: HistoryState {
        var next = HistoryState()
        next.showsTrails = showsTrails
        next.trailDuration = trailDuration
        next.units = units
        next.home = home
        next.isRecorded = isRecorded
        next.timeZone = timeZone
        return next
    }
}

/// A recorded poll shown in history mode: when it was answered and each chat's participants then.
public struct ShownMoment: Hashable, Sendable {
    /// When the poll shown was answered.
    public var shownAt: Date
    /// One snapshot per watched chat, in `AppState.chats` order.
    public var snapshots: [LocationSnapshot]

    /// Creates a moment.
    public init(shownAt: Date, snapshots: [LocationSnapshot]) {
        self.shownAt = shownAt
        self.snapshots = snapshots
    }
}

extension AppState {
    /// Sets the trail, distance and recording settings (from the command line and the settings file).
    public mutating func useHistorySettings(
        trailDuration: Duration, units: DistanceUnits, home: LatLon?, isRecorded: Bool, timeZone: TimeZone
    ) {
        history.timeZone = timeZone
        history.trailDuration = trailDuration
        history.units = units
        history.home = home
        history.isRecorded = isRecorded
    }

    /// True in history mode.
    public var isShowingHistory: Bool { history.shown != nil }

    /// `t`, `[`, `]`, `{`, `}` and `End`.
    mutating func handleHistory(_ command: KeyCommand, now: Date) -> [Effect] {
        switch command {
        case .toggleTrails:
            history.showsTrails.toggle()
            return []
        case .live:
            history.shown = nil
            history.isStepping = false
            history.request += 1
            return []
        case .stepHistory(let step):
            guard history.isRecorded else {
                notice = .history("no history: recording is off (--no-history)")
                return []
            }
            guard !history.isStepping else { return [] }
            history.isStepping = true
            history.request += 1
            return [.stepHistory(step, from: history.shown?.shownAt, request: history.request)]
        default:
            return []
        }
    }

    /// `Action.trailsLoaded` and `Action.historyAnswered`.
    mutating func applyHistory(_ action: Action) -> [Effect] {
        switch action {
        case .trailsLoaded(let trails, _):
            for trail in trails {
                let existing = history.paths[trail.handle] ?? []
                let loadedUntil = trail.points.last?.time ?? .distantPast
                history.paths[trail.handle] = trail.points + existing.filter { $0.time > loadedUntil }
            }
        case .historyAnswered(let result, let request):
            guard request == history.request else { return [] }
            history.isStepping = false
            switch result {
            case .success(.moment(let shownAt, let snapshots)):
                history.shown = ShownMoment(shownAt: shownAt, snapshots: snapshots)
            case .success(.live):
                history.shown = nil
            case .success(.nothingEarlier):
                notice = .history("no earlier poll recorded")
            case .failure(let error):
                notice = .history(error.message)
            }
        default:
            break
        }
        return []
    }

    /// After a poll of chat `chat` at `now`: the `listed` handles' paths get their new fix (when it moved or has a
    /// new time), paths older than the trail window are cut to one fix before it, and the first poll of the chat
    /// asks for its recorded paths.
    mutating func extendPaths(listed: Set<String>, chat: Int, now: Date) -> [Effect] {
        let cutoff = now.addingTimeInterval(-Double(history.trailDuration.components.seconds))
        let stopped = history.stoppedHandles
        // By row, each path changed in place: reading a path out and storing it back copied every path of a big
        // poll (issue 10, target 4).
        for index in participants.indices where listed.contains(participants[index].handle) {
            let handle = participants[index].handle
            let updatedAt = participants[index].participant.updatedAt
            let point = TrailPoint(
                position: participants[index].position, time: updatedAt ?? now,
                startsSegment: !stopped.isEmpty && stopped.contains(handle))
            Self.extend(&history.paths[handle, default: []], with: point, hasOwnTime: updatedAt != nil, cutoff: cutoff)
        }
        history.stoppedHandles = Set(participants.lazy.filter { !$0.isSharing }.map(\.handle))
        if history.paths.count > participants.count {
            history.paths = history.paths.filter { indexByHandle[$0.key] != nil }
        }
        guard history.isRecorded, history.loadedChats.insert(chat).inserted else { return [] }
        return [.loadTrails(chat: chat, since: cutoff)]
    }

    /// Appends `point` to `path` unless it is older than the last fix, or the same fix again (unmoved, and the same
    /// time or, without its own `updated_at`, the poll's); then drops the fixes before the last one at or before
    /// `cutoff`.
    private static func extend(_ path: inout [TrailPoint], with point: TrailPoint, hasOwnTime: Bool, cutoff: Date) {
        if let last = path.last {
            if point.time < last.time { return }
            let moved =
                abs(last.position.lat - point.position.lat) > 1e-7
                || abs(last.position.lon - point.position.lon) > 1e-7
            // Without `updated_at` a fix's time is the poll's: an unmoved participant adds nothing.
            if !moved && (point.time == last.time || !hasOwnTime) { return }
        }
        path.append(point)
        var drop = 0
        while drop + 1 < path.count, path[drop + 1].time <= cutoff { drop += 1 }
        if drop > 0 { path.removeFirst(drop) }
    }

    /// The state as the map and panel show it at `now`: live, or in history mode the recorded poll shown, its
    /// participants (labels kept; people not sharing then left out), paths up to that moment, the view centred on
    /// the participant followed (`c`) where they were then, and `now` moved back to it so that staleness reads as
    /// it did then.
    public func shown(now: Date) -> (state: AppState, now: Date) {
        guard let moment = history.shown else { return (self, now) }
        var state = self
        var byHandle: [String: Participant] = [:]
        var order: [String] = []
        for snapshot in moment.snapshots {
            for participant in snapshot.participants where byHandle[participant.handle] == nil {
                byHandle[participant.handle] = participant
                order.append(participant.handle)
            }
        }
        var rows: [TrackedParticipant] = []
        for tracked in participants {
            guard let participant = byHandle.removeValue(forKey: tracked.handle) else { continue }
            rows.append(
                TrackedParticipant(
                    label: tracked.label, participant: participant, isSharing: true, lastListedAt: moment.shownAt))
        }
        for handle in order {
            guard let participant = byHandle[handle] else { continue }
            rows.append(
                TrackedParticipant(
                    label: state.labels.assign(handle), participant: participant, isSharing: true,
                    lastListedAt: moment.shownAt))
        }
        state.participants = rows
        state.indexByHandle = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($0.element.handle, $0.offset) })
        state.sharingCount = rows.count
        // Following someone follows them through the moment shown, not to where they are now.
        if let followedHandle, let followed = rows.first(where: { $0.handle == followedHandle }) {
            state.viewport = Viewport(center: followed.position, zoom: viewport.zoom)
                .clamped(size: mapSize, aspect: cellAspect)
        }
        state.history.paths = history.paths.compactMapValues { path in
            let before = path.prefix { $0.time <= moment.shownAt }
            return before.isEmpty ? nil : Array(before)
        }
        return (state, moment.shownAt)
    }

    /// The panel's movement line for `handle` at `now` (`moved 3.2 km in 10m`, `still for 2h`, `here since 09:14`),
    /// or nil without two recorded positions.
    public func movementText(of handle: String, now: Date) -> String? {
        guard let path = history.paths[handle] else { return nil }
        return MovementSummary.summary(of: path, now: now)?.text(units: history.units, timeZone: history.timeZone)
    }

    /// Where the panel's distances are measured from: the selected participant, else the home point; nil when
    /// neither is set.
    public var distanceOrigin: (handle: String?, position: LatLon)? {
        if let selected { return (selected.handle, shownPosition(selected)) }
        return history.home.map { (nil, isRedacted ? Redaction.position($0) : $0) }
    }

    /// Distance and compass point from `distanceOrigin` to `tracked`, `2.4 km NE`; nil for the selected
    /// participant itself, for someone who stopped sharing (their line says so, and since when, in full), and when
    /// there is no origin. A text frame measures from home only.
    public func distanceText(to tracked: TrackedParticipant) -> String? {
        guard tracked.isSharing else { return nil }
        // A text frame's selection is the first row, not the user's choice: it shows distances from home only.
        let home = history.home.map { (handle: String?.none, position: isRedacted ? Redaction.position($0) : $0) }
        guard let origin = isTextFrame ? home : distanceOrigin,
            origin.handle != tracked.handle
        else { return nil }
        // In privacy mode from and to the rounded positions the map shows, so no distance is finer than they are.
        return DistanceText.text(from: origin.position, to: shownPosition(tracked), units: history.units)
    }
}
