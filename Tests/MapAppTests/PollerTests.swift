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

/// Runs a poller over `outcomes` on a manual clock whose wall time is `Fixtures.start` plus the time elapsed.
private func withPoller(
    _ outcomes: [Result<LocationSnapshot, FetchError>],
    _ body: (Poller<ManualClock>, ManualClock, ScriptedFetch, inout AsyncStream<Action>.Iterator) async -> Void
) async {
    let clock = ManualClock()
    let fetch = ScriptedFetch(outcomes)
    let poller = Poller(
        fetch: { () throws(FetchError) in try fetch() }, clock: clock,
        now: { Fixtures.start.addingTimeInterval(clock.elapsed.seconds) })
    let (stream, continuation) = AsyncStream<Action>.makeStream()
    let task = Task { await poller.run(post: { continuation.yield($0) }) }
    var actions = stream.makeAsyncIterator()
    await body(poller, clock, fetch, &actions)
    task.cancel()
    await task.value
}

@Test func fetchesNothingUntilScheduledThenAtOnce() async {
    await withPoller([.success(Fixtures.group)]) { poller, clock, fetch, actions in
        #expect(fetch.calls == 0)
        poller.schedule(at: Fixtures.start)
        #expect(await actions.next() == .pollStarted(now: Fixtures.start))
        #expect(await actions.next() == .pollSucceeded(Fixtures.group, now: Fixtures.start))
        #expect(fetch.calls == 1)
        #expect(clock.elapsed == .zero)
    }
}

@Test func waitsUntilTheScheduledInstant() async {
    await withPoller([.success(Fixtures.group)]) { poller, clock, fetch, actions in
        poller.schedule(at: Fixtures.at(60))
        await clock.sleepers(atLeast: 1)
        clock.advance(by: .seconds(59))
        #expect(clock.sleeperCount == 1)
        #expect(fetch.calls == 0)
        clock.advance(by: .seconds(1))
        #expect(await actions.next() == .pollStarted(now: Fixtures.at(60)))
        #expect(await actions.next() == .pollSucceeded(Fixtures.group, now: Fixtures.at(60)))
    }
}

@Test func aNewScheduleReplacesTheWait() async {
    await withPoller([.success(Fixtures.group)]) { poller, clock, fetch, actions in
        poller.schedule(at: Fixtures.at(60))
        await clock.sleepers(atLeast: 1)
        poller.schedule(at: Fixtures.start)
        #expect(await actions.next() == .pollStarted(now: Fixtures.start))
        _ = await actions.next()
        #expect(fetch.calls == 1)
        #expect(clock.elapsed == .zero)
    }
}

@Test func aScheduleDuringAFetchAppliesAfterIt() async {
    await withPoller([.success(Fixtures.group)]) { poller, clock, fetch, actions in
        poller.schedule(at: Fixtures.start)
        #expect(await actions.next() == .pollStarted(now: Fixtures.start))
        poller.schedule(at: Fixtures.start)
        _ = await actions.next()
        #expect(await actions.next() == .pollStarted(now: Fixtures.start))
        _ = await actions.next()
        #expect(fetch.calls == 2)
        #expect(clock.elapsed == .zero)
    }
}

/// The reducer and the poller wired as the viewer wires them: effects go to the poller, actions to the state.
private struct Loop {
    var state = AppState(chatID: Fixtures.chatID, width: 120, height: 40)
    let poller: Poller<ManualClock>
    let clock: ManualClock

    var now: Date { Fixtures.start.addingTimeInterval(clock.elapsed.seconds) }

    mutating func apply(_ action: Action) {
        for case .schedulePoll(let due, _) in state.apply(action) { poller.schedule(at: due) }
    }

    /// The countdown the status bar shows now.
    var countdown: String? {
        StatusBar(state: state, now: now, isInteractive: true).items.map(\.text).first { $0.hasPrefix("next in ") }
    }
}

