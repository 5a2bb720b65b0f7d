import FakeLinq
import Foundation
import Testing

struct FixturesTests {
    static let ids = [
        Fixtures.groupChatID, Fixtures.oneToOneChatID, Fixtures.notSharingChatID, Fixtures.emptyGroupChatID,
        Fixtures.demoChatID, Fixtures.unknownChatID,
    ]

    @Test(arguments: ids)
    func idsAreCanonicalLowerCaseUUIDs(id: String) {
        #expect(UUID(uuidString: id)?.uuidString.lowercased() == id)
    }

    @Test func chatsAreDistinctAndTheUnknownIdIsNotServed() {
        let served = Fixtures.chats.map(\.id)
        #expect(Set(served).count == served.count)
        #expect(!served.contains(Fixtures.unknownChatID))
        #expect(Fixtures.chatID == "975d0776-bd17-4273-8337-f346b4c661b0")
    }

    @Test func worldChatSpansContinents() {
        let world = Fixtures.aroundTheWorld
        #expect(world.count >= 6)
        #expect(world.contains { $0.coordinate.latitude < 0 } && world.contains { $0.coordinate.longitude > 100 })
        #expect(Set(world.map(\.handle)).count == world.count)
    }
}
