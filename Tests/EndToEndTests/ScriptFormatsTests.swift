import FakeLinq
import Foundation
import Testing

/// `--once --format status|tmux|tsv|json`, `--max-age`, contacts and the settings file, as a user runs them:
/// the built binary against FakeLinq on loopback, each test with its own XDG folders.
@Suite(.serialized) struct ScriptFormatsTests {
    static let key = "e2e-secret-key-123"

    /// A private XDG config and cache folder for one test, removed afterwards.
    struct Folders {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lm-xdg-\(UUID().uuidString)")
        var config: URL { root.appendingPathComponent("config/linq-map") }
        var cache: URL { root.appendingPathComponent("cache/linq-map") }
        var environment: [String: String] {
            [
                "XDG_CONFIG_HOME": root.appendingPathComponent("config").path,
                "XDG_CACHE_HOME": root.appendingPathComponent("cache").path,
            ]
        }

        func write(_ text: String, to name: String) throws -> URL {
            try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
            let file = config.appendingPathComponent(name)
            try Data(text.utf8).write(to: file)
            return file
        }
    }

    /// Runs linq-map; in stdout, Ana's "30s" (FakeLinq's `.ago(30 s)`, seen a second or two later) reads 30s.
    func run(_ arguments: [String], server: FakeLinq?, folders: Folders) async throws -> ProcessResult {
        var environment = folders.environment
        environment["LINQ_API_V3_API_KEY"] = Self.key
        if let server { environment["LINQ_API_V3_BASE_URL"] = server.baseURL.absoluteString }
        var result = try await runProcess(Binary.path("linq-map"), arguments, environment: environment)
        result.stdout = result.stdout.replacing(try Regex(" 3[1-4]s "), with: " 30s ")
        return result
    }

    func withServer<T>(
        _ configuration: FakeLinqConfiguration = .sharedParticipants(apiKey: ScriptFormatsTests.key),
        _ body: (FakeLinq, Folders) async throws -> T
    ) async throws -> T {
        let server = try await FakeLinq.start(configuration)
        let folders = Folders()
        defer { try? FileManager.default.removeItem(at: folders.root) }
        do {
            let result = try await body(server, folders)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    static let contacts = """
        BEGIN:VCARD\r
        VERSION:3.0\r
        N:Lima;Ana;;;\r
        FN:Ana Lima\r
        item1.TEL;type=pref:+1 (415) 555-0101\r
        item1.X-ABLabel:_$!<Mobile>!$_\r
        END:VCARD\r

        """

    @Test func statusLineUsesContactNamesAndShowsEachPersonOnce() async throws {
        try await withServer { server, folders in
            _ = try folders.write(Self.contacts, to: "contacts.vcf")
            let result = try await run(
                [Fixtures.teamChatID, Fixtures.familyChatID, "--once", "--format", "status"], server: server,
                folders: folders)
            #expect(result.status == 0, "\(result.stderr)")
            let line = result.stdout
            #expect(line.hasPrefix("Ana Lima 30s San Francisco · +12125550102 5m New York · "), "\(line)")
            #expect(line.components(separatedBy: "Ana Lima").count == 2)
            #expect(line.hasSuffix("Mumbai\n"))
            #expect(line.split(separator: "\n").count == 1)
        }
    }

    @Test func statusLineIsCutAtWidth() async throws {
        try await withServer { server, folders in
            let result = try await run(
                [Fixtures.teamChatID, "--once", "--format", "status", "--width", "30"], server: server,
                folders: folders)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "+14155550101 30s San Francisc…\n")
        }
    }

    @Test func tmuxLineColoursNamesByAge() async throws {
        try await withServer { server, folders in
            let contacts = try folders.write("+14155550101 = Ana\n", to: "people.txt")
            let result = try await run(
                [Fixtures.teamChatID, "--once", "--format", "tmux", "--contacts", contacts.path], server: server,
                folders: folders)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(
                result.stdout.hasPrefix(
                    "#[fg=green]Ana#[default] 30s San Francisco · #[fg=yellow]+12125550102#[default] 5m New York · "
                        + "#[fg=red]+442075550103#[default] 2h London"), "\(result.stdout)")
        }
    }

    @Test func tsvHasTheColumnsAndOneLinePerParticipantPerChat() async throws {
        try await withServer { server, folders in
            _ = try folders.write(Self.contacts, to: "contacts.vcf")
            let result = try await run(
                [Fixtures.teamChatID, Fixtures.familyChatID, "--once", "--format", "tsv"], server: server,
                folders: folders)
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map {
                $0.split(separator: "\t", omittingEmptySubsequences: false)
            }
            #expect(
                lines.first?.joined(separator: ",")
                    == "chat_id,label,handle,name,lat,lon,locality,address,updated_at,age_seconds,sharing")
            #expect(lines.count == 1 + 4 + 3)
            #expect(lines.dropFirst().allSatisfy { $0.count == 11 })
            let ana = lines.filter { $0[2] == "+14155550101" }
            #expect(ana.map { String($0[0]) } == [Fixtures.teamChatID, Fixtures.familyChatID])
            #expect(ana.allSatisfy { $0[1] == "1" && $0[3] == "Ana Lima" && $0[10] == "true" })
            #expect(lines.first { $0[2] == "+12125550102" }?[3] == "")
        }
    }

