import FakeLinq
import Foundation
import LinqModel
import Testing

/// `--once` recording into a history file, and `linq-map history` printing it, as a cron job and a user would.
@Suite(.serialized) struct HistoryCommandTests {
    static let key = "e2e-secret-key-123"
    static let chat = "5f1e7a2c-9b3d-4e8f-a6c1-0d2b4e6f8a10"
    static let walker = FakeParticipant(
        handle: "+358405550120", coordinate: Coordinate(longitude: 24.9441, latitude: 60.1675),
        path: .route(
            [Coordinate(longitude: 24.9441, latitude: 60.1675), Coordinate(longitude: 24.9525, latitude: 60.1678)],
            pollsPerLeg: 2),
        address: "Pohjoisesplanadi", locality: "Helsinki", updatedAt: .text("2026-12-01T09:14:00Z"))
    static let sitter = FakeParticipant(
        handle: "ana@example.com", coordinate: Coordinate(longitude: -0.1419, latitude: 51.5014),
        address: "Buckingham Palace Rd, \"Gate\"", locality: "London", updatedAt: .text("2026-12-01T09:00:00Z"))

    func run(_ arguments: [String], server: FakeLinq? = nil) async throws -> ProcessResult {
        var environment: [String: String] = [:]
        if let server {
            environment["LINQ_API_V3_API_KEY"] = Self.key
            environment["LINQ_API_V3_BASE_URL"] = server.baseURL.absoluteString
        }
        return try await runProcess(Binary.path("linq-map"), arguments, environment: environment)
    }

    /// Records three `--once` polls of the walker and the sitter into a new file, then runs `body` with its path.
    func withRecordedHistory(_ body: (String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("linq-map-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("sub/history.sqlite").path
        var configuration = FakeLinqConfiguration(apiKey: Self.key)
        configuration.chats.append(
            FakeChat(
                id: Self.chat, displayName: "e2e", handles: [], isGroup: true,
                scenario: .participants([
                    Self.walker, Self.sitter,
                ])))
        let server = try await FakeLinq.start(configuration)
        defer { Task { await server.stop() } }
        for _ in 0..<3 {
            let result = try await run(
                [Self.chat, "--once", "--format", "geojson", "--history", file, "--keep", "7"], server: server)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.isEmpty)
        }
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try await body(file)
    }

    @Test func csvListsEveryStoredFixOnce() async throws {
        try await withRecordedHistory { file in
            let result = try await run(["history", Self.chat, "--format", "csv", "--history", file])
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.components(separatedBy: "\r\n")
            #expect(lines.first == "chat_id,handle,name,lat,lon,locality,address,updated_at,seen_at")
            // The walker moved every poll: three fixes. The sitter did not: one fix, seen at the last poll.
            #expect(lines.filter { $0.contains("+358405550120") }.count == 3)
            let sitter = lines.filter { $0.contains("ana@example.com") }
            #expect(sitter.count == 1)
            #expect(
                sitter.first?.hasPrefix(
                    "\(Self.chat),ana@example.com,,51.5014,-0.1419,London,\"Buckingham Palace Rd, \"\"Gate\"\"\","
                        + "2026-12-01T09:00:00Z,") == true)
        }
    }

    @Test func namesComeFromTheContacts() async throws {
        try await withRecordedHistory { file in
            let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
            let contacts = folder.appendingPathComponent("names.txt")
            try Data("+358405550120 = Walker Virtanen\nANA@example.com = Ana, \"the sitter\"\n".utf8).write(
                to: contacts)
            let csv = try await run(
                ["history", Self.chat, "--format", "csv", "--history", file, "--contacts", contacts.path])
            #expect(csv.status == 0, "\(csv.stderr)")
            #expect(csv.stdout.contains("\(Self.chat),+358405550120,Walker Virtanen,"))
            #expect(csv.stdout.contains("\(Self.chat),ana@example.com,\"Ana, \"\"the sitter\"\"\","))
            // The settings file's `contacts` and `history` do the same.
            let config = folder.appendingPathComponent("config.toml")
            try Data("contacts = \"\(contacts.path)\"\nhistory = \"\(file)\"\n".utf8).write(to: config)
            let geojson = try await run(["history", Self.chat, "--config", config.path])
            #expect(geojson.status == 0, "\(geojson.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(geojson.stdout.utf8)) as? [String: Any])
            let features = try #require(json["features"] as? [[String: Any]])
            let names = features.compactMap { ($0["properties"] as? [String: Any])?["name"] as? String }
            #expect(names == ["Walker Virtanen", "Ana, \"the sitter\""])
        }
    }

    @Test func geojsonHasALineStringPerWalkerAndAPointPerSitter() async throws {
        try await withRecordedHistory { file in
            let result = try await run(["history", Self.chat.uppercased(), "--since", "1h", "--history", file])
            #expect(result.status == 0, "\(result.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(json["type"] as? String == "FeatureCollection")
            let features = try #require(json["features"] as? [[String: Any]])
            let geometries = features.compactMap { ($0["geometry"] as? [String: Any])?["type"] as? String }
            #expect(geometries == ["LineString", "Point"])
            let walker = try #require(features.first?["properties"] as? [String: Any])
            #expect(walker["handle"] as? String == "+358405550120")
            #expect(walker["chat_id"] as? String == Self.chat)
            #expect(walker["name"] is NSNull)
            #expect((walker["times"] as? [String])?.count == 3)
            let future = try await run(["history", Self.chat, "--since", "2099-01-01T00:00:00Z", "--history", file])
            #expect(future.status == 0 && future.stdout.isEmpty)
        }
    }

