import FakeLinq
import Foundation
import Testing

/// The API key never shows: not in output or errors of any outcome, not in the process's arguments, and never
/// sent to a host other than the base URL's (the redirect case; LinqHTTPTests checks the second host's log).
@Suite(.serialized) struct SecretsTests {
    static let key = "e2e-secret-never-shown-789"

    @Test(arguments: [
        Scenario.aroundTheWorld, .unauthorized, .serverError, .malformedJSON, .htmlErrorPage,
        .redirectElsewhere(), .successFalse,
    ])
    func onceNeverPrintsTheKey(scenario: Scenario) async throws {
        let server = try await FakeLinq.start(.everyChat(scenario, apiKey: Self.key))
        defer { Task { await server.stop() } }
        for format in ["text", "geojson"] {
            let result = try await runProcess(
                Binary.path("linq-map"), [Fixtures.groupChatID, "--once", "--format", format, "--retries", "0"],
                environment: [
                    "LINQ_API_V3_API_KEY": Self.key, "LINQ_API_V3_BASE_URL": server.baseURL.absoluteString,
                ])
            #expect(!result.stdout.contains(Self.key))
            #expect(!result.stderr.contains(Self.key))
        }
    }

    @Test func wrongKeyIsNeverEchoed() async throws {
        let server = try await FakeLinq.start(FakeLinqConfiguration(apiKey: "the-right-key"))
        defer { Task { await server.stop() } }
        let result = try await runProcess(
            Binary.path("linq-map"), ["--list-chats"],
            environment: ["LINQ_API_V3_API_KEY": Self.key, "LINQ_API_V3_BASE_URL": server.baseURL.absoluteString])
        #expect(result.status == 77)
        #expect(!result.stdout.contains(Self.key) && !result.stderr.contains(Self.key))
    }

    @Test func theKeyIsNotInTheViewersArguments() async throws {
        try await withViewer([Fixtures.groupChatID]) { run in
            await run.session.waitUntil("the loaded group chat") { ViewerTests.isLoaded($0) }
            let pid = try #require(await run.appPID())
            let arguments = try Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))
            #expect(!arguments.isEmpty)
            #expect(!String(decoding: arguments, as: UTF8.self).contains(ViewerRun.key))
            #expect(await !run.session.screen().contains(ViewerRun.key))
        }
    }
}
