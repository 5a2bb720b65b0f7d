import FakeLinq
import Foundation
import Testing

struct FakeLinqConfigurationTests {
    @Test func defaultsServeTheFixtures() {
        let configuration = FakeLinqConfiguration()
        #expect(configuration.apiKey == "test-key")
        #expect(configuration.basePath == "/api/partner")
        #expect(configuration.chats.map(\.id) == Fixtures.chats.map(\.id))
    }

    @Test func scenarioChangesOnlyTheGroupChat() {
        let configuration = FakeLinqConfiguration.scenario(.serverError)
        for chat in configuration.chats {
            if case .apiError(500, 3006, _) = chat.scenario {
                #expect(chat.id == Fixtures.chatID)
            } else {
                #expect(chat.id != Fixtures.chatID)
            }
        }
    }

    @Test func everyChatChangesAll() {
        let configuration = FakeLinqConfiguration.everyChat(.notFound)
        #expect(
            configuration.chats.allSatisfy { if case .apiError(404, 2001, _) = $0.scenario { true } else { false } })
    }

    @Test func statusBuildsAnAPIError() {
        let configuration = FakeLinqConfiguration.status(403, code: 2005)
        let chat = configuration.chats.first { $0.id == Fixtures.chatID }
        guard case .apiError(403, 2005, _) = chat?.scenario else {
            Issue.record("expected 403/2005")
            return
        }
    }
}