    @Test func redactMasksEveryFormatAsTheViewerDoes() async throws {
        try await withRecordedHistory { file in
            let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
            let contacts = folder.appendingPathComponent("names.txt")
            try Data("+358405550120 = Walker Virtanen\nana@example.com = Ana Lima\n".utf8).write(to: contacts)
            let base = ["history", Self.chat, "--history", file, "--contacts", contacts.path, "--redact"]
            let csv = try await run(base + ["--format", "csv"])
            let geojson = try await run(base + ["--format", "geojson"])
            for result in [csv, geojson] {
                #expect(result.status == 0, "\(result.stderr)")
                for secret in ["405550120", "ana@example.com", "Pohjoisesplanadi", "Buckingham", "Virtanen", "Lima"] {
                    #expect(!result.stdout.contains(secret), "\(secret) in:\n\(result.stdout)")
                }
            }
            let lines = csv.stdout.components(separatedBy: "\r\n")
            #expect(lines.first == "chat_id,handle,name,lat,lon,locality,address,updated_at,seen_at")
            // Positions on the 0.01° grid, the address empty, the locality and times kept.
            #expect(lines.filter { $0.hasPrefix("\(Self.chat),+358•••••0120,Walker,60.17,24.9") }.count == 3)
            #expect(
                lines.contains {
                    $0.hasPrefix("\(Self.chat),a•••@example.com,Ana,51.5,-0.14,London,,2026-12-01T09:00:00Z,")
                })
            let json = try #require(try JSONSerialization.jsonObject(with: Data(geojson.stdout.utf8)) as? [String: Any])
            let features = try #require(json["features"] as? [[String: Any]])
            let walker = try #require(features.first?["properties"] as? [String: Any])
            #expect(walker["handle"] as? String == "+358•••••0120")
            #expect(walker["name"] as? String == "Walker")
            #expect((walker["times"] as? [String])?.count == 3)
            let coordinates = try #require(
                (features.first?["geometry"] as? [String: Any])?["coordinates"] as? [[Double]])
            #expect(coordinates.allSatisfy { $0 == [24.94, 60.17] || $0 == [24.95, 60.17] }, "\(coordinates)")
        }
    }

    @Test func anUnknownChatPrintsNothingAndAMissingFileIs66() async throws {
        try await withRecordedHistory { file in
            let unknown = try await run(["history", "00000000-0000-0000-0000-000000000000", "--history", file])
            #expect(unknown.status == 0 && unknown.stdout.isEmpty && unknown.stderr.isEmpty)
            let missing = try await run(["history", Self.chat, "--history", file + ".missing"])
            #expect(missing.status == 66)
            #expect(missing.stderr.contains("no history at \(file).missing"))
            #expect(missing.stdout.isEmpty)
        }
    }

    @Test func onceWarnsAndSucceedsWhenTheHistoryCannotBeWritten() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("linq-map-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let regular = folder.appendingPathComponent("file")
        try Data("x".utf8).write(to: regular)
        let server = try await FakeLinq.start(FakeLinqConfiguration(apiKey: Self.key))
        defer { Task { await server.stop() } }
        let result = try await run(
            [Fixtures.groupChatID, "--once", "--format", "geojson", "--history", regular.path + "/history.sqlite"],
            server: server)
        #expect(result.status == 0)
        #expect(result.stdout.contains("FeatureCollection"))
        #expect(
            result.stderr.contains("warning: history off: history \(regular.path)/history.sqlite cannot be written"))
    }

    @Test func onceRecordsUnderTheStateFolderUnlessToldNot() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("linq-map-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let server = try await FakeLinq.start(FakeLinqConfiguration(apiKey: Self.key))
        defer { Task { await server.stop() } }
        let environment = [
            "HOME": home.path, "LINQ_API_V3_API_KEY": Self.key,
            "LINQ_API_V3_BASE_URL": server.baseURL.absoluteString,
        ]
        let arguments = [Fixtures.groupChatID, "--once", "--format", "geojson"]
        let off = try await runProcess(Binary.path("linq-map"), arguments + ["--no-history"], environment: environment)
        #expect(off.status == 0)
        let state = home.appendingPathComponent(".local/state/linq-map")
        #expect(!FileManager.default.fileExists(atPath: state.path))
        let on = try await runProcess(Binary.path("linq-map"), arguments, environment: environment)
        #expect(on.status == 0 && on.stderr.isEmpty)
        let file = state.appendingPathComponent("history.sqlite").path
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: state.path)[.posixPermissions] as? Int == 0o700)
        let export = try await runProcess(
            Binary.path("linq-map"), ["history", Fixtures.groupChatID, "--format", "csv"],
            environment: ["HOME": home.path])
        #expect(export.status == 0)
        #expect(export.stdout.contains("+14155550101"))
    }
}
