import FakeLinq
import Foundation
import Testing

@Suite(.timeLimit(.minutes(1)))
struct GeneratedBodyStreamTests {
    @Test(arguments: [200, 1_000, 65_536, 300_001])
    func exactSizeBodiesAreValidJSONOfThatSize(bytes: Int) async throws {
        let data = try await FakeLinq.serving(.scenario(.generated(.exactSize(bytes: bytes)))) { base in
            try await LoopbackClient.send(LoopbackClient.locationURL(base, chat: Fixtures.chatID)).0
        }
        #expect(data.count == bytes)
        let features = try LoopbackClient.features(data)
        #expect(bytes < 1_000 || !features.isEmpty)
    }

    @Test func tooSmallSizesGrowToTheEmptyEnvelope() async throws {
        let data = try await FakeLinq.serving(.scenario(.generated(.exactSize(bytes: 3)))) { base in
            try await LoopbackClient.send(LoopbackClient.locationURL(base, chat: Fixtures.chatID)).0
        }
        #expect(try LoopbackClient.features(data).isEmpty)
    }
}
