import Foundation
import Geo
import History
import LinqModel

/// How the viewer finds and announces events (issue 13): the places, the stale-after time, and which of bell,
/// desktop notification and hook follow each event. Set by the edge from the options and the settings file.
public struct EventSettings: Hashable, Sendable {
    /// The places, in the order given (command line first, then the settings file).
    public var places: [NamedPlace]
    /// How long without a new fix before someone is `stale` (`--stale-after`, default 30 minutes).
    public var staleAfter: Duration
    /// `--bell`: ring the terminal bell for each event of a kind in `notifiedKinds`.
    public var ringsBell: Bool
    /// `--notify`: a desktop notification for each event of a kind in `notifiedKinds`.
    public var notifies: Bool
    /// The kinds the bell and notifications are for (the settings file's `notify_events`; default all).
    public var notifiedKinds: Set<ChatEvent.Kind>
    /// `--on-event PROGRAM`: run the hook for every event.
    public var runsHooks: Bool
    /// True when the events are kept in the history database: each chat then waits for its last stored events
    /// (`Action.eventsRestored`) before its polls are compared, so a restart repeats nothing.
    public var restoresFromStore: Bool
    /// The time zone of the event log's clock times.
    public var timeZone: TimeZone

    /// The default stale-after time: 30 minutes.
    public static let defaultStaleAfter = Duration.seconds(30 * 60)

    /// Creates settings; the defaults have no places, 30 minutes, nothing announced, nothing stored.
    public init(
        places: [NamedPlace] = [], staleAfter: Duration = EventSettings.defaultStaleAfter, ringsBell: Bool = false,
        notifies: Bool = false, notifiedKinds: Set<ChatEvent.Kind> = Set(ChatEvent.Kind.allCases),
        runsHooks: Bool = false, restoresFromStore: Bool = false,
        timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current
    ) {
        self.places = places
        self.staleAfter = staleAfter
        self.ringsBell = ringsBell
        self.notifies = notifies
        self.notifiedKinds = notifiedKinds
        self.runsHooks = runsHooks
        self.restoresFromStore = restoresFromStore
        self.timeZone = timeZone
    }
}

/// Finds events by comparing each poll of a chat with what was known of its participants: a pure function of the
/// polls, the clock ticks and the events restored from the store.
///
/// A chat's first poll of a run is a baseline for the sharing and the age of participants nothing is known of (no
/// `started sharing` or `stale`: they did not start then, the viewer did); someone first seen inside a place is
/// `arrived` there, so the log says who is where from the start. Participants known from stored events are compared
/// as usual, so nothing is repeated after a restart, and someone who left while linq-map was off is `left` at the
/// first poll.
public struct EventTracker: Sendable {
    /// What is known of one participant of one chat.
    struct Subject: Hashable, Sendable {
        var isSharing = true
        var isStale = false
        /// Inside (true) or outside (false) of each place whose state is known.
        var places: [String: Bool] = [:]
        /// When the last fix was taken (`updated_at`, else when the position last changed); nil until a poll
        /// of this run listed them.
        var lastFixAt: Date?
        var updatedAt: Date?
        var position: LatLon
    }

    private struct Key: Hashable, Sendable {
        var chatID: String
        var handle: String
    }

    /// A poll that came before its chat's stored events: compared once they are in.
    private struct PendingPoll: Sendable {
        var participants: [Participant]
        var names: [String: String]
        var now: Date
    }

    /// The places and the stale-after time.
    public var settings: EventSettings
    /// By chat id (lower case), then handle: a poll hashes each handle, not the chat id with it.
    private var subjects: [String: [String: Subject]] = [:]
    private var polledChats = Set<String>()
    private var awaitingRestore = Set<String>()
    private var pending: [String: PendingPoll] = [:]
    /// No one can turn stale before this instant; nil when nobody can.
    private var nextStaleAt: Date?

    /// A tracker with `settings`; chats in `awaitingRestore` compare no poll until `restore` gave their events.
    public init(settings: EventSettings = EventSettings(), awaitingRestore: [String] = []) {
        self.settings = settings
        self.awaitingRestore = Set(awaitingRestore.map { $0.lowercased() })
    }

