import Foundation
import History
import LinqModel
import TextUI

extension AppState {
    /// Sets how events are found and announced (places, stale-after, bell, notifications, hooks), for the chats
    /// watched now; with `settings.restoresFromStore` each chat waits for `Action.eventsRestored`.
    public mutating func useEvents(_ settings: EventSettings) {
        events = EventWatch(settings: settings, chatIDs: chats.map(\.id))
    }

    /// The events of a poll of chat `chat` that has just been taken in, announced.
    mutating func eventsAfterPoll(_ snapshot: LocationSnapshot, chat: Int, now: Date) -> [Effect] {
        guard chats.indices.contains(chat) else { return [] }
        let found = events.tracker.poll(
            chatID: chats[chat].id, participants: snapshot.participants, names: names, now: now)
        // After the poll, which has just said that some of them stopped: their `stopped sharing` is not lost.
        forgottenForEvents = events.tracker.forget(forgottenForEvents)
        return announce(found)
    }

    /// The `stale` events due at the clock tick `now`, announced.
    mutating func eventsOnTick(now: Date) -> [Effect] {
        announce(events.tracker.tick(now: now, names: names))
    }

    /// Handles the actions of events: the stored events arriving, and a problem announcing or storing one.
    mutating func applyEventAction(_ action: Action) -> [Effect] {
        switch action {
        case .eventsRestored(let stored, let chatIDs):
            return announce(events.tracker.restore(stored, chatIDs: chatIDs))
        case .eventProblem(let message, let now):
            events.append([.problem(message, at: now)])
            return []
        default:
            return []
        }
    }

    /// Logs `found` and asks the edges to store them, ring, notify and run the hook as the settings say.
    private mutating func announce(_ found: [ChatEvent]) -> [Effect] {
        guard !found.isEmpty else { return [] }
        events.append(found.map(EventLogEntry.event))
        let settings = events.settings
        var effects: [Effect] = [.recordEvents(found)]
        for event in found {
            let isNotified = settings.notifiedKinds.contains(event.kind)
            if settings.ringsBell && isNotified { effects.append(.ringBell) }
            if settings.notifies && isNotified {
                let chat = chats.first { $0.id.lowercased() == event.chatID }
                let title = hasSeveralChats ? "linq-map: \(chat?.title ?? String(event.chatID.prefix(8)))" : "linq-map"
                // A notification shows on the screen too: privacy mode masks it like the log.
                effects.append(.notify(title: shownText(title), body: shownText(event.summary)))
            }
            if settings.runsHooks { effects.append(.runHook(event)) }
        }
        return effects
    }

    /// `e`: shows or hides the event log pane (from its newest entry).
    mutating func toggleEventLog() {
        events.isLogShown.toggle()
        events.logScroll = 0
    }

    /// `P`: the panel lists the places, or the participants again; a hidden panel is shown for the places, and
    /// hidden again after them.
    mutating func togglePlaces() {
        events.isPlacesShown.toggle()
        if events.isPlacesShown {
            events.didShowPanelForPlaces = layout.panel == nil
            if events.didShowPanelForPlaces { isPanelToggled.toggle() }
        } else if events.didShowPanelForPlaces {
            events.didShowPanelForPlaces = false
            if layout.panel != nil { isPanelToggled.toggle() }
        }
    }

    /// PgUp and PgDn scroll the event log while its pane shows; true when `key` did.
    mutating func scrollEventLog(_ key: Key) -> Bool {
        guard events.isLogShown else { return false }
        let page = max(1, EventsPane.rows(height: height) - 1)
        switch key {
        case .pageDown: events.logScroll = min(events.logScroll + page, max(0, events.log.count - 1))
        case .pageUp: events.logScroll = max(0, events.logScroll - page)
        default: return false
        }
        return true
    }
}
