import Foundation
import Geo

/// A participant's path for drawing a trail: positions only, oldest first, light enough to load a day of them
/// in a frame's time.
public struct Trail: Hashable, Sendable {
    /// The participant's handle.
    public var handle: String
    /// The positions, oldest first.
    public var points: [TrailPoint]

    /// Creates a trail.
    public init(handle: String, points: [TrailPoint]) {
        self.handle = handle
        self.points = points
    }

    /// The runs of points to join with lines: a new run starts where sharing started again after a stop, or
    /// where two fixes lie more than `maxGap` apart (issue 12: gaps over an hour are not joined). Runs of one
    /// point are kept (a dot). No points give no runs.
    public func segments(maxGap: Duration = .seconds(3600)) -> [[TrailPoint]] {
        let gap = Double(maxGap.components.seconds)
        var runs: [[TrailPoint]] = []
        for point in points {
            if let previous = runs.last?.last, !point.startsSegment, point.time.timeIntervalSince(previous.time) <= gap
            {
                runs[runs.count - 1].append(point)
            } else {
                runs.append([point])
            }
        }
        return runs
    }
}

/// One position of a trail.
public struct TrailPoint: Hashable, Sendable {
    /// Where, in degrees.
    public var position: LatLon
    /// When the position was true: `updated_at`, else the poll that stored it.
    public var time: Date
    /// True for the first position after the participant stopped sharing.
    public var startsSegment: Bool

    /// Creates a trail point.
    public init(position: LatLon, time: Date, startsSegment: Bool = false) {
        self.position = position
        self.time = time
        self.startsSegment = startsSegment
    }
}
