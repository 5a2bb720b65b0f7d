import ArgumentParser
import MapApp

/// The value of `--forget-after`: a duration such as `90m`, `24h` or `7d` (see `Retention.duration(parsing:)`).
struct ForgetAfterArgument: Sendable {
    /// The parsed duration, positive.
    var duration: Duration

    /// Parses `text`, or throws a validation error that says what is accepted.
    static func parse(_ text: String) throws -> ForgetAfterArgument {
        guard let duration = Retention.duration(parsing: text) else {
            throw ValidationError("expected a positive duration such as 90m, 24h or 7d (at most 10 years).")
        }
        return ForgetAfterArgument(duration: duration)
    }
}
