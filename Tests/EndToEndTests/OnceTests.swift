import FakeLinq
import Foundation
import Testing

/// `linq-map --once` and `--list-chats` as a user runs them: the built binary against FakeLinq on loopback.
///
/// Serialized: seventeen debug binaries and servers started at once on two loaded cores made FakeLinq miss the
/// client's 20 s deadline now and then ("no answer from 127.0.0.1 within 20.0 seconds").
@Suite(.serialized) struct OnceTests {
    static let key = "e2e-secret-key-123"

    func run(_ arguments: [String], server: FakeLinq?, key: String? = OnceTests.key) async throws -> ProcessResult {
        var environment: [String: String] = [:]
        if let key { environment["LINQ_API_V3_API_KEY"] = key }
        if let server { environment["LINQ_API_V3_BASE_URL"] = server.baseURL.absoluteString }
        return try await runProcess(Binary.path("linq-map"), arguments, environment: environment)
    }

    func withServer<T>(
        _ configuration: FakeLinqConfiguration = FakeLinqConfiguration(apiKey: OnceTests.key),
        _ body: (FakeLinq) async throws -> T
    ) async throws -> T {
        let server = try await FakeLinq.start(configuration)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    @Test func geojsonPrintsABareFeatureCollection() async throws {
        try await withServer { server in
            let result = try await run([Fixtures.groupChatID, "--once", "--format", "geojson"], server: server)
            #expect(result.status == 0, "\(result.stderr)")
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(json["type"] as? String == "FeatureCollection")
            #expect(json["success"] == nil)
            let features = try #require(json["features"] as? [[String: Any]])
            let handles = features.compactMap { ($0["properties"] as? [String: Any])?["handle"] as? String }
            #expect(handles == Fixtures.aroundTheWorld.map(\.handle))
            let request = try #require(server.requests().last)
            #expect(request.header("Authorization") == "Bearer \(Self.key)")
            #expect(request.header("Accept") == "application/geo+json")
            #expect(request.header("User-Agent")?.hasPrefix("linq-map/") == true)
        }
    }

    @Test func textFrameIsTheDefaultFormat() async throws {
        try await withServer { server in
            let result = try await run(
                [Fixtures.groupChatID, "--once", "--width", "100", "--height", "30", "--color", "never"],
                server: server)
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count >= 30)
            #expect(result.stdout.contains("+14155550101"))
            #expect(!result.stdout.contains("\u{1B}"))
        }
    }