    /// How many participants the tracker remembers, over every chat.
    public var rememberedCount: Int { subjects.values.reduce(0) { $0 + $1.count } }

    /// Forgets `handles` where they no longer share, in every chat: the viewer's retention forgot their rows
    /// (`--forget-after`, at most 1,000 stopped), so handles that rotate away leave nothing here either. One who
    /// comes back is new again: `started sharing`. Returns those some chat still counts as sharing (a poll not yet
    /// compared), to be forgotten later.
    public mutating func forget(_ handles: Set<String>) -> Set<String> {
        guard !handles.isEmpty else { return [] }
        var kept = Set<String>()
        for chatID in subjects.keys {
            for handle in handles {
                switch subjects[chatID]?[handle]?.isSharing {
                case false?: subjects[chatID]?[handle] = nil
                case true?: kept.insert(handle)
                case nil: break
                }
            }
        }
        return kept
    }

    /// True while chat `chatID` waits for its stored events.
    public func isAwaitingRestore(_ chatID: String) -> Bool { awaitingRestore.contains(chatID.lowercased()) }

    /// Takes in the newest stored events of `chatIDs` (oldest first) and compares the poll that waited for them,
    /// if any; returns that poll's events.
    public mutating func restore(_ events: [ChatEvent], chatIDs: [String]) -> [ChatEvent] {
        for event in events {
            let chatID = event.chatID.lowercased()
            var subject = subjects[chatID]?[event.handle] ?? Subject(position: event.position)
            subject.position = event.position
            switch event.kind {
            case .startedSharing: subject.isSharing = true
            case .stoppedSharing: subject.isSharing = false
            case .stale: subject.isStale = true
            case .freshAgain: subject.isStale = false
            case .arrived: if let place = event.place { subject.places[place] = true }
            case .left: if let place = event.place { subject.places[place] = false }
            }
            subjects[chatID, default: [:]][event.handle] = subject
        }
        var found: [ChatEvent] = []
        for chatID in chatIDs.map({ $0.lowercased() }) where awaitingRestore.remove(chatID) != nil {
            if let poll = pending.removeValue(forKey: chatID) {
                found += self.poll(chatID: chatID, participants: poll.participants, names: poll.names, now: poll.now)
            }
        }
        return found
    }

