import Foundation
import Geo

/// The panel's second line for a participant with history: how they moved lately.
public enum MovementSummary: Hashable, Sendable {
    /// Travelled this far along the track over the recent window: `moved 3.2 km in 10m`.
    case moved(meters: Double, over: Duration)
    /// At one spot for this long, but we never saw them arrive (every recorded fix is at it): `still for 2h`.
    case still(for: Duration)
    /// At one spot since this instant, the first fix there after arriving: `here since 09:14`.
    case hereSince(Date)

    /// Fixes within this distance of the latest one count as the same spot.
    public static let spotRadiusMeters = 50.0
    /// How long someone must stay at a spot before they count as still rather than moving.
    public static let settleTime = Duration.seconds(5 * 60)
    /// The window over which movement is summed.
    public static let movingWindow = Duration.seconds(10 * 60)

    /// The summary for `positions` (a track's positions, oldest first) at `now`; nil with fewer than two
    /// positions (no history to speak of).
    ///
    /// Going back from the latest fix, the spot is the run of fixes within `spotRadiusMeters` of it. When every
    /// fix lies in it, it is `still(for:)` since the first fix; held for `settleTime` or longer (to `now`) after an
    /// earlier fix elsewhere, it is `hereSince` the run's first fix. Otherwise it is `moved`: the path length over the fixes in the
    /// `movingWindow` before the latest one (with the fix just before the window as the start), and the time
    /// that took.
    public static func summary(of positions: [TrackPoint], now: Date) -> MovementSummary? {
        summary(of: positions.map { TrailPoint(position: $0.latLon, time: $0.time) }, now: now)
    }

    /// The summary for a trail's `points` (oldest first) at `now`, by the same rule as for track points: the
    /// viewer keeps its recent positions as trail points.
    public static func summary(of points: [TrailPoint], now: Date) -> MovementSummary? {
        guard points.count >= 2, let latest = points.last else { return nil }
        var spotStart = points.count - 1
        while spotStart > 0,
            GreatCircle.distanceMeters(from: points[spotStart - 1].position, to: latest.position) <= spotRadiusMeters
        {
            spotStart -= 1
        }
        let arrived = points[spotStart].time
        // Every fix at one spot: still, however short the time (never "moved 0 m").
        if spotStart == 0 { return .still(for: .seconds(Int64(max(0, now.timeIntervalSince(arrived))))) }
        if now.timeIntervalSince(arrived) >= seconds(settleTime) { return .hereSince(arrived) }
        let windowStart = latest.time.addingTimeInterval(-seconds(movingWindow))
        var first = points.count - 1
        while first > 0, points[first - 1].time >= windowStart { first -= 1 }
        if first == points.count - 1 { first -= 1 }
        var meters = 0.0
        for index in (first + 1)..<points.count {
            meters += GreatCircle.distanceMeters(from: points[index - 1].position, to: points[index].position)
        }
        let elapsed = max(0, latest.time.timeIntervalSince(points[first].time))
        return .moved(meters: meters, over: .seconds(Int64(elapsed)))
    }

    /// The line: `moved 3.2 km in 10m`, `still for 2h`, `here since 09:14` (the time of day in `timeZone`).
    public func text(units: DistanceUnits = .km, timeZone: TimeZone) -> String {
        switch self {
        case .moved(let meters, let duration):
            "moved \(DistanceText.text(meters: meters, units: units)) in \(Self.durationText(duration))"
        case .still(let duration):
            "still for \(Self.durationText(duration))"
        case .hereSince(let date):
            "here since \(Self.clockText(date, timeZone: timeZone))"
        }
    }

    /// A duration in its largest whole unit, rounded down: `40s`, `10m`, `2h`, `3d`; at least `0s`.
    public static func durationText(_ duration: Duration) -> String {
        let seconds = max(0, duration.components.seconds)
        switch seconds {
        case ..<60: return "\(seconds)s"
        case ..<3600: return "\(seconds / 60)m"
        case ..<(48 * 3600): return "\(seconds / 3600)h"
        default: return "\(seconds / 86_400)d"
        }
    }

    /// `HH:mm` of `date` in `timeZone`, 24-hour.
    public static func clockText(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
