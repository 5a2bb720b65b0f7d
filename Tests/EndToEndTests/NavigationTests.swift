import FakeLinq
import Foundation
import Testing

/// Navigation in the built viewer, in tmux against FakeLinq: panning as a translation, follow, jump.
@Suite(.serialized) struct NavigationTests {
    static let group = Fixtures.groupChatID

    /// The screen without its last (status) row, whose ages and countdown tick.
    static func map(_ screen: String) -> String {
        var lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        if !lines.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    @Test func panningDownThenUpGivesBackTheSameMap() async throws {
        try await withViewer([Self.group]) { run in
            let session = run.session
            let loaded = await session.waitUntil("the loaded group chat") { ViewerTests.isLoaded($0) }
            let fitted = try #require(zoomLevel(in: loaded))
            try await session.send("+")
            try await session.send("+")
            let zoomed = await session.waitUntil("zoom \(fitted + 2)") { zoomLevel(in: $0) == fitted + 2 }
            let before = Self.map(zoomed)
            try await session.send("j")
            await session.waitUntil("the view moved south") { Self.map($0) != before }
            try await session.send("k")
            await session.waitUntil("the same map after j k") { Self.map($0) == before }
        }
    }

    @Test func cFollowsTheSelectedParticipantUntilAPan() async throws {
        try await withViewer([Self.group]) { run in
            let session = run.session
            await session.waitUntil("the loaded group chat") { ViewerTests.isLoaded($0) }
            try await session.send("2")
            try await session.send("c")
            let handle = Fixtures.ben.handle
            await session.waitUntil("following Ben") { statusLine($0).contains("following \(handle)") }
            try await session.send("l")
            await session.waitUntil("following ended by a pan") { !statusLine($0).contains("following") }
            try await session.send("c")
            await session.waitUntil("following again") { statusLine($0).contains("following \(handle)") }
            try await session.send("c")
            await session.waitUntil("following ended by c") { !statusLine($0).contains("following") }
        }
    }
}
