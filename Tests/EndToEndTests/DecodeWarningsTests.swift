import FakeLinq
import Foundation
import Testing

/// `--once` prints one `warning:` line per warning its status bar counts (issue 9): decoder warnings (no time
/// zone, unparseable times) and "clock ahead" times come from one list.
@Suite(.serialized) struct DecodeWarningsTests {
    static let key = "e2e-decode-key"

    @Test func printedWarningsEqualTheCountInTheStatusBar() async throws {
        var configuration = FakeLinqConfiguration(apiKey: Self.key)
        configuration.setScenario(.oddTimestamps, forChat: Fixtures.groupChatID)
        let server = try await FakeLinq.start(configuration)
        let result: ProcessResult
        do {
            result = try await runProcess(
                Binary.path("linq-map"),
                [Fixtures.groupChatID, "--once", "--width", "160", "--height", "24", "--color", "never"],
                environment: ["LINQ_API_V3_API_KEY": Self.key, "LINQ_API_V3_BASE_URL": server.baseURL.absoluteString])
            await server.stop()
        } catch {
            await server.stop()
            throw error
        }
        #expect(result.status == 0, "\(result.stderr)")
        let printed = result.stderr.split(separator: "\n").filter { $0.contains("warning: ") }
        #expect(printed.contains { $0.hasSuffix("no time zone, read as UTC") })
        #expect(printed.contains { $0.hasSuffix("in the future") })
        #expect(result.stdout.contains("\(printed.count) warnings"))
        #expect(result.stdout.contains("clock ahead"))
    }
}
