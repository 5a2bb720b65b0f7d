import FakeLinq
import Foundation
import LinqModel
import Testing

/// The interactive app against a server that turns hostile after a good first poll: each fault ends in an
/// error in the status bar, the process keeps running, and the last good positions stay on screen.
///
/// Serialized for the same reason as `ViewerTests`.
@Suite(.serialized) struct HostileServerTests {
    static let group = Fixtures.groupChatID

    /// Named so a failure says which fault it was.
    struct Fault: Sendable, CustomTestStringConvertible {
        var name: String
        var scenario: Scenario
        var testDescription: String { name }
    }

    static let faults: [Fault] = [
        Fault(name: "500/3006", scenario: .serverError),
        Fault(name: "401 later in the run", scenario: .unauthorized),
        Fault(name: "403 later in the run", scenario: .forbidden),
        Fault(name: "404 later in the run", scenario: .notFound),
        Fault(name: "400/1002", scenario: .badRequest),
        Fault(name: "malformed JSON", scenario: .malformedJSON),
        Fault(name: "HTML error page", scenario: .htmlErrorPage),
        Fault(name: "200 with success false", scenario: .successFalse),
        Fault(name: "500 with an empty body", scenario: .emptyServerError),
        Fault(name: "headers and no body", scenario: .headersOnly),
        Fault(name: "invalid UTF-8", scenario: .invalidUTF8),
        Fault(name: "JSON nested 100,000 deep", scenario: .deeplyNested()),
        Fault(name: "redirect to another host", scenario: .redirectElsewhere()),
        Fault(name: "11 MiB body", scenario: .oversized),
        Fault(name: "a body that never ends", scenario: .endless),
        Fault(name: "Retry-After 1e9", scenario: .rateLimited(retryAfter: .text("1e9"))),
    ]

    @Test(arguments: faults)
    func aHostileReplyShowsAnErrorAndKeepsTheLastGoodPositions(fault: Fault) async throws {
        // NB: a generous attempt deadline: the first fetch competes with every other suite in this process, and
        // none of these faults needs the deadline to end (the size cap ends the endless bodies).
        try await withViewer([Self.group, "--retries", "0", "--timeout", "15"]) { run in
            let server = try #require(run.server)
            let session = run.session
            await session.waitUntil("the loaded group chat") { ViewerTests.isLoaded($0) }
            let pid = try #require(await run.appPID())

            server.setScenario(fault.scenario, forChat: Self.group)
            try await session.send("r")
            let screen = await session.waitUntil("an error after \(fault.name)", timeout: .seconds(45)) {
                statusLine($0).contains("error")
            }
            // NB: a long error may push "8 sharing" out of the status bar (the error always stays); the panel
            // is where the positions show.
            for handle in ViewerTests.handles {
                #expect(screen.contains(handle), "\(handle) lost after \(fault.name)")
            }
            #expect(isRunning(pid), "linq-map ended after \(fault.name)")
            #expect(await session.isAlternateScreenOn() == true)
            #expect(!screen.contains(ViewerRun.key))
        }
    }

    @Test func tenThousandParticipantsStayResponsive() async throws {
        var configuration = FakeLinqConfiguration(apiKey: ViewerRun.key)
        configuration.setScenario(.manyFeatures(count: 10_000), forChat: Self.group)
        try await withViewer([Self.group], configuration: configuration) { run in
            let session = run.session
            await session.waitUntil("10000 sharing", timeout: .seconds(60)) { statusLine($0).contains("10000 sharing") }
            // Labels run 1-9, A-Z, then "*"; Shift-Tab from the first selects the last, scrolled into view.
            try await session.send("BTab")
            let last = await session.waitUntil("the last row selected", timeout: .seconds(60), escapes: true) {
                highlightedLabels(in: $0) == ["*"]
            }
            #expect(highlightedLabels(in: last) == ["*"])
            try await session.send("q")
            let (status, _) = await run.waitForExit(timeout: .seconds(60))
            #expect(status == 0)
        }
    }

    @Test func controlAndBidiTextFromTheServerNeverReachesTheTerminal() async throws {
        let hostile = FakeParticipant(
            handle: "+14155550101\u{1B}]2;pwned\u{07}",
            coordinate: Coordinate(longitude: -122.4194, latitude: 37.7749),
            address: "\u{1B}[2J\u{1B}[31mRed\u{202E}lived\u{2066}x\u{9B}31m",
            locality: "San\u{0}Francisco\u{7F}")
        var configuration = FakeLinqConfiguration(apiKey: ViewerRun.key)
        configuration.setScenario(.participants([hostile, Fixtures.ben]), forChat: Self.group)
        try await withViewer([Self.group], configuration: configuration) { run in
            let screen = await run.session.waitUntil("two sharing") { $0.contains("2 sharing") }
            let title = try await run.session.tmux(["display-message", "-p", "-t", "t", "#{pane_title}"])
            #expect(!title.contains("pwned"), "an OSC from the server set the title")
            #expect(screen.contains(Fixtures.ben.handle), "the screen was cleared by the address")
            #expect(screen.contains("Red"))
            let forbidden: [Unicode.Scalar] = ["\u{1B}", "\u{07}", "\u{202E}", "\u{2066}", "\u{9B}", "\u{7F}", "\u{0}"]
            #expect(!screen.unicodeScalars.contains { forbidden.contains($0) })
            let escaped = await run.session.screen(escapes: true)
            #expect(!escaped.contains("\u{1B}[31mRed"), "the server's SGR reached the terminal")
        }
    }
}