    /// Compares a poll of `chatID` at `now` listing `participants` (contact names in `names`) with what was known;
    /// returns the events, in participant order, stops last.
    public mutating func poll(
        chatID rawChatID: String, participants: [Participant], names: [String: String], now: Date
    ) -> [ChatEvent] {
        let chatID = rawChatID.lowercased()
        if awaitingRestore.contains(chatID) {
            pending[chatID] = PendingPoll(participants: participants, names: names, now: now)
            return []
        }
        let isBaseline = polledChats.insert(chatID).inserted
        var events: [ChatEvent] = []
        var listed = Set<String>(minimumCapacity: participants.count)
        // The chat's subjects are taken out and put back, so they are changed in place.
        var known = subjects.removeValue(forKey: chatID) ?? [:]
        if known.isEmpty { known.reserveCapacity(participants.count) }
        // By index, reading only the fields compared: copying each participant cost more than the comparing.
        for index in participants.indices {
            let handle = participants[index].handle
            guard listed.insert(handle).inserted else { continue }
            let updatedAt = participants[index].updatedAt
            let coordinate = participants[index].coordinate
            let position = LatLon(lat: coordinate.latitude, lon: coordinate.longitude)
            func event(_ kind: ChatEvent.Kind, place: String? = nil) -> ChatEvent {
                ChatEvent(
                    time: now, chatID: chatID, handle: handle, name: names[handle], kind: kind,
                    place: place, position: position)
            }
            guard var subject = known[handle] else {
                // Someone new: a baseline at the chat's first poll, else they started sharing; how old their fix is
                // is taken as it is, and the places they are in are arrivals.
                var subject = Subject(position: position)
                subject.updatedAt = updatedAt
                subject.lastFixAt = updatedAt ?? now
                subject.isStale = isStale(subject, now: now)
                if !isBaseline { events.append(event(.startedSharing)) }
                for place in settings.places {
                    let isInside = place.distanceMeters(to: position) <= place.radiusMeters
                    subject.places[place.name] = isInside
                    if isInside { events.append(event(.arrived, place: place.name)) }
                }
                known[handle] = subject
                continue
            }
            if !subject.isSharing {
                subject.isSharing = true
                events.append(event(.startedSharing))
            }
            let moved = subject.position != position
            // Stored as stale, listed now without a time of fix: nothing says a new fix came, so they stay stale
            // until the position moves.
            let isFixUnknown = subject.lastFixAt == nil && updatedAt == nil && !moved && subject.isStale
            if !isFixUnknown
                && (subject.lastFixAt == nil || updatedAt != subject.updatedAt
                    || (updatedAt == nil && moved))
            {
                subject.lastFixAt = updatedAt ?? now
                subject.updatedAt = updatedAt
            }
            subject.position = position
            let staleNow = isStale(subject, now: now)
            if staleNow != subject.isStale && !isFixUnknown {
                subject.isStale = staleNow
                events.append(event(staleNow ? .stale : .freshAgain))
            }
            for place in settings.places {
                let distance = place.distanceMeters(to: position)
                switch subject.places[place.name] {
                case nil:
                    subject.places[place.name] = distance <= place.radiusMeters
                    if distance <= place.radiusMeters { events.append(event(.arrived, place: place.name)) }
                case false?:
                    if distance <= place.radiusMeters {
                        subject.places[place.name] = true
                        events.append(event(.arrived, place: place.name))
                    }
                case true?:
                    if distance > place.leaveRadiusMeters {
                        subject.places[place.name] = false
                        events.append(event(.left, place: place.name))
                    }
                }
            }
            known[handle] = subject
        }
        // Only the stopped are sorted (by handle, for a stable order), not every participant known.
        var gone: [(handle: String, subject: Subject)] = []
        for (handle, subject) in known where subject.isSharing && !listed.contains(handle) {
            gone.append((handle, subject))
        }
        for (handle, subject) in gone.sorted(by: { $0.handle < $1.handle }) {
            var stopped = subject
            stopped.isSharing = false
            stopped.isStale = false
            stopped.lastFixAt = nil
            known[handle] = stopped
            events.append(
                ChatEvent(
                    time: now, chatID: chatID, handle: handle, name: names[handle], kind: .stoppedSharing,
                    position: subject.position))
        }
        subjects[chatID] = known
        updateNextStaleAt()
        return events
    }

    /// The `stale` events due at `now`: sharing participants whose last fix is `staleAfter` old, in handle order.
    public mutating func tick(now: Date, names: [String: String]) -> [ChatEvent] {
        guard let due = nextStaleAt, now >= due else { return [] }
        var expired: [(key: Key, subject: Subject)] = []
        for (chatID, known) in subjects {
            for (handle, subject) in known where subject.isSharing && !subject.isStale && isStale(subject, now: now) {
                expired.append((Key(chatID: chatID, handle: handle), subject))
            }
        }
        var events: [ChatEvent] = []
        for (key, subject) in expired.sorted(by: { ($0.key.chatID, $0.key.handle) < ($1.key.chatID, $1.key.handle) }) {
            subjects[key.chatID]?[key.handle]?.isStale = true
            events.append(
                ChatEvent(
                    time: now, chatID: key.chatID, handle: key.handle, name: names[key.handle], kind: .stale,
                    position: subject.position))
        }
        updateNextStaleAt()
        return events
    }

    /// Whether `subject`'s last fix is at least `staleAfter` old at `now`; false while unknown.
    private func isStale(_ subject: Subject, now: Date) -> Bool {
        guard let fix = subject.lastFixAt else { return false }
        return now.timeIntervalSince(fix) >= staleAfterSeconds
    }

    private var staleAfterSeconds: TimeInterval {
        Double(settings.staleAfter.components.seconds) + Double(settings.staleAfter.components.attoseconds) / 1e18
    }

    private mutating func updateNextStaleAt() {
        nextStaleAt = subjects.values.lazy.flatMap(\.values).filter { $0.isSharing && !$0.isStale }
            .compactMap(\.lastFixAt).min().map { $0.addingTimeInterval(staleAfterSeconds) }
    }
}
