import FakeLinq
import Foundation
import Testing

/// `--home`, `--units` and `--trail` as a user gives them, on the command line or in the settings file.
@Suite(.serialized) struct HistoryViewTests {
    static let key = "e2e-secret-key-123"

    func run(_ arguments: [String], server: FakeLinq?) async throws -> ProcessResult {
        var environment = ["LINQ_API_V3_API_KEY": Self.key]
        if let server { environment["LINQ_API_V3_BASE_URL"] = server.baseURL.absoluteString }
        return try await runProcess(Binary.path("linq-map"), arguments, environment: environment)
    }

    @Test func homeAndMilesFromTheSettingsFileReachTheTextFrame() async throws {
        let server = try await FakeLinq.start(FakeLinqConfiguration(apiKey: Self.key))
        defer { Task { await server.stop() } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config.toml")
        try Data("home = \"64.1466,-21.9426\"\nunits = \"mi\"\nno_history = true\n".utf8).write(to: config)
        let arguments = [
            Fixtures.groupChatID, "--once", "--width", "160", "--height", "40", "--color", "never", "--zoom", "0",
        ]
        let fromFile = try await run(arguments + ["--config", config.path], server: server)
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(fromFile.stdout.contains("⌂"))
        #expect(fromFile.stdout.contains(" mi "))
        // The command line wins over the file.
        let fromOptions = try await run(
            arguments + ["--config", config.path, "--units", "km", "--home", "40.7128,-74.006"], server: server)
        #expect(fromOptions.status == 0, "\(fromOptions.stderr)")
        #expect(fromOptions.stdout.contains(" km "))
        #expect(!fromOptions.stdout.contains(" mi NE") && !fromOptions.stdout.contains(" mi SE"))
    }

    @Test func badTrailHomeAndUnitsAreUsageErrors() async throws {
        let badTrail = try await run([Fixtures.groupChatID, "--trail", "soon"], server: nil)
        #expect(badTrail.status == 64)
        #expect(badTrail.stderr.contains("--trail 'soon' is not a duration"))
        let badHome = try await run([Fixtures.groupChatID, "--home", "91,0"], server: nil)
        #expect(badHome.status == 64)
        #expect(badHome.stderr.contains("latitude must be between -90 and 90"))
        let badUnits = try await run([Fixtures.groupChatID, "--units", "furlongs"], server: nil)
        #expect(badUnits.status == 64)
    }

    @Test func aBadHomeInTheSettingsFileIsAConfigurationError() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config.toml")
        try Data("interval = 30\nhome = \"north pole\"\n".utf8).write(to: config)
        let result = try await run([Fixtures.groupChatID, "--once", "--config", config.path], server: nil)
        #expect(result.status == 78)
        #expect(result.stderr.contains("config.toml:2: home: must be \"LAT,LON\" in degrees"))
    }
}
