import FakeLinq
import Foundation
import Testing

/// `R`, `X` and privacy mode in the viewer, in tmux against FakeLinq, as a user presses them.
@Suite(.serialized) struct ActingTests {
    @Test func askingBenToShareThenStoppingHisShare() async throws {
        try await withViewer([Fixtures.notSharingChatID, "--interval", "5"], width: 140) { run in
            await run.session.waitUntil("Ben's chat, nobody sharing") {
                statusLine($0).hasPrefix("Ben") && statusLine($0).contains("0 sharing")
            }
            try await run.session.send("R")
            await run.session.waitUntil("the question") {
                statusLine($0).contains("Ask Ben (+12125550102) to share their location? y/n")
            }
            try await run.session.send("y")
            await run.session.waitUntil("the answer") { statusLine($0).contains("request sent") }
            // He accepts on his phone: FakeLinq lists him from the second poll after the request.
            await run.session.waitUntil("Ben shares", timeout: .seconds(40)) {
                statusLine($0).contains("1 sharing") && $0.contains("+12125550102")
            }
            try await run.session.send("R", "y")
            await run.session.waitUntil("asking again") { statusLine($0).contains("already sharing") }

            try await run.session.send("X")
            await run.session.waitUntil("the stop question") {
                statusLine($0).contains("Stop Ben's location share with you? It ends in every chat with them. y/n")
            }
            try await run.session.send("n")
            await run.session.waitUntil("cancelled") { !statusLine($0).contains("y/n") }
            try await run.session.send("X", "y")
            await run.session.waitUntil("stopped") { statusLine($0).contains("stop requested") }
            await run.session.waitUntil("gone from the next poll", timeout: .seconds(30)) {
                statusLine($0).contains("0 sharing")
            }
            try await run.session.send("X", "y")
            await run.session.waitUntil("not sharing any more") { statusLine($0).contains("not sharing") }
            let requests = run.server?.requests().filter { $0.method != "GET" }.map(\.method)
            #expect(requests == ["POST", "POST", "DELETE", "DELETE"])
        }
    }

    @Test func aGroupChatExplainsWithoutARequestAndCtrlRRedacts() async throws {
        try await withViewer([Fixtures.groupChatID], width: 160) { run in
            await run.session.waitUntil("the group") {
                $0.contains("+14155550101") && statusLine($0).contains("8 sharing")
            }
            try await run.session.send("R")
            await run.session.waitUntil("explained at once") {
                statusLine($0).contains("location requests only work in 1:1 chats")
            }
            #expect(run.server?.requests().contains { $0.method == "POST" } == false)
            try await run.session.send("C-r")
            let screen = await run.session.waitUntil("privacy mode") {
                statusLine($0).contains("redacted") && $0.contains("+1•••••0101")
            }
            #expect(!screen.contains("+14155550101"))
            #expect(!screen.contains("1 Market St"))
            #expect(screen.contains("San Francisco"))
            try await run.session.send("C-r")
            await run.session.waitUntil("privacy mode off") {
                !statusLine($0).contains("redacted") && $0.contains("+14155550101")
            }
        }
    }
}
