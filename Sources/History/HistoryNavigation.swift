import Foundation
import LinqModel

/// Where a step through the recorded polls (`[` `]` `{` `}`) lands, for one or several chats watched in one map:
/// the rule as a function of a store, so the viewer's edge only runs it off the screen thread.
public enum HistoryNavigation {
    /// What a step found.
    public enum Answer: Hashable, Sendable {
        /// The chats as they were at the recorded poll `shownAt`: one snapshot per chat (in the order asked, empty
        /// for a chat with no poll that old), and whether an earlier poll exists.
        case moment(shownAt: Date, snapshots: [LocationSnapshot])
        /// Forward past the last recorded poll: back to live.
        case live
        /// Nothing recorded further back: the view stays as it is.
        case nothingEarlier
    }

    /// The answer to `step` from the poll shown at `shownAt` (nil: live, the latest poll) in `chatIDs`, looked up
    /// in `store` at `now`.
    ///
    /// Several chats step through the union of their polls: the previous poll is the latest of any chat before
    /// the one shown, the next the earliest after it. An hour back before the first poll lands on the first poll;
    /// forward onto the latest poll (or past it) is live.
    public static func answer(
        store: any HistoryStore, chatIDs: [String], step: HistoryModeText.Step, shownAt: Date?, now: Date
    ) throws(HistoryError) -> Answer {
        guard !chatIDs.isEmpty else { return .nothingEarlier }
        let current = try combined(store: store, chatIDs: chatIDs, at: shownAt ?? now)
        guard let polledAt = current.polledAt else {
            return step == .previousPoll || step == .hourBack ? .nothingEarlier : .live
        }
        let isForward = step == .nextPoll || step == .hourForward
        guard let target = HistoryModeText.target(from: current, shownAt: shownAt ?? polledAt, step: step) else {
            return isForward ? .live : .nothingEarlier
        }
        var landed = try combined(store: store, chatIDs: chatIDs, at: target)
        if landed.polledAt == nil, let first = landed.nextPoll {
            landed = try combined(store: store, chatIDs: chatIDs, at: first)
        }
        guard let landedAt = landed.polledAt else { return .nothingEarlier }
        if isForward && landed.nextPoll == nil { return .live }
        if !isForward && shownAt == nil && landedAt >= polledAt { return .nothingEarlier }
        let snapshots = try chatIDs.map { chatID throws(HistoryError) in
            try store.moment(chatID: chatID, at: landedAt).snapshot
        }
        return .moment(shownAt: landedAt, snapshots: snapshots)
    }

    /// The chats' moments at `instant` as one: the latest poll at or before it, the latest poll of any chat before
    /// that, and the earliest after it.
    static func combined(store: any HistoryStore, chatIDs: [String], at instant: Date) throws(HistoryError)
        -> HistoryMoment
    {
        var moments: [HistoryMoment] = []
        for chatID in chatIDs { moments.append(try store.moment(chatID: chatID, at: instant)) }
        let polledAt = moments.compactMap(\.polledAt).max()
        let previous = moments.compactMap { moment -> Date? in
            guard let polledAt, let own = moment.polledAt else { return nil }
            return own < polledAt ? own : moment.previousPoll
        }
        .max()
        let next = moments.compactMap(\.nextPoll).min()
        return HistoryMoment(
            polledAt: polledAt, previousPoll: previous, nextPoll: next, snapshot: LocationSnapshot(participants: []))
    }
}
