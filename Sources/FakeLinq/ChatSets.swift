import Foundation

extension Fixtures {
    /// The team chat of `sharedParticipantChats`: Ana, Ben, Chloe and Kenji.
    public static let teamChatID = "7e1a5c00-0b1d-4c2e-9f3a-000000000001"
    /// The family chat of `sharedParticipantChats`: Ana, Dayo and Esha.
    public static let familyChatID = "7e1a5c00-0b1d-4c2e-9f3a-000000000002"
    /// The 1:1 chat with Ana of `sharedParticipantChats`.
    public static let anaChatID = "7e1a5c00-0b1d-4c2e-9f3a-000000000003"

    /// Three chats sharing participants: Ana is in all three, so a view of several chats must show her once
    /// per chat with one label.
    public static var sharedParticipantChats: [FakeChat] {
        [
            FakeChat(
                id: teamChatID, displayName: "Team", handles: [ana, ben, chloe, kenji].map(\.handle), isGroup: true,
                scenario: .participants([ana, ben, chloe, kenji]), summary: "group: Ana, Ben, Chloe, Kenji",
                updatedAt: chatEpoch.addingTimeInterval(3 * 3600)),
            FakeChat(
                id: familyChatID, displayName: "Family", handles: [ana, dayo, esha].map(\.handle), isGroup: true,
                scenario: .participants([ana, dayo, esha]), summary: "group: Ana, Dayo, Esha",
                updatedAt: chatEpoch.addingTimeInterval(2 * 3600)),
            FakeChat(
                id: anaChatID, displayName: ana.handle, handles: [ana.handle], isGroup: false,
                scenario: .participants([ana]), summary: "1:1 with Ana, no display name of its own",
                updatedAt: chatEpoch.addingTimeInterval(3600)),
        ]
    }

    /// The id of chat `index` (0-based) of `manyChats`: `00000001-5a5a-4000-8000-000000000001` for index 0.
    public static func manyChatID(_ index: Int) -> String {
        String(format: "%08x-5a5a-4000-8000-%012x", index + 1, index + 1)
    }

    /// `count` chats (250 by default: three pages of 100), 1:1 mostly and every seventh a group of three, their
    /// `updated_at` out of list order so that a picker's newest-first sort shows; nobody shares in them.
    public static func manyChats(count: Int = 250) -> [FakeChat] {
        (0..<count).map { index in
            let isGroup = index % 7 == 6
            let handles =
                isGroup
                ? (0..<3).map { String(format: "+1555020%04d", (index + $0) % 10_000) }
                : [String(format: "+1555010%04d", index % 10_000)]
            return FakeChat(
                id: manyChatID(index), displayName: isGroup ? "Group \(index + 1)" : "Contact \(index + 1)",
                handles: handles, isGroup: isGroup, scenario: .empty, summary: "",
                service: index % 11 == 10 ? "SMS" : "iMessage",
                updatedAt: chatEpoch.addingTimeInterval(Double((index * 37) % max(count, 1)) * 3600))
        }
    }
}

extension FakeLinqConfiguration {
    /// `Fixtures.manyChats(count:)`: with `limit=100`, 250 chats come in three pages.
    public static func manyChats(count: Int = 250, apiKey: String = "test-key") -> FakeLinqConfiguration {
        FakeLinqConfiguration(apiKey: apiKey, chats: Fixtures.manyChats(count: count))
    }

    /// `Fixtures.sharedParticipantChats` after the standard chats.
    public static func sharedParticipants(apiKey: String = "test-key") -> FakeLinqConfiguration {
        FakeLinqConfiguration(apiKey: apiKey, chats: Fixtures.chats + Fixtures.sharedParticipantChats)
    }
}
