import FakeLinq
import Foundation
import LinqModel
import Testing

struct FakeParticipantTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func fixedParticipantStaysPut() {
        #expect(Fixtures.ana.coordinate(atPoll: 0) == Fixtures.ana.coordinate)
        #expect(Fixtures.ana.coordinate(atPoll: 99) == Fixtures.ana.coordinate)
    }

    @Test func routeInterpolatesAndLoops() {
        let a = Coordinate(longitude: 0, latitude: 0, altitude: 100)
        let b = Coordinate(longitude: 10, latitude: 20, altitude: 300)
        let walker = FakeParticipant(handle: "+1", coordinate: a, path: .route([a, b], pollsPerLeg: 4))
        #expect(walker.coordinate(atPoll: 0) == a)
        #expect(walker.coordinate(atPoll: 2) == Coordinate(longitude: 5, latitude: 10, altitude: 200))
        #expect(walker.coordinate(atPoll: 4) == b)
        #expect(walker.coordinate(atPoll: 6) == Coordinate(longitude: 5, latitude: 10, altitude: 200))
        #expect(walker.coordinate(atPoll: 8) == a)
        #expect(walker.coordinate(atPoll: -3) == a)
    }

    @Test func orbitReturnsAfterALap() {
        let center = Coordinate(longitude: 10, latitude: 50)
        let runner = FakeParticipant(
            handle: "+1", coordinate: center, path: .orbit(center: center, radiusMeters: 1000, pollsPerLap: 4))
        let start = runner.coordinate(atPoll: 0)
        #expect(abs(start.latitude - (50 + 1000 / 111_320.0)) < 1e-6)
        #expect(abs(start.longitude - 10) < 1e-6)
        let quarter = runner.coordinate(atPoll: 1)
        #expect(quarter.longitude > 10)
        #expect(abs(quarter.latitude - 50) < 1e-6)
        #expect(runner.coordinate(atPoll: 4) == start)
    }

    @Test func pauseHidesTheLastPollsOfEachPeriod() {
        let pause = FakeParticipant.Pause(period: 6, pausedPolls: 2)
        #expect(
            (0..<12).map { pause.isPaused(atPoll: $0) } == [
                false, false, false, false, true, true, false, false, false, false, true, true,
            ])
        #expect(!FakeParticipant.Pause(period: 0, pausedPolls: 2).isPaused(atPoll: 1))
    }

    @Test func featureJSONWritesNullsOrOmits() {
        let base = FakeParticipant(
            handle: "+1555", coordinate: Coordinate(longitude: 1.5, latitude: -2), updatedAt: .null)
        #expect(
            base.featureJSON(atPoll: 0, now: Self.now)
                == #"{"type":"Feature","geometry":{"type":"Point","coordinates":[1.5,-2]},"#
                + #""properties":{"handle":"+1555","address":null,"locality":null,"updated_at":null}}"#)
        var omitted = base
        omitted.missingFields = .omitted
        omitted.updatedAt = .omitted
        #expect(
            omitted.featureJSON(atPoll: 0, now: Self.now)
                == #"{"type":"Feature","geometry":{"type":"Point","coordinates":[1.5,-2]},"properties":{"handle":"+1555"}}"#
        )
    }

    @Test func updatedAtIsRelativeToNow() {
        var participant = Fixtures.ana
        participant.updatedAt = .ago(.seconds(90))
        #expect(participant.updatedAtText(now: Self.now) == "2026-11-18T11:05:10Z")
        participant.updatedAt = .text("garbage")
        #expect(participant.updatedAtText(now: Self.now) == "garbage")
        participant.updatedAt = .null
        #expect(participant.updatedAtText(now: Self.now) == nil)
    }

    @Test func featureJSONParsesWithNonASCIIText() throws {
        let json = Fixtures.kenji.featureJSON(atPoll: 0, now: Self.now)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let properties = try #require(object["properties"] as? [String: Any])
        #expect(properties["locality"] as? String == "東京")
        #expect(properties["handle"] as? String == "kenji@example.jp")
    }
}

