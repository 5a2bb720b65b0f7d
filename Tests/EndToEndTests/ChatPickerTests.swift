import FakeLinq
import Foundation
import Testing

/// The chat picker as a user meets it: `linq-map` with no chat id in a tmux pane (a terminal) with a key,
/// against FakeLinq's chats.
@Suite(.serialized) struct ChatPickerTests {
    /// The standard chats and the three that share participants (Team, Family, the 1:1 with Ana).
    static let shared = FakeLinqConfiguration.sharedParticipants(apiKey: ViewerRun.key)

    /// An empty config folder: no settings file, no contacts.
    static func emptyConfig() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-picker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.path
    }

    /// The picker's first line (`Chats  filter: ...`) and its rows, as shown.
    static func isListed(_ screen: String, chats: Int) -> Bool {
        screen.hasPrefix("Chats") && statusLine(screen).hasPrefix("\(chats) chats")
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func pickAChatTypingItsNameThenEnter(width: Int, height: Int) async throws {
        let config = try Self.emptyConfig()
        try await withViewer(
            [], configuration: Self.shared, width: width, height: height, environment: ["XDG_CONFIG_HOME": config]
        ) { run in
            let screen = await run.session.waitUntil("the chat list") { Self.isListed($0, chats: 8) }
            #expect(screen.contains("Team") && screen.contains("Quiet group"))
            #expect(screen.contains("group") && screen.contains("1:1") && screen.contains("iMessage"))
            try await run.session.send("FAMI", literal: true)
            await run.session.waitUntil("the filter") { $0.hasPrefix("Chats  filter: FAMI") }
            #expect(statusLine(await run.session.screen()).hasPrefix("1 of 8 chats"))
            try await run.session.send("Enter")
            let map = await run.session.waitUntil("the Family map") {
                statusLine($0).hasPrefix("Family") && statusLine($0).contains("3 sharing")
            }
            #expect(map.contains("Lagos"), "Dayo's locality")
            try await run.session.send("q")
            #expect(await run.waitForExit().status == 0)
        }
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func markTwoOpenBothThenOAndEscGoBackToTheMap(width: Int, height: Int) async throws {
        let config = try Self.emptyConfig()
        try await withViewer(
            [], configuration: Self.shared, width: width, height: height, environment: ["XDG_CONFIG_HOME": config]
        ) { run in
            let session = run.session
            await session.waitUntil("the chat list") { Self.isListed($0, chats: 8) }
            // Newest first: Team, then Family.
            try await session.send("Home")
            try await session.send("Tab")
            try await session.send("Tab")
            await session.waitUntil("two marked") { $0.split(separator: "\n").first?.hasSuffix("2 marked") == true }
            try await session.send("Enter")
            await session.waitUntil("Team and Family in one map") {
                statusLine($0).hasPrefix("2 chats") && statusLine($0).contains("6 sharing")
            }
            try await session.send("o")
            // The whole picker, its bottom line too: a capture can land while the screen is half redrawn.
            let picker = await session.waitUntil("the picker, the watched chats marked") {
                $0.hasPrefix("Chats") && $0.split(separator: "\n").first?.hasSuffix("2 marked") == true
                    && statusLine($0).contains("Esc back to the map")
            }
            let marked = picker.split(separator: "\n").filter { $0.hasPrefix("●") }
            #expect(marked.count == 2 && marked[0].contains("Team") && marked[1].contains("Family"))
            try await session.send("Escape")
            await session.waitUntil("the map again") { statusLine($0).hasPrefix("2 chats") }
            try await session.send("q")
            #expect(await run.waitForExit().status == 0)
        }
    }

    @Test func escWithAnEmptyFilterLeavesWithZero() async throws {
        let config = try Self.emptyConfig()
        try await withViewer([], configuration: Self.shared, environment: ["XDG_CONFIG_HOME": config]) { run in
            await run.session.waitUntil("the chat list") { Self.isListed($0, chats: 8) }
            try await run.session.send("x", literal: true)
            await run.session.waitUntil("the filter") { $0.hasPrefix("Chats  filter: x") }
            try await run.session.send("Escape")
            await run.session.waitUntil("the filter cleared") { Self.isListed($0, chats: 8) }
            try await run.session.send("Escape")
            #expect(await run.waitForExit().status == 0)
        }
    }

    @Test func aBadKeyOnTheFirstLoadExitsWith77() async throws {
        let config = try Self.emptyConfig()
        try await withViewer(
            [], configuration: Self.shared, key: "wrong-key", environment: ["XDG_CONFIG_HOME": config]
        ) { run in
            let (status, screen) = await run.waitForExit()
            #expect(status == 77)
            #expect(screen.contains("error 2004"))
        }
    }

    @Test func theListLoadsEveryPageSaysSoAndFromFilters() async throws {
        let config = try Self.emptyConfig()
        try await withViewer(
            [], configuration: .manyChats(apiKey: ViewerRun.key), environment: ["XDG_CONFIG_HOME": config]
        ) { run in
            await run.session.waitUntil("250 chats") { Self.isListed($0, chats: 250) }
            let pages = run.server?.requests().filter { $0.path.hasSuffix("/v3/chats") } ?? []
            #expect(pages.count == 3)
            #expect(pages.allSatisfy { $0.query["limit"] == "100" })
        }
    }

    @Test func withoutATerminalNoChatIdIsStillAUsageError() async throws {
        let config = try Self.emptyConfig()
        try await withViewer(
            ["--once"], configuration: Self.shared, environment: ["XDG_CONFIG_HOME": config]
        ) { run in
            let (status, screen) = await run.waitForExit()
            #expect(status == 64)
            #expect(screen.contains("Missing <chat-id>"))
        }
    }
}