    @Test func asciiTextFramesTransliterateOtherScripts() async throws {
        try await withServer { server in
            let result = try await run(
                [Fixtures.groupChatID, "--once", "--ascii", "--width", "140", "--height", "40", "--color", "never"],
                server: server)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.unicodeScalars.allSatisfy { $0.isASCII })
            #expect(result.stdout.contains("dong jing"), "the Tokyo row: 東京 transliterated")
            #expect(!result.stdout.contains("??"))
        }
    }

    @Test func theSmallestTextFrameDrawsAMap() async throws {
        try await withServer { server in
            let result = try await run(
                [Fixtures.groupChatID, "--once", "--width", "20", "--height", "8", "--color", "never"], server: server)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stdout.contains("too small"))
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 9, "8 rows and the final newline")
            #expect(result.stdout.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) }, "a Braille map")
        }
    }

    @Test func emptyChatSucceeds() async throws {
        try await withServer { server in
            let result = try await run([Fixtures.emptyGroupChatID, "--once", "--format", "geojson"], server: server)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("\"features\":[]") || result.stdout.contains("\"features\": []"))
        }
    }

    @Test(arguments: [
        ("not-a-uuid", "not-a-uuid"),
        ("975d0776-bd17-4273-8337-f346b4c661b", "975d0776-bd17-4273-8337-f346b4c661b"),
    ])
    func badChatIDIsAUsageError(argument: String, named: String) async throws {
        let result = try await run([argument, "--once"], server: nil, key: nil)
        #expect(result.status == 64)
        #expect(result.stderr.contains(named))
    }

    @Test(arguments: [["--interval", "4"], ["--timeout", "0"], ["--width", "19"], ["--height", "7"]])
    func outOfRangeValuesAreUsageErrors(extra: [String]) async throws {
        let result = try await run([Fixtures.groupChatID] + extra, server: nil)
        #expect(result.status == 64, "\(result.stderr)")
    }

    @Test func negativeCentreParses() async throws {
        try await withServer { server in
            let result = try await run(
                [Fixtures.groupChatID, "--once", "--center", "-33.9,151.2", "--zoom", "4", "--color", "never"],
                server: server)
            #expect(result.status == 0, "\(result.stderr)")
        }
    }

    @Test func missingKeyNamesBothSources() async throws {
        let result = try await run([Fixtures.groupChatID, "--once"], server: nil, key: nil)
        #expect(result.status == 78)
        #expect(result.stderr.contains("LINQ_API_V3_API_KEY"))
        #expect(result.stderr.contains("--api-key-file"))
    }

    @Test func plainHTTPToARemoteHostIsRefused() async throws {
        var environment = ["LINQ_API_V3_API_KEY": Self.key]
        environment["LINQ_API_V3_BASE_URL"] = "http://api.example.com/api/partner"
        let result = try await runProcess(
            Binary.path("linq-map"), [Fixtures.groupChatID, "--once"], environment: environment)
        #expect(result.status == 78)
        #expect(!result.stderr.contains(Self.key))
    }

    @Test func worldReadableKeyFileIsRefused() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lm-key-\(UUID().uuidString)")
        try Data("\(Self.key)\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.path)
        let result = try await run([Fixtures.groupChatID, "--once", "--api-key-file", url.path], server: nil, key: nil)
        #expect(result.status == 78)
        #expect(result.stderr.contains("chmod 600"))
    }

    @Test func keyFileWinsOverTheVariable() async throws {
        try await withServer { server in
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("lm-key-\(UUID().uuidString)")
            try Data("\(Self.key)\n".utf8).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
            let result = try await run(
                [Fixtures.groupChatID, "--once", "--format", "geojson", "--api-key-file", url.path],
                server: server, key: "wrong-key")
            #expect(result.status == 0, "\(result.stderr)")
        }
    }

    @Test func wrongKeyExits77WithTheAPIErrorLine() async throws {
        try await withServer { server in
            let result = try await run([Fixtures.groupChatID, "--once"], server: server, key: "wrong-key")
            #expect(result.status == 77)
            #expect(result.stderr.contains("error 2004:"))
            #expect(result.stderr.contains("(HTTP 401"))
            #expect(!result.stderr.contains("wrong-key"))
        }
    }

    @Test func aFailedFetchLeavesNoHistoryFileBehind() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-nohist-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = folder.appendingPathComponent("history.sqlite").path
        try await withServer { server in
            let arguments = [Fixtures.groupChatID, "--once", "--history", history]
            let result = try await run(arguments, server: server, key: "wrong-key")
            #expect(result.status == 77)
            #expect(!FileManager.default.fileExists(atPath: history))
            let recorded = try await run(arguments, server: server)
            #expect(recorded.status == 0)
            #expect(FileManager.default.fileExists(atPath: history))
        }
    }

    @Test func unknownChatExits66() async throws {
        try await withServer { server in
            let result = try await run([Fixtures.unknownChatID, "--once"], server: server)
            #expect(result.status == 66)
            #expect(result.stderr.contains("2001"))
        }
    }

    @Test(arguments: [
        (Scenario.serverError, Int32(69)),
        (Scenario.badRequest, Int32(76)),
        (Scenario.forbidden, Int32(77)),
        (Scenario.htmlErrorPage, Int32(69)),
        (Scenario.malformedJSON, Int32(65)),
    ])
    func errorsMapToExitCodes(scenario: Scenario, status: Int32) async throws {
        let configuration = FakeLinqConfiguration.everyChat(scenario, apiKey: Self.key)
        try await withServer(configuration) { server in
            let result = try await run([Fixtures.groupChatID, "--once", "--retries", "0"], server: server)
            #expect(result.status == status, "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count >= 1)
        }
    }

    @Test func listChatsPrintsOneChatALine() async throws {
        try await withServer { server in
            let result = try await run(["--list-chats"], server: server)
            #expect(result.status == 0, "\(result.stderr)")
            for chat in Fixtures.chats {
                #expect(result.stdout.contains(chat.id))
            }
            // Columns line up by display width: every name starts in the same column, no line ends in blanks.
            let lines = result.stdout.split(separator: "\n").map(String.init)
            let nameColumns = Set(
                zip(lines, Fixtures.chats).compactMap { line, chat in
                    line.range(of: "  " + chat.displayName)?.lowerBound.utf16Offset(in: line)
                })
            #expect(nameColumns.count == 1, "\(result.stdout)")
            #expect(!lines.contains { $0.hasSuffix(" ") })
        }
    }

    @Test func listChatsAsJSONParsesBack() async throws {
        try await withServer { server in
            let result = try await run(["--list-chats", "--format", "json"], server: server)
            #expect(result.status == 0, "\(result.stderr)")
            let chats = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            #expect(Set(chats.compactMap { $0["id"] as? String }) == Set(Fixtures.chats.map(\.id)))
        }
    }

    @Test func versionPrintsTheVersion() async throws {
        let result = try await run(["--version"], server: nil, key: nil)
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).first?.isNumber == true)
    }

    @Test func helpDocumentsExitCodesAndEnvironment() async throws {
        let result = try await run(["--help"], server: nil, key: nil)
        #expect(result.status == 0)
        for text in ["LINQ_API_V3_API_KEY", "LINQ_API_V3_BASE_URL", "--api-key-file", "EXIT CODES", "78"] {
            #expect(result.stdout.contains(text), "\(text)")
        }
    }
}
