import Foundation
import Testing

@testable import CursesScreen

@Suite struct InboxTests {
    @Test func drainReturnsMessagesInOrderAndEmpties() throws {
        let inbox = try Inbox<Int>()
        inbox.post(1)
        inbox.post(2)
        #expect(inbox.drain() == [1, 2])
        #expect(inbox.drain() == [])
    }

    @Test func postFromAnotherThreadWakesPoll() async throws {
        let inbox = try Inbox<String>()
        let poster = Thread { inbox.post("result") }
        poster.start()
        var fd = pollfd(fd: inbox.readFD, events: Int16(POLLIN), revents: 0)
        // Blocks until the post arrives; no timeout is needed for correctness, 60 s only bounds a broken run.
        let ready = poll(&fd, 1, 60_000)
        #expect(ready == 1)
        #expect(inbox.drain() == ["result"])
    }

    @Test func drainEmptiesThePipeSoPollBlocksAgain() throws {
        let inbox = try Inbox<Int>()
        for value in 0..<1000 { inbox.post(value) }
        #expect(inbox.drain().count == 1000)
        var fd = pollfd(fd: inbox.readFD, events: Int16(POLLIN), revents: 0)
        #expect(poll(&fd, 1, 0) == 0)
    }

    @Test func manyPostsNeverBlockWhenThePipeIsFull() throws {
        let inbox = try Inbox<Int>()
        // A pipe holds 64 KiB; posting more than that must not block the poster.
        for value in 0..<100_000 { inbox.post(value) }
        #expect(inbox.drain().count == 100_000)
    }
}
