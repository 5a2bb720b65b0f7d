import Foundation
import LinqModel

/// What recording one poll writes, decided from the chat's last stored row per handle: the rule of issue 12 as a
/// pure function, so every store applies it the same way.
public struct RecordPlan: Hashable, Sendable {
    /// New rows: fixes, fixes after a stop (`.started`), and stops.
    public var inserts: [TrackPoint]
    /// Handles whose last stored fix is unchanged: only its `seenAt` moves to the poll's time.
    public var touched: [String]

    /// Creates a plan.
    public init(inserts: [TrackPoint], touched: [String]) {
        self.inserts = inserts
        self.touched = touched
    }

    /// The plan for `poll` given `last`, the chat's latest stored row per handle.
    ///
    /// A participant gets a new fix when nothing is stored for them, when they had stopped (then `.started`),
    /// or when the position (to 1e-7 degrees, about a centimetre), the altitude or `updated_at` changed; otherwise
    /// only the stored fix is touched. A handle whose last row is a position and who is missing from the poll
    /// gets a `.stopped` row at their last position. A handle listed twice in the poll counts once (the first).
    public static func plan(for poll: PollRecord, last: [String: TrackPoint]) -> RecordPlan {
        var inserts: [TrackPoint] = []
        var touched: [String] = []
        var present = Set<String>()
        for participant in poll.participants where present.insert(participant.handle).inserted {
            let fix = TrackPoint(
                handle: participant.handle, coordinate: participant.coordinate, locality: participant.locality,
                address: participant.address, updatedAt: participant.updatedAt, recordedAt: poll.polledAt)
            guard let previous = last[participant.handle] else {
                inserts.append(fix)
                continue
            }
            if previous.kind == .stopped {
                var restarted = fix
                restarted.kind = .started
                inserts.append(restarted)
            } else if isSameFix(previous, fix) {
                touched.append(participant.handle)
            } else {
                inserts.append(fix)
            }
        }
        // Sorted for a stable order, after the filter: a poll of 10,000 sorted them all for the few who left.
        let gone = last.filter { $0.value.isPosition && !present.contains($0.key) }.sorted { $0.key < $1.key }
        for (handle, previous) in gone {
            inserts.append(
                TrackPoint(
                    kind: .stopped, handle: handle, coordinate: previous.coordinate, locality: previous.locality,
                    address: previous.address, updatedAt: previous.updatedAt, recordedAt: poll.polledAt))
        }
        return RecordPlan(inserts: inserts, touched: touched)
    }

    /// Whether two fixes report the same thing: position within 1e-7 degrees, same altitude to a centimetre,
    /// same `updated_at` to the millisecond.
    public static func isSameFix(_ a: TrackPoint, _ b: TrackPoint) -> Bool {
        let tolerance = 1e-7
        guard abs(a.coordinate.latitude - b.coordinate.latitude) < tolerance,
            abs(a.coordinate.longitude - b.coordinate.longitude) < tolerance
        else { return false }
        switch (a.coordinate.altitude, b.coordinate.altitude) {
        case (nil, nil): break
        case (let x?, let y?) where abs(x - y) < 0.01: break
        default: return false
        }
        switch (a.updatedAt, b.updatedAt) {
        case (nil, nil): return true
        case (let x?, let y?): return abs(x.timeIntervalSince(y)) < 0.001
        default: return false
        }
    }
}
