import FakeLinq
import Foundation
import Testing

/// Option errors and the rules of `--once` text frames that do not need a server: every stderr line starts with
/// `linq-map: ` and says what is wrong.
@Suite(.serialized) struct CommandLineTests {
    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> ProcessResult {
        var environment = environment
        environment["LINQ_API_V3_API_KEY"] = environment["LINQ_API_V3_API_KEY"] ?? "cli-key"
        return try await runProcess(Binary.path("linq-map"), arguments, environment: environment)
    }

    @Test(arguments: [
        (["--center", "91,0"], "latitude must be between -90 and 90"),
        (["--center", "0,181"], "longitude must be between -180 and 180"),
        (["--zoom", "-1"], "zoom must be 0 to 18"),
        (["--zoom", "19"], "zoom must be 0 to 18"),
        (["--once", "--width", "19"], "the smallest text frame is 20 columns"),
        (["--once", "--height", "7"], "the smallest text frame is 8 rows"),
    ])
    func badValuesAreUsageErrorsThatSayWhy(arguments: [String], message: String) async throws {
        let result = try await run([Fixtures.groupChatID] + arguments)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("linq-map: "), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [["--demo", Fixtures.groupChatID], ["--demo", "--base-url", "http://127.0.0.1:9/api/partner"]])
    func demoRefusesAChatIdOrABaseURL(arguments: [String]) async throws {
        let result = try await run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("linq-map: --demo runs its own simulated chat"), "\(result.stderr)")
    }

    @Test(arguments: [["LANG": "C"], ["LC_ALL": "POSIX", "LANG": "C.UTF-8"], ["LANG": ""]])
    func onceInANonUTF8LocalePrintsASCII(locale: [String: String]) async throws {
        let result = try await run(
            ["--demo", "--once", "--width", "80", "--height", "24", "--color", "never"], environment: locale)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(result.stdout.contains("+14155550111"))
    }

    @Test func connectionRefusedStartsWithTheProgramName() async throws {
        let result = try await run(
            [Fixtures.groupChatID, "--once", "--retries", "0", "--base-url", "http://127.0.0.1:1/api/partner"])
        #expect(result.status == 69)
        #expect(result.stderr.hasPrefix("linq-map: cannot connect to 127.0.0.1"), "\(result.stderr)")
    }
}
