import Foundation
import LinqModel
import Testing

private let now = Date(timeIntervalSince1970: 1_795_860_000)  // Sat, 28 Nov 2026 10:00:00 GMT

private func decide(
    _ outcome: RetryPolicy.Outcome, policy: RetryPolicy = .standard, attempt: Int = 1,
    headers: [String: String] = [:], elapsed: Duration = .zero, seed: UInt64 = 7
) -> RetryDecision {
    var random = SplitMix64(seed: seed)
    return policy.decision(
        attempt: attempt, outcome: outcome, headers: headers, now: now, elapsed: elapsed, random: &random)
}

/// The backoff the policy must produce for `attempt`, computed independently from the same seed.
private func expectedBackoff(attempt: Int, seed: UInt64 = 7) -> Duration {
    var random = SplitMix64(seed: seed)
    let base = min(0.5 * pow(2, Double(attempt - 1)), 8)
    return .seconds(base) * (1 - 0.25 * Double.random(in: 0..<1, using: &random))
}

@Test(arguments: [
    (RetryPolicy.Outcome.status(408), true), (.status(409), true), (.status(429), true), (.status(500), true),
    (.status(502), true), (.status(503), true), (.status(599), true), (.timeout, true), (.connectionError, true),
    (.status(400), false), (.status(401), false), (.status(403), false), (.status(404), false),
    (.status(422), false), (.status(200), false), (.status(302), false),
])
func retryableOutcomes(outcome: RetryPolicy.Outcome, retryable: Bool) {
    #expect(RetryPolicy.isRetryable(outcome, headers: [:]) == retryable)
    if retryable {
        #expect(decide(outcome) == .retry(after: expectedBackoff(attempt: 1)))
    } else {
        #expect(decide(outcome) == .fail(retryAfter: nil))
    }
}

@Test(arguments: [
    (["x-should-retry": "false"], RetryPolicy.Outcome.status(503), false),
    (["X-Should-Retry": "FALSE"], .timeout, false),
    (["x-should-retry": "true"], .status(400), true),
    (["x-should-retry": "maybe"], .status(400), false),
    (["x-should-retry": "maybe"], .status(500), true),
])
func shouldRetryHeaderIsObeyed(headers: [String: String], outcome: RetryPolicy.Outcome, retryable: Bool) {
    #expect(RetryPolicy.isRetryable(outcome, headers: headers) == retryable)
}

@Test(arguments: [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (5, 8.0), (6, 8.0), (60, 8.0)])
func backoffDoublesToTheCapWithJitter(attempt: Int, base: Double) {
    let policy = RetryPolicy(maxRetries: 100)
    for seed in UInt64(0)..<50 {
        var random = SplitMix64(seed: seed)
        let delay = policy.backoff(attempt: attempt, random: &random)
        #expect(delay <= .seconds(base))
        #expect(delay > .seconds(base * 0.75))
        #expect(delay == expectedBackoff(attempt: attempt, seed: seed))
    }
}

@Test func retriesStopAfterMaxRetries() {
    #expect(decide(.status(500), attempt: 1) == .retry(after: expectedBackoff(attempt: 1)))
    #expect(decide(.status(500), attempt: 2) == .retry(after: expectedBackoff(attempt: 2)))
    #expect(decide(.status(500), attempt: 3) == .fail(retryAfter: nil))
    #expect(decide(.status(500), policy: .none) == .fail(retryAfter: nil))
    #expect(RetryPolicy(maxRetries: -3).maxAttempts == 1)
}

@Test(arguments: [
    (["Retry-After": "5"], RetryDecision.retry(after: .seconds(5))),
    (["retry-after": "007"], .retry(after: .seconds(7))),
    (["retry-after-ms": "2.5"], .retry(after: .microseconds(2500))),
    (["retry-after": "99999999999999999999"], .fail(retryAfter: .seconds(1_000_000_000))),
    (["retry-after": "60"], .retry(after: .seconds(60))),
    (["retry-after": "61"], .fail(retryAfter: .seconds(61))),
    (["retry-after": "3600"], .fail(retryAfter: .seconds(3600))),
    (["retry-after-ms": "1500", "retry-after": "30"], .retry(after: .milliseconds(1500))),
    (["retry-after": "Sat, 28 Nov 2026 10:00:30 GMT"], .retry(after: .seconds(30))),
    (["retry-after": "Sat, 28 Nov 2026 10:02:00 GMT"], .fail(retryAfter: .seconds(120))),
])
func retryAfterIsHonouredUpTo60Seconds(headers: [String: String], expected: RetryDecision) {
    #expect(decide(.status(429), headers: headers) == expected)
}

@Test(arguments: [
    "0", "-5", "soon", "", "Sat, 28 Nov 2026 09:00:00 GMT", "nan", "inf", "0x10", "0.001", "1e308", "1e9", "0.5", "+5",
    "5 s", "٥",
])
func uselessRetryAfterFallsBackToBackoff(value: String) {
    #expect(decide(.status(503), headers: ["retry-after": value]) == .retry(after: expectedBackoff(attempt: 1)))
}

@Test(arguments: ["0x10", "1e3", "-1", "nan", "1.", ".5", "1.2.3"])
func retryAfterMillisecondsIsReadStrictlyToo(value: String) {
    #expect(decide(.status(503), headers: ["retry-after-ms": value]) == .retry(after: expectedBackoff(attempt: 1)))
}

@Test func retryAfterOnANonRetryableFailureIsCarried() {
    #expect(decide(.status(400), headers: ["retry-after": "10"]) == .fail(retryAfter: .seconds(10)))
    #expect(decide(.status(429), attempt: 3, headers: ["retry-after": "10"]) == .fail(retryAfter: .seconds(10)))
}

@Test func aRetryThatWouldOverrunTheFetchBudgetIsNotMade() {
    #expect(decide(.status(429), headers: ["retry-after": "50"], elapsed: .seconds(24)) == .retry(after: .seconds(50)))
    #expect(
        decide(.status(429), headers: ["retry-after": "50"], elapsed: .seconds(24.5)) == .fail(retryAfter: .seconds(50))
    )
    #expect(decide(.status(429), headers: ["retry-after": "50"], elapsed: .seconds(23)) == .retry(after: .seconds(50)))
}

@Test func defaultsBoundAWholeFetchBelow75Seconds() {
    // Worst case without Retry-After: three 20 s attempts plus the two longest backoffs.
    let policy = RetryPolicy.standard
    let worst = Duration.seconds(20) * 3 + .seconds(0.5) + .seconds(1)
    #expect(worst < policy.fetchBudget)
    #expect(policy.fetchBudget == .seconds(75))
    #expect(policy.maxRetries == 2)
}

@Test func httpDatesParse() {
    #expect(RetryPolicy.retryAfter(headers: ["Retry-After": "Sat, 28 Nov 2026 10:00:10 GMT"], now: now) == .seconds(10))
    #expect(RetryPolicy.retryAfter(headers: ["Retry-After": "Saturday, 28-Nov-26 10:00:10 GMT"], now: now) == nil)
    #expect(RetryPolicy.retryAfter(headers: [:], now: now) == nil)
}
