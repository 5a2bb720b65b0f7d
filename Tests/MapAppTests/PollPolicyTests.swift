import MapApp
import Testing

@Test(
    arguments: [
        (60, 0, nil, 60),
        (60, 1, nil, 120),
        (60, 2, nil, 240),
        (60, 3, nil, 300),
        (60, 50, nil, 300),
        (5, 1, nil, 10),
        (5, 6, nil, 300),
        (600, 1, nil, 600),
        (60, 1, 200, 200),
        (60, 1, 30, 120),
        (60, 0, 90, 90),
        (60, 5, 900, 300),
        (60, 1, 1_000_000_000, 300),
    ] as [(Int, Int, Int?, Int)]
)
func backoffSchedule(interval: Int, failures: Int, retryAfter: Int?, expected: Int) {
    let policy = PollPolicy(interval: .seconds(interval))
    #expect(policy.delay(afterFailures: failures, retryAfter: retryAfter.map { .seconds($0) }) == .seconds(expected))
}

@Test func intervalBelowFiveSecondsIsRaised() {
    #expect(PollPolicy(interval: .seconds(1)).interval == .seconds(5))
    #expect(PollPolicy().interval == .seconds(60))
}
