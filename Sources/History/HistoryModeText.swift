import Foundation

/// The status bar's words for history mode (`[` `]`): `history 14:32 (25m ago) · End: live`.
public enum HistoryModeText {
    /// The label for a view of the poll answered at `shownAt`, seen at `now`, times of day in `timeZone`; `ago`
    /// uses `MovementSummary.durationText` (`40s`, `25m`, `2h`, `3d`), and a date is added when `shownAt` is not
    /// on `now`'s day (`history Nov 30 14:32 (1d ago) · End: live`).
    public static func status(shownAt: Date, now: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let clock = MovementSummary.clockText(shownAt, timeZone: timeZone)
        var when = clock
        if !calendar.isDate(shownAt, inSameDayAs: now) {
            let parts = calendar.dateComponents([.month, .day], from: shownAt)
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            let month = months[max(0, min(11, (parts.month ?? 1) - 1))]
            when = "\(month) \(parts.day ?? 1) \(clock)"
        }
        let age = MovementSummary.durationText(.seconds(Int64(max(0, now.timeIntervalSince(shownAt)))))
        return "history \(when) (\(age) ago) · End: live"
    }

    /// The instant `[` or `]` asks the store for (`HistoryStore.moment(chatID:at:)`): one recorded poll back or
    /// forward, or with `{` `}` an hour; nil when there is nothing further that way (forward past the last poll
    /// is live again).
    public static func target(from moment: HistoryMoment, shownAt: Date, step: Step) -> Date? {
        switch step {
        case .previousPoll: moment.previousPoll
        case .nextPoll: moment.nextPoll
        case .hourBack: moment.previousPoll == nil ? nil : shownAt.addingTimeInterval(-3600)
        case .hourForward: moment.nextPoll == nil ? nil : shownAt.addingTimeInterval(3600)
        }
    }

    /// A step through the recorded polls.
    public enum Step: Hashable, Sendable {
        /// `[`: the poll before.
        case previousPoll
        /// `]`: the poll after.
        case nextPoll
        /// `{`: an hour back.
        case hourBack
        /// `}`: an hour forward.
        case hourForward
    }
}
