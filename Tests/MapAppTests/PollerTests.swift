import Foundation
import LinqModel
import MapApp
import Synchronization
import TestSupport
import Testing

/// A fetch that returns the scripted outcomes in turn (the last one repeats) and counts its calls.
private final class ScriptedFetch: Sendable {
    private let state: Mutex<(outcomes: [Result<LocationSnapshot, FetchError>], calls: Int)>

    init(_ outcomes: [Result<LocationSnapshot, FetchError>]) {
        state = Mutex((outcomes, 0))
    }

    var calls: Int { state.withLock { $0.calls } }

    func callAsFunction() throws(FetchError) -> LocationSnapshot {
        let outcome = state.withLock { state in
            state.calls += 1
            return state.outcomes.count > 1 ? state.outcomes.removeFirst() : state.outcomes[0]
        }
        return try outcome.get()
    }
}

/// Runs a poller over `outcomes` on a manual clock and hands the test its posted actions.
private func withPoller(
    _ outcomes: [Result<LocationSnapshot, FetchError>], interval: Duration = .seconds(60),
    _ body: (Poller<ManualClock>, ManualClock, ScriptedFetch, inout AsyncStream<Action>.Iterator) async -> Void
) async {
    let clock = ManualClock()
    let fetch = ScriptedFetch(outcomes)
    let poller = Poller(
        fetch: { () throws(FetchError) in try fetch() }, clock: clock, policy: PollPolicy(interval: interval),
        now: { Fixtures.start })
    let (stream, continuation) = AsyncStream<Action>.makeStream()
    let task = Task { await poller.run(post: { continuation.yield($0) }) }
    var actions = stream.makeAsyncIterator()
    await body(poller, clock, fetch, &actions)
    task.cancel()
    await task.value
}

@Test func pollsAtStartThenEveryInterval() async {
    await withPoller([.success(Fixtures.group)]) { _, clock, fetch, actions in
        #expect(await actions.next() == .pollStarted(now: Fixtures.start))
        #expect(await actions.next() == .pollSucceeded(Fixtures.group, now: Fixtures.start))
        await clock.sleepers(atLeast: 1)
        clock.advance(by: .seconds(59))
        #expect(clock.sleeperCount == 1)
        #expect(fetch.calls == 1)
        clock.advance(by: .seconds(1))
        #expect(await actions.next() == .pollStarted(now: Fixtures.start))
        #expect(await actions.next() == .pollSucceeded(Fixtures.group, now: Fixtures.start))
        #expect(fetch.calls == 2)
    }
}

@Test func failuresBackOffThenSuccessResumesTheInterval() async {
    let outcomes: [Result<LocationSnapshot, FetchError>] = [
        .failure(Fixtures.serverDown), .failure(Fixtures.serverDown), .success(Fixtures.group),
    ]
    await withPoller(outcomes) { _, clock, fetch, actions in
        for (wait, outcome) in [
            (Duration.seconds(120), Action.pollFailed(Fixtures.serverDown, now: Fixtures.start)),
            (.seconds(240), .pollFailed(Fixtures.serverDown, now: Fixtures.start)),
            (.seconds(60), .pollSucceeded(Fixtures.group, now: Fixtures.start)),
        ] {
            #expect(await actions.next() == .pollStarted(now: Fixtures.start))
            #expect(await actions.next() == outcome)
            await clock.sleepers(atLeast: 1)
            clock.advance(by: wait - .seconds(1))
            #expect(clock.sleeperCount == 1, "still waiting one second before the next poll")
            clock.advance(by: .seconds(1))
        }
        #expect(await actions.next() == .pollStarted(now: Fixtures.start))
        #expect(await actions.next() == .pollSucceeded(Fixtures.group, now: Fixtures.start))
        #expect(fetch.calls == 4)
    }
}

@Test func retryAfterLongerThanTheBackOffIsWaited() async {
    await withPoller([.failure(Fixtures.rateLimited(200)), .success(Fixtures.group)]) { _, clock, _, actions in
        _ = await actions.next()
        #expect(await actions.next() == .pollFailed(Fixtures.rateLimited(200), now: Fixtures.start))
        await clock.sleepers(atLeast: 1)
        clock.advance(by: .seconds(199))
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .seconds(1))
        #expect(await actions.next() == .pollStarted(now: Fixtures.start))
    }
}

@Test func refreshNowCutsTheWaitShort() async {
    await withPoller([.success(Fixtures.group)]) { poller, clock, fetch, actions in
        _ = await actions.next()
        _ = await actions.next()
        await clock.sleepers(atLeast: 1)
        poller.refreshNow()
        #expect(await actions.next() == .pollStarted(now: Fixtures.start))
        #expect(await actions.next() == .pollSucceeded(Fixtures.group, now: Fixtures.start))
        #expect(fetch.calls == 2)
        #expect(clock.elapsed == .zero)
    }
}

@Test func refreshDuringAFetchPollsOnceMoreWhenItEnds() async {
    await withPoller([.success(Fixtures.group)]) { poller, clock, fetch, actions in
        #expect(await actions.next() == .pollStarted(now: Fixtures.start))
        poller.refreshNow()
        _ = await actions.next()
        #expect(await actions.next() == .pollStarted(now: Fixtures.start))
        _ = await actions.next()
        #expect(fetch.calls == 2)
        #expect(clock.elapsed == .zero)
    }
}