struct FakeParticipantTimeTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func travelMovesAtItsSpeedAndLoops() {
        let a = Coordinate(longitude: 0, latitude: 0)
        let b = Coordinate(longitude: 0, latitude: 1000 / 110_574.0)
        let walker = FakeParticipant(handle: "+1", coordinate: a, path: .travel([a, b], metersPerSecond: 2))
        // The loop is a to b and back: 2 km, 1000 s. At the epoch the walker is at a.
        #expect(walker.coordinate(atPoll: 0, now: FakeParticipant.epoch) == a)
        let quarter = walker.coordinate(atPoll: 0, now: FakeParticipant.epoch.addingTimeInterval(250))
        #expect(abs(quarter.latitude - b.latitude / 2) < 1e-6)
        let back = walker.coordinate(atPoll: 9, now: FakeParticipant.epoch.addingTimeInterval(750))
        #expect(abs(back.latitude - b.latitude / 2) < 1e-6)
        #expect(walker.coordinate(atPoll: 0, now: FakeParticipant.epoch.addingTimeInterval(1000)) == a)
    }

    @Test func cadenceReportsTheLastFixAndItsTime() throws {
        let a = Coordinate(longitude: 0, latitude: 0)
        let b = Coordinate(longitude: 0, latitude: 0.1)
        let walker = FakeParticipant(
            handle: "+1", coordinate: a, path: .travel([a, b], metersPerSecond: 1.4), updatedAt: .lastFix,
            cadence: FakeParticipant.Cadence(every: .seconds(60)))
        var fixes = Set<Date>()
        for second in stride(from: 0.0, to: 600, by: 1) {
            let now = Self.now.addingTimeInterval(second)
            let fix = walker.lastFix(before: now)
            #expect(fix <= now && now.timeIntervalSince(fix) < 90)
            fixes.insert(fix)
            #expect(walker.updatedAtText(now: now) == fix.formatted(Date.ISO8601FormatStyle()))
        }
        #expect((9...11).contains(fixes.count))
        let fix = walker.lastFix(before: Self.now)
        #expect(walker.coordinate(atPoll: 0, now: Self.now) == walker.coordinate(atPoll: 5, now: fix))
    }

    @Test func breaksHideTheEndOfEachPeriod() {
        let breaks = FakeParticipant.Breaks(every: .seconds(600), lasting: .seconds(120))
        let epoch = FakeParticipant.epoch
        #expect(!breaks.isOnBreak(at: epoch.addingTimeInterval(479)))
        #expect(breaks.isOnBreak(at: epoch.addingTimeInterval(480)))
        #expect(breaks.isOnBreak(at: epoch.addingTimeInterval(599)))
        #expect(!breaks.isOnBreak(at: epoch.addingTimeInterval(600)))
        let participant = FakeParticipant(
            handle: "+1", coordinate: Coordinate(longitude: 0, latitude: 0), breaks: breaks)
        #expect(!participant.isSharing(atPoll: 0, now: epoch.addingTimeInterval(500)))
        #expect(participant.isSharing(atPoll: 0, now: epoch.addingTimeInterval(100)))
    }
}

@Test func timestampsAreWrittenAsTheISO8601FormatStyleWritesThem() {
    var generator = SplitMix64(seed: 7)
    var instants: [Double] = [0, -0.5, 0.999, 86_399.999, -86_400, 951_782_400, 4_107_542_399.75, -11_676_096_000]
    for _ in 0..<5_000 {
        // From the year 1600 to 9999, with fractions; leap days and month ends are among them by chance.
        instants.append(Double(generator.next() % 265_000_000_000_000) / 1_000 - 11_676_096_000)
    }
    instants += [253_402_300_799, 253_402_300_800, -11_676_096_001, -30_610_224_000, -62_135_596_800]
    for seconds in instants {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(FakeParticipant.timestampText(date) == date.formatted(Date.ISO8601FormatStyle()), "\(seconds)")
    }
}
