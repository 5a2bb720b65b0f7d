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

    @Test func redactInTheSettingsFileIsPrivacyModeAndTheCommandLineWins() async throws {
        try await withServer { server, folders in
            _ = try folders.write("redact = true\n", to: "config.toml")
            let arguments = [Fixtures.teamChatID, "--once", "--format", "tsv"]
            let fromFile = try await run(arguments, server: server, folders: folders)
            #expect(fromFile.status == 0, "\(fromFile.stderr)")
            #expect(fromFile.stdout.contains("+1•••••0102"), "\(fromFile.stdout)")
            for text in Self.privateTexts {
                #expect(!fromFile.stdout.contains(text), "the file's redact shows \(text)")
            }
            let overruled = try await run(arguments + ["--no-redact"], server: server, folders: folders)
            #expect(overruled.status == 0, "\(overruled.stderr)")
            #expect(overruled.stdout.contains("+12125550102"), "\(overruled.stdout)")
            _ = try folders.write("redact = false\n", to: "config.toml")
            let onlyOption = try await run(arguments + ["--redact"], server: server, folders: folders)
            #expect(onlyOption.stdout.contains("+1•••••0102") && !onlyOption.stdout.contains("+12125550102"))
        }
    }

    @Test(arguments: ["\"yes\"", "1"])
    func aBadRedactInTheSettingsFileExits78NamingTheLine(value: String) async throws {
        try await withServer { server, folders in
            let file = try folders.write("interval = 30\nredact = \(value)\n", to: "config.toml")
            for arguments in [
                [Fixtures.teamChatID, "--once"], ["history", Fixtures.teamChatID], ["events", Fixtures.teamChatID],
            ] {
                let result = try await run(arguments, server: server, folders: folders)
                #expect(result.status == 78, "\(arguments): \(result.stderr)")
                #expect(
                    result.stderr.contains("\(file.path):2: redact: must be true or false, not \(value)"),
                    "\(result.stderr)")
            }
            #expect(server.requests().isEmpty)
        }
    }

    @Test func historyAndEventsFollowTheSettingsFilesRedactUnlessTheCommandLineSaysOtherwise() async throws {
        try await withServer { server, folders in
            let history = folders.root.appendingPathComponent("history.sqlite").path
            let recorded = try await run(
                [Fixtures.teamChatID, "--once", "--format", "json", "--history", history], server: server,
                folders: folders)
            #expect(recorded.status == 0, "\(recorded.stderr)")
            _ = try folders.write("redact = true\nhistory = \"\(history)\"\n", to: "config.toml")
            let redacted = try await run(
                ["history", Fixtures.teamChatID, "--format", "csv"], server: server, folders: folders)
            #expect(redacted.status == 0, "\(redacted.stderr)")
            #expect(redacted.stdout.contains(",+1•••••0102,"), "\(redacted.stdout)")
            for text in Self.privateTexts { #expect(!redacted.stdout.contains(text), "history shows \(text)") }
            let plain = try await run(
                ["history", Fixtures.teamChatID, "--format", "csv", "--no-redact"], server: server, folders: folders)
            #expect(plain.stdout.contains(",+12125550102,"), "\(plain.stdout)")
            // `events` reads the same file: its history path (no events recorded by --once: an empty array) and redact.
            let events = try await run(
                ["events", Fixtures.teamChatID, "--format", "json"], server: server, folders: folders)
            #expect(events.status == 0, "\(events.stderr)")
            #expect(events.stdout == "[]\n")
        }
    }
}