@Test func theCountdownOnScreenIsTheWaitThePollerSleeps() async {
    let outcomes: [Result<LocationSnapshot, FetchError>] = [
        .success(Fixtures.group), .failure(Fixtures.serverDown), .failure(Fixtures.rateLimited(280)),
        .success(Fixtures.group), .success(Fixtures.group),
    ]
    await withPoller(outcomes) { poller, clock, fetch, actions in
        var loop = Loop(poller: poller, clock: clock)
        // Applies one poll's two actions, then advances the clock to one second before the due instant
        // (nothing may start) and to it (the next poll starts); checks the countdown shown after the outcome
        // against the time waited, and returns that time.
        func pollThenWait(expecting outcome: Action, countdown: String) async -> Duration {
            loop.apply(await actions.next() ?? .tick(now: loop.now))
            let result = await actions.next()
            #expect(result == outcome)
            loop.apply(result ?? .tick(now: loop.now))
            #expect(loop.countdown == countdown)
            let shown = loop.countdown
            let due = loop.state.poll.nextPollAt ?? loop.now
            let start = clock.elapsed
            let calls = fetch.calls
            await clock.sleepers(atLeast: 1)
            clock.advance(by: .seconds(due.timeIntervalSince(loop.now)) - .seconds(1))
            #expect(fetch.calls == calls, "nothing starts a second before the countdown ends")
            clock.advance(by: .seconds(1))
            let waited = clock.elapsed - start
            #expect(shown == "next in \(StatusBar.countdownText(waited.seconds))")
            return waited
        }

        loop.apply(.started(now: loop.now))
        let afterSuccess = await pollThenWait(
            expecting: .pollSucceeded(Fixtures.group, now: Fixtures.start), countdown: "next in 1m 00s")
        #expect(afterSuccess == .seconds(60))
        let afterFailure = await pollThenWait(
            expecting: .pollFailed(Fixtures.serverDown, now: Fixtures.at(60)), countdown: "next in 2m 00s")
        #expect(afterFailure == .seconds(120), "one failure doubles the interval")

        // Two failures would back off 4 minutes; the server's Retry-After of 280 s is longer and wins (it is under the 5-minute cap), and `r`
        // inside that window is refused without moving the schedule.
        loop.apply(await actions.next() ?? .tick(now: loop.now))
        let limited = await actions.next()
        #expect(limited == .pollFailed(Fixtures.rateLimited(280), now: Fixtures.at(180)))
        loop.apply(limited ?? .tick(now: loop.now))
        #expect(loop.countdown == "next in 4m 40s")
        await clock.sleepers(atLeast: 1)
        clock.advance(by: .seconds(10))
        loop.apply(.key(.character("r"), now: loop.now))
        #expect(loop.state.notice == .refreshAllowed(at: Fixtures.at(460)))
        #expect(loop.state.poll.nextPollAt == Fixtures.at(460))
        clock.advance(by: .seconds(269))
        #expect(fetch.calls == 3, "the Retry-After window is sat out")
        clock.advance(by: .seconds(1))
        #expect(loop.now == Fixtures.at(460))

        let afterRecovery = await pollThenWait(
            expecting: .pollSucceeded(Fixtures.group, now: Fixtures.at(460)), countdown: "next in 1m 00s")
        #expect(afterRecovery == .seconds(60), "a success resumes the interval")

        // `r` outside any window: the next poll is due now, and starts without the clock moving.
        loop.apply(await actions.next() ?? .tick(now: loop.now))
        loop.apply(await actions.next() ?? .tick(now: loop.now))
        await clock.sleepers(atLeast: 1)
        let pressedAt = clock.elapsed
        loop.apply(.key(.character("r"), now: loop.now))
        #expect(loop.state.poll.nextPollAt == loop.now)
        #expect(await actions.next() == .pollStarted(now: loop.now))
        #expect(clock.elapsed == pressedAt)
    }
}

@Test func aPollerOfAnotherChatStampsItsIndexOnEveryAction() async {
    let clock = ManualClock()
    let fetch = ScriptedFetch([.success(Fixtures.group), .failure(Fixtures.serverDown)])
    let poller = Poller(
        fetch: { () throws(FetchError) in try fetch() }, clock: clock, now: { Fixtures.start }, chat: 2)
    let (stream, continuation) = AsyncStream<Action>.makeStream()
    let task = Task { await poller.run(post: { continuation.yield($0) }) }
    var actions = stream.makeAsyncIterator()
    poller.schedule(at: Fixtures.start)
    #expect(await actions.next() == .pollStarted(now: Fixtures.start, chat: 2))
    #expect(await actions.next() == .pollSucceeded(Fixtures.group, now: Fixtures.start, chat: 2))
    poller.schedule(at: Fixtures.start)
    #expect(await actions.next() == .pollStarted(now: Fixtures.start, chat: 2))
    #expect(await actions.next() == .pollFailed(Fixtures.serverDown, now: Fixtures.start, chat: 2))
    task.cancel()
    await task.value
}