    @Test func jsonIsAnArrayWithNumbersAndNulls() async throws {
        try await withServer { server, folders in
            let result = try await run(
                [Fixtures.teamChatID, "--once", "--format", "json"], server: server, folders: folders)
            #expect(result.status == 0, "\(result.stderr)")
            let rows = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            #expect(rows.count == 4)
            #expect(rows[0]["lat"] as? Double == 37.7749)
            #expect(rows[0]["age_seconds"] is Int)
            #expect(rows[0]["name"] is NSNull)
            #expect(rows.map { $0["label"] as? String } == ["1", "2", "3", "4"])
        }
    }

    @Test func geojsonFeaturesCarryChatIDAndName() async throws {
        try await withServer { server, folders in
            _ = try folders.write(Self.contacts, to: "contacts.vcf")
            let result = try await run(
                [Fixtures.teamChatID, Fixtures.anaChatID, "--once", "--format", "geojson"], server: server,
                folders: folders)
            #expect(result.status == 0, "\(result.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let properties = try #require(json["features"] as? [[String: Any]]).compactMap {
                $0["properties"] as? [String: Any]
            }
            #expect(properties.count == 5)
            #expect(
                properties.map { $0["chat_id"] as? String } == [Fixtures.teamChatID]
                    + Array(repeating: Fixtures.teamChatID, count: 3) + [Fixtures.anaChatID])
            #expect(properties[0]["name"] as? String == "Ana Lima")
            #expect(properties[1]["name"] is NSNull)
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func aFullDiskEndsTheGeoJSONWithAMessageAnd74() async throws {
        try await withServer { server, folders in
            var environment = folders.environment
            environment["LINQ_API_V3_API_KEY"] = Self.key
            environment["LINQ_API_V3_BASE_URL"] = server.baseURL.absoluteString
            let result = try await runProcess(
                Binary.path("linq-map"), [Fixtures.teamChatID, "--once", "--format", "geojson"],
                environment: environment, stdoutPath: "/dev/full")
            #expect(result.status == 74, "\(result.stderr)")
            #expect(result.stderr == "linq-map: cannot write the output: No space left on device\n")
        }
    }

