import FakeLinq
import Foundation
import LinqModel
import Testing

struct DemoChatTests {
    static let start = Date(timeIntervalSince1970: 1_796_000_000)

    /// Metres between two nearby coordinates (flat earth about their mean latitude).
    static func meters(_ a: Coordinate, _ b: Coordinate) -> Double {
        let x = (b.longitude - a.longitude) * 111_320 * cos((a.latitude + b.latitude) / 2 * .pi / 180)
        let y = (b.latitude - a.latitude) * 110_574
        return (x * x + y * y).squareRoot()
    }

    /// The fixes a viewer polling every `interval` seconds for `duration` seconds sees: (fix time, position).
    static func fixes(_ participant: FakeParticipant, interval: Double = 5, duration: Double = 3600) -> [(
        Date, Coordinate
    )] {
        var result: [(Date, Coordinate)] = []
        for step in 0...Int(duration / interval) {
            let now = start.addingTimeInterval(Double(step) * interval)
            let fix = participant.lastFix(before: now)
            if result.last?.0 != fix { result.append((fix, participant.coordinate(atPoll: step, now: now))) }
        }
        return result
    }

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

    static let movers: [(FakeParticipant, Double)] = [
        (DemoChat.courier, 50), (DemoChat.runner, 10), (DemoChat.saoPaulo, 15), (DemoChat.zurich, 4),
        (DemoChat.helsinki, 5),
    ]

    @Test(arguments: movers)
    func peopleMoveAtHumanSpeeds(participant: FakeParticipant, kilometresPerHour: Double) {
        let fixes = Self.fixes(participant)
        var meters = 0.0
        for (previous, next) in zip(fixes, fixes.dropFirst()) {
            let leg = Self.meters(previous.1, next.1)
            let hours = next.0.timeIntervalSince(previous.0) / 3600
            #expect(leg / 1000 / hours <= kilometresPerHour * 1.02, "\(participant.handle) too fast")
            meters += leg
        }
        let hours = (fixes.last?.0.timeIntervalSince(fixes[0].0) ?? 0) / 3600
        // Straight lines between fixes cut corners: the mean is a little under the speed, never far.
        #expect(meters / 1000 / hours > kilometresPerHour * 0.8, "\(participant.handle) too slow")
    }

    @Test func somethingMovesWithinAMinuteOfAnyStart() {
        for offset in stride(from: 0.0, to: 3600, by: 97) {
            let now = Self.start.addingTimeInterval(offset)
            let later = now.addingTimeInterval(60)
            let moved = DemoChat.participants.filter {
                $0.coordinate(atPoll: 0, now: now) != $0.coordinate(atPoll: 12, now: later)
            }
            #expect(moved.count >= 2)
            #expect(moved.contains(DemoChat.courier))
        }
        #expect(
            DemoChat.london.coordinate(atPoll: 0, now: Self.start)
                == DemoChat.london.coordinate(atPoll: 7, now: Self.start.addingTimeInterval(3600)))
    }

    @Test func agesGrowBetweenFixesAndDropAtEach() throws {
        var ages: [Double] = []
        for second in 0..<300 {
            let now = Self.start.addingTimeInterval(Double(second))
            let text = try #require(DemoChat.courier.updatedAtText(now: now))
            let updated = try Date(text, strategy: Date.ISO8601FormatStyle())
            ages.append(now.timeIntervalSince(updated))
        }
        #expect(ages.allSatisfy { $0 >= 0 && $0 < 31 })
        let drops = zip(ages, ages.dropFirst()).filter { $1 < $0 }.count
        #expect((8...20).contains(drops), "a new fix every 20 to 30 s")
        #expect(ages.max() ?? 0 > 15)
    }

    @Test func movingPeopleStayInTheirCity() {
        for minute in 0..<120 {
            let now = Self.start.addingTimeInterval(Double(minute) * 60)
            let courier = DemoChat.courier.coordinate(atPoll: minute, now: now)
            #expect(abs(courier.latitude - 37.78) < 0.05 && abs(courier.longitude + 122.41) < 0.05)
            let runner = DemoChat.runner.coordinate(atPoll: minute, now: now)
            #expect(abs(runner.latitude - 40.78) < 0.01 && abs(runner.longitude + 73.96) < 0.01)
            let helsinki = DemoChat.helsinki.coordinate(atPoll: minute, now: now)
            #expect((60.166...60.170).contains(helsinki.latitude) && (24.940...24.953).contains(helsinki.longitude))
        }
    }

    @Test func mumbaiPausesForMinutesNotPolls() {
        var runs: [Int] = []
        var current = 0
        for step in 0..<(3 * 720) {
            let now = Self.start.addingTimeInterval(Double(step) * 5)
            if !DemoChat.mumbai.isSharing(atPoll: step, now: now) {
                current += 1
            } else if current > 0 {
                runs.append(current)
                current = 0
            }
        }
        #expect(runs.count >= 2)
        #expect(runs.allSatisfy { $0 == 48 }, "four minutes of 5 s polls: \(runs)")
    }

    @Test func coversTheViewerCases() {
        let participants = DemoChat.participants
        #expect(participants.contains { $0.updatedAt == .omitted || $0.updatedAt == .null })
        #expect(participants.contains { $0.coordinate(atPoll: 3, now: Self.start).altitude != nil })
        #expect(participants.contains { $0.handle.contains("@") })
        #expect(participants.contains { $0.locality == "São Paulo" })
        #expect(participants.contains { $0.locality == "Zürich" })
        #expect(participants.contains { $0.locality == "東京" })
        #expect(participants.contains { $0.locality == "Helsinki" })
        #expect(participants.filter { $0.breaks != nil || $0.pause != nil } == [DemoChat.mumbai])
    }

    @Test func agesRangeFromSecondsToDays() {
        let ages = DemoChat.participants.compactMap { participant -> Duration? in
            if case .ago(let age) = participant.updatedAt { return age }
            return nil
        }
        #expect(ages.contains { $0 > .seconds(2 * 86400) })
        #expect(DemoChat.participants.filter { $0.updatedAt == .lastFix }.count >= 5)
    }

    @Test func everyTimeStaysPutBetweenFixes() {
        // No participant reports a new updated_at at every poll: a history would store a fix per poll.
        for participant in DemoChat.participants {
            var texts = Set<String>()
            for step in 0..<12 {
                texts.insert(participant.updatedAtText(now: Self.start.addingTimeInterval(Double(step) * 5)) ?? "")
            }
            #expect(texts.count <= 4, "\(participant.handle)")
        }
    }

    @Test func theMovingScenarioStillStepsEveryPoll() {
        for participant in DemoChat.everyPoll {
            #expect(participant.coordinate(atPoll: 0) != participant.coordinate(atPoll: 1))
        }
    }

    @Test func demoConfigurationServesTheDemoChat() {
        let configuration = DemoChat.configuration()
        #expect(configuration.chats.contains { $0.id == Fixtures.demoChatID })
        #expect(configuration.apiKey == "demo-key")
    }
}
