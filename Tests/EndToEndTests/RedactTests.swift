import FakeLinq
import Foundation
import Testing

extension ScriptFormatsTests {
    /// Every handle and address the team and family chats send.
    static var privateTexts: [String] {
        (Fixtures.chats + Fixtures.sharedParticipantChats).filter {
            [Fixtures.teamChatID, Fixtures.familyChatID].contains($0.id)
        }
        .flatMap { chat -> [String] in
            guard case .participants(let participants) = chat.scenario else { return [] }
            return participants.flatMap { [$0.handle] + ($0.address.map { [$0] } ?? []) }
        }
    }

    @Test(arguments: ["text", "geojson", "status", "tmux", "tsv", "json"])
    func redactedOutputShowsNoHandleEmailNameOrAddress(format: String) async throws {
        try await withServer { server, folders in
            _ = try folders.write(Self.contacts, to: "contacts.vcf")
            let result = try await run(
                [
                    Fixtures.teamChatID, Fixtures.familyChatID, "--once", "--redact", "--format", format, "--width",
                    "160", "--height", "40",
                ], server: server, folders: folders)
            #expect(result.status == 0, "\(result.stderr)")
            let output = result.stdout + result.stderr
            #expect(!Self.privateTexts.isEmpty)
            for text in Self.privateTexts { #expect(!output.contains(text), "\(format) shows \(text)") }
            #expect(!output.contains("Ana Lima"))
            // Ben has no contact: his masked handle shows.
            #expect(output.contains("+1•••••0102"), "\(output)")
        }
    }

    @Test func redactedGeoJSONRoundsPositionsAndKeepsLocalities() async throws {
        try await withServer { server, folders in
            let result = try await run(
                [Fixtures.teamChatID, "--once", "--redact", "--format", "geojson"], server: server, folders: folders)
            #expect(result.status == 0, "\(result.stderr)")
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let features = try #require(json["features"] as? [[String: Any]])
            let ana = try #require(
                features.first { ($0["properties"] as? [String: Any])?["handle"] as? String == "+1•••••0101" })
            #expect((ana["geometry"] as? [String: Any])?["coordinates"] as? [Double] == [-122.42, 37.77])
            let properties = try #require(ana["properties"] as? [String: Any])
            #expect(properties["locality"] as? String == "San Francisco")
            #expect(properties["address"] == nil)
        }
    }
}
