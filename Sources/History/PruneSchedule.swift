import Foundation

/// When the history database is pruned (`--keep DAYS`): at most once a day, so a program started every minute (a
/// cron job, a tmux status line running `--once`) does not scan the whole file at every start.
public enum PruneSchedule {
    /// The least time between two prunings: a day.
    public static let interval: Duration = .seconds(86_400)

    /// Whether pruning is due at `now`, given when it last ran (nil: never). A last run in the future (the clock was
    /// set back) counts as due, so a wrong clock can delay pruning by a day at most.
    public static func isDue(lastPrunedAt: Date?, now: Date) -> Bool {
        guard let lastPrunedAt else { return true }
        let elapsed = now.timeIntervalSince(lastPrunedAt)
        return elapsed < 0 || elapsed >= Double(interval.components.seconds)
    }
}
