import FakeLinq
import Foundation
import LinqModel
import Testing

struct DemoChatTests {
    @Test func atLeastSixPeopleOnSeveralContinents() {
        let participants = DemoChat.participants
        #expect(participants.count >= 6)
        #expect(Set(participants.map(\.handle)).count == participants.count)
        // Americas, Europe, Africa, Asia, Oceania by longitude and latitude bands.
        let west = participants.filter { $0.coordinate.longitude < -30 }
        let southern = participants.filter { $0.coordinate.latitude < 0 }
        let east = participants.filter { $0.coordinate.longitude > 60 }
        #expect(west.count >= 2 && southern.count >= 2 && east.count >= 2)
    }

    @Test func someMoveEveryPollAndOthersStay() {
        let moving = DemoChat.participants.filter { $0.coordinate(atPoll: 0) != $0.coordinate(atPoll: 1) }
        #expect(moving.count >= 2)
        #expect(moving.contains(DemoChat.courier))
        #expect(DemoChat.london.coordinate(atPoll: 0) == DemoChat.london.coordinate(atPoll: 7))
    }

    @Test func movingPeopleStayInTheirCity() {
        for poll in 0..<60 {
            let courier = DemoChat.courier.coordinate(atPoll: poll)
            #expect(abs(courier.latitude - 37.78) < 0.05 && abs(courier.longitude + 122.41) < 0.05)
            let runner = DemoChat.runner.coordinate(atPoll: poll)
            #expect(abs(runner.latitude - 40.78) < 0.01 && abs(runner.longitude + 73.96) < 0.01)
        }
    }

    @Test func coversTheViewerCases() {
        let participants = DemoChat.participants
        #expect(participants.contains { $0.updatedAt == .omitted || $0.updatedAt == .null })
        #expect(participants.contains { $0.coordinate(atPoll: 3).altitude != nil })
        #expect(participants.contains { $0.handle.contains("@") })
        #expect(participants.contains { $0.locality == "São Paulo" })
        #expect(participants.contains { $0.locality == "Zürich" })
        #expect(participants.contains { $0.locality == "東京" })
        let pausing = participants.filter { $0.pause != nil }
        #expect(pausing.count == 1)
        #expect((0..<6).contains { !DemoChat.mumbai.isSharing(atPoll: $0) })
        #expect(DemoChat.mumbai.isSharing(atPoll: 6))
    }

    @Test func agesRangeFromSecondsToDays() {
        let ages = DemoChat.participants.compactMap { participant -> Duration? in
            if case .ago(let age) = participant.updatedAt { return age }
            return nil
        }
        #expect(ages.contains { $0 < .seconds(10) })
        #expect(ages.contains { $0 > .seconds(2 * 86400) })
    }

    @Test func demoConfigurationServesTheDemoChat() {
        let configuration = DemoChat.configuration()
        #expect(configuration.chats.contains { $0.id == Fixtures.demoChatID })
        #expect(configuration.apiKey == "demo-key")
    }
}
