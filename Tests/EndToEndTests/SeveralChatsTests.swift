import FakeLinq
import Foundation
import Testing

/// Several chats in one map, in tmux against FakeLinq's chats that share participants (Ana is in all three).
@Suite(.serialized) struct SeveralChatsTests {
    static let configuration = FakeLinqConfiguration.sharedParticipants(apiKey: ViewerRun.key)
    static let chats = [Fixtures.teamChatID, Fixtures.familyChatID, Fixtures.anaChatID]

    @Test(arguments: [(80, 24), (200, 60)])
    func severalIdsWatchEveryChatInOneMapGroupedByChat(width: Int, height: Int) async throws {
        try await withViewer(Self.chats, configuration: Self.configuration, width: width, height: height) { run in
            // Everyone of the three chats, once each on the map: Ana, Ben, Chloe, Kenji, Dayo, Esha.
            let screen = await run.session.waitUntil("three chats loaded and named") {
                statusLine($0).contains("6 sharing") && statusLine($0).hasPrefix("3 chats")
                    && (width < 80 || ($0.contains("Team") && $0.contains("Family")))
            }
            #expect(statusLine(screen).contains("updated"))
            if width >= 80 {
                let lines = screen.split(separator: "\n")
                // The panel's chat headers, in command-line order, and Ana under each with one label.
                let team = try #require(lines.firstIndex { $0.contains("Team") && $0.contains("4 sharing") })
                let family = try #require(lines.firstIndex { $0.contains("Family") && $0.contains("3 sharing") })
                #expect(team < family)
                // Ana is label 1 in every chat she is in: the panel lists her under each header.
                let anaRows = screen.components(separatedBy: "1 \(Fixtures.ana.handle) ").count - 1
                #expect(anaRows >= (height >= 60 ? 3 : 2), "Ana under every chat")
            }
            // One request per chat for its name, one per chat for its locations.
            let server = try #require(run.server)
            #expect(Set(server.requests().filter { $0.path.hasSuffix("/location") }.map(\.path)).count == 3)
            try await run.session.send("q")
            #expect(await run.waitForExit().status == 0)
        }
    }

    @Test func aChatThatIsNotFoundShowsItsErrorAndTheOthersStay() async throws {
        try await withViewer(
            [Fixtures.teamChatID, Fixtures.unknownChatID], configuration: Self.configuration, width: 120, height: 30
        ) { run in
            let screen = await run.session.waitUntil("Team loaded and the unknown chat's error") {
                statusLine($0).contains("4 sharing") && statusLine($0).contains("00000000: error 2001 (retry in")
            }
            #expect(screen.contains(Fixtures.kenji.handle))
            try await run.session.send("q")
            #expect(await run.waitForExit().status == 0)
        }
    }

    @Test func aBadKeyEndsTheViewerAsWithOneChat() async throws {
        try await withViewer(Self.chats, configuration: Self.configuration, key: "wrong-key") { run in
            let (status, screen) = await run.waitForExit()
            #expect(status == 77)
            #expect(screen.contains("error 2004"))
        }
    }
}