    @Test func maxAgeAnswersTheSecondCallFromTheCache() async throws {
        try await withServer { server, folders in
            let arguments = [Fixtures.teamChatID, "--once", "--format", "status", "--max-age", "60"]
            let first = try await run(arguments, server: server, folders: folders)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(server.requests().count == 1)
            let second = try await run(arguments, server: server, folders: folders)
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.stdout.hasPrefix("+14155550101 "))
            #expect(server.requests().count == 1)
            let file = folders.cache.appendingPathComponent("locations-\(Fixtures.teamChatID).json")
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(!text.contains(Self.key))
        }
    }

    @Test func maxAgeZeroAndACorruptCacheFetchAgain() async throws {
        try await withServer { server, folders in
            try FileManager.default.createDirectory(at: folders.cache, withIntermediateDirectories: true)
            let file = folders.cache.appendingPathComponent("locations-\(Fixtures.teamChatID).json")
            try Data("{not json".utf8).write(to: file)
            let arguments = [Fixtures.teamChatID, "--once", "--format", "tsv", "--max-age", "60"]
            let first = try await run(arguments, server: server, folders: folders)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(server.requests().count == 1)
            #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix(#"{"format":"linq-map locations cache 1""#))
            _ = try await run(
                [Fixtures.teamChatID, "--once", "--max-age", "0", "--format", "tsv"], server: server, folders: folders)
            #expect(server.requests().count == 2)
        }
    }

    @Test func unknownSettingIsExit78WithFileLineAndKey() async throws {
        try await withServer { server, folders in
            let file = try folders.write("interval = 30\n\ncolour = \"never\"\n", to: "config.toml")
            let result = try await run([Fixtures.teamChatID, "--once"], server: server, folders: folders)
            #expect(result.status == 78)
            #expect(result.stderr.contains("\(file.path):3: colour: unknown setting"), "\(result.stderr)")
            #expect(server.requests().isEmpty)
        }
    }

    @Test func badValueInAnExplicitConfigIsExit78() async throws {
        try await withServer { server, folders in
            let file = try folders.write("interval = \"fast\"\n", to: "other.toml")
            let result = try await run(
                [Fixtures.teamChatID, "--once", "--config", file.path], server: server, folders: folders)
            #expect(result.status == 78)
            #expect(
                result.stderr.contains("\(file.path):1: interval: must be a whole number of seconds"),
                "\(result.stderr)")
        }
    }

    @Test func settingsGiveChatsAndContactsAndTheCommandLineWins() async throws {
        try await withServer { server, folders in
            let contacts = try folders.write("+14155550101 = Ana from settings\n", to: "names.txt")
            _ = try folders.write(
                "chats = [\"\(Fixtures.anaChatID)\"]\ncontacts = \"\(contacts.path)\"\n", to: "config.toml")
            let fromSettings = try await run(["--once", "--format", "status"], server: server, folders: folders)
            #expect(fromSettings.status == 0, "\(fromSettings.stderr)")
            #expect(fromSettings.stdout == "Ana from settings 30s San Francisco\n")
            let other = try folders.write("+14155550101 = Ana from the option\n", to: "other.txt")
            let fromOption = try await run(
                ["--once", "--format", "status", "--contacts", other.path], server: server, folders: folders)
            #expect(fromOption.stdout == "Ana from the option 30s San Francisco\n")
        }
    }

    @Test func apiKeyInASharedSettingsFileIsRefused() async throws {
        try await withServer { server, folders in
            let file = try folders.write("api_key = \"\(Self.key)\"\n", to: "config.toml")
            chmod(file.path, 0o644)
            var environment = folders.environment
            environment["LINQ_API_V3_BASE_URL"] = server.baseURL.absoluteString
            let refused = try await runProcess(
                Binary.path("linq-map"), [Fixtures.teamChatID, "--once"], environment: environment)
            #expect(refused.status == 78)
            #expect(
                refused.stderr.contains("config.toml:1: api_key: the file can be read by others"), "\(refused.stderr)")
            chmod(file.path, 0o600)
            let accepted = try await runProcess(
                Binary.path("linq-map"), [Fixtures.teamChatID, "--once", "--format", "json"], environment: environment)
            #expect(accepted.status == 0, "\(accepted.stderr)")
        }
    }

    @Test func badContactsFileIsOnlyAWarning() async throws {
        try await withServer { server, folders in
            let result = try await run(
                [Fixtures.teamChatID, "--once", "--format", "status", "--contacts", "/nonexistent/contacts.vcf"],
                server: server, folders: folders)
            #expect(result.status == 0)
            #expect(result.stderr.contains("warning: contacts /nonexistent/contacts.vcf"))
            #expect(result.stdout.hasPrefix("+14155550101 30s"))
        }
    }

    @Test func seventeenChatIdsAreAUsageError() async throws {
        let folders = Folders()
        let ids = (0..<17).map { _ in Fixtures.teamChatID }
        let result = try await run(ids + ["--once"], server: nil, folders: folders)
        #expect(result.status == 64)
        #expect(result.stderr.contains("At most 16 chat ids"))
    }

    @Test func listChatsFiltersByToAndShowsNames() async throws {
        try await withServer { server, folders in
            _ = try folders.write(Self.contacts, to: "contacts.vcf")
            let result = try await run(
                ["--list-chats", "--to", Fixtures.dayo.handle], server: server, folders: folders)
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            #expect(
                lines.map { String($0.prefix(36)) } == [
                    Fixtures.groupChatID, Fixtures.emptyGroupChatID, Fixtures.familyChatID,
                ])
            #expect(lines[2].contains("Family  Ana Lima, +2348055501004, +912255501005  iMessage"))
            #expect(server.requests().first?.query["to"] == Fixtures.dayo.handle)
            #expect(server.requests().first?.query["limit"] == "100")
        }
    }
}
