import Foundation

/// How old a position is, as a colour class for the side panel.
public enum AgeClass: Hashable, Sendable {
    /// Under 2 minutes old (times up to `Staleness.futureTolerance` in the future count as fresh).
    case fresh
    /// From 2 minutes to under 15 minutes old.
    case recent
    /// 15 minutes old or more.
    case old
    /// No usable time, or one further in the future than clock skew explains ("clock ahead").
    case unknown
}

/// The age of a reported position relative to `now`, as short text ("just now", "42s ago", "5m ago",
/// "3h ago", "2d ago", "clock ahead", "unknown"), an age class, and whether the time lies further in the
/// future than clock skew explains.
public struct Staleness: Hashable, Sendable {
    /// How far in the future a time may lie (clock skew) before it counts as a warning.
    public static let futureTolerance: TimeInterval = 60

    /// The text for the panel: "just now", "42s ago", "5m ago", "3h ago", "2d ago", "clock ahead" or "unknown".
    public var text: String
    /// The text for a time further in the future than `futureTolerance`: the sender's clock (or ours) is wrong,
    /// so the position's age is not known.
    public static let clockAheadText = "clock ahead"
    /// The colour class of the age.
    public var ageClass: AgeClass
    /// True when the time is more than `futureTolerance` ahead of `now`; the text then says "clock ahead" and
    /// the class is `.unknown`.
    public var isTooFarInFuture: Bool

    /// Describes `updatedAt` as seen at `now`; nil gives "unknown".
    public init(updatedAt: Date?, now: Date) {
        guard let updatedAt else {
            self.init(text: "unknown", ageClass: .unknown, isTooFarInFuture: false)
            return
        }
        let age = now.timeIntervalSince(updatedAt)
        if age < -Staleness.futureTolerance {
            self.init(text: Staleness.clockAheadText, ageClass: .unknown, isTooFarInFuture: true)
            return
        }
        self.init(
            text: Staleness.text(forAge: age),
            ageClass: Staleness.ageClass(forAge: age),
            isTooFarInFuture: age < -Staleness.futureTolerance
        )
    }

    /// Creates a staleness value from its parts.
    public init(text: String, ageClass: AgeClass, isTooFarInFuture: Bool) {
        self.text = text
        self.ageClass = ageClass
        self.isTooFarInFuture = isTooFarInFuture
    }

    /// The text for an age in seconds, rounded down: under 10 s (and any negative age) "just now",
    /// then seconds, minutes, hours under 48 hours, then days.
    public static func text(forAge age: TimeInterval) -> String {
        guard age.isFinite, age >= 10 else { return "just now" }
        let seconds = Int(min(age, 1e15))  // finite here; the cap only keeps the conversion in range
        switch seconds {
        case ..<60: return "\(seconds)s ago"
        case ..<3600: return "\(seconds / 60)m ago"
        case ..<(48 * 3600): return "\(seconds / 3600)h ago"
        default: return "\(seconds / 86400)d ago"
        }
    }

    /// The age class for an age in seconds: fresh under 2 minutes (and in the future), recent under
    /// 15 minutes, old after that.
    public static func ageClass(forAge age: TimeInterval) -> AgeClass {
        guard !age.isNaN else { return .unknown }
        if age < 120 { return .fresh }
        if age < 900 { return .recent }
        return .old
    }
}

extension LocationSnapshot {
    /// Every warning about this snapshot as seen at `now`: the decoder's, then one per participant whose
    /// `updated_at` lies more than `Staleness.futureTolerance` ahead of `now` ("clock ahead"). The viewer's
    /// count and `--once`'s printed lines both come from here, so they agree.
    public func warnings(at now: Date) -> [String] {
        var all = warnings
        for participant in participants {
            guard let updatedAt = participant.updatedAt,
                Staleness(updatedAt: updatedAt, now: now).isTooFarInFuture
            else { continue }
            let ahead = Staleness.text(forAge: updatedAt.timeIntervalSince(now)).replacingOccurrences(
                of: " ago", with: "")
            all.append("\(participant.handle): updated_at is \(ahead) in the future")
        }
        return all
    }
}
