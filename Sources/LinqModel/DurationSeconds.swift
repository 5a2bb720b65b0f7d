import Foundation

extension Duration {
    /// The duration in seconds, fractions included (attosecond precision rounded to a `Double`); negative
    /// for a negative duration. The one conversion from `Duration` to `TimeInterval` in the code.
    public var seconds: TimeInterval {
        let (whole, attoseconds) = components
        return TimeInterval(whole) + TimeInterval(attoseconds) / 1e18
    }

    /// The duration in milliseconds, fractions included.
    public var milliseconds: Double { seconds * 1000 }
}
