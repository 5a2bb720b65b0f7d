import LinqModel
import Testing

@Test func aResolvedLatchAnswersAtOnceAndKeepsItsFirstValue() async {
    let latch = Latch<Int>()
    #expect(latch.value == nil)
    #expect(latch.resolve(1))
    #expect(!latch.resolve(2))
    #expect(await latch.wait() == 1)
    #expect(latch.value == 1)
}

@Test func resolvingWakesEveryWaiter() async {
    let latch = Latch<String>()
    async let first = latch.wait()
    async let second = latch.wait()
    // The waiters may or may not be parked yet; either way each gets the value.
    latch.resolve("go")
    #expect(await [first, second] == ["go", "go"])
}

@Test func aCancelledWaitReturnsNil() async {
    let latch = Latch<Int>()
    let waiter = Task { await latch.wait() }
    waiter.cancel()
    #expect(await waiter.value == nil)
    #expect(latch.resolve(3), "a cancelled wait does not resolve the latch")
}
