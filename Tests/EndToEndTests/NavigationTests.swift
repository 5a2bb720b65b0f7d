import FakeLinq
import Foundation
import Testing

/// Navigation in the built viewer, in tmux against FakeLinq: panning as a translation, follow, jump.
@Suite(.serialized) struct NavigationTests {
    static let group = Fixtures.groupChatID

    /// The screen without its last (status) row and the side panel (from its `│` rule), whose ages and countdown
    /// tick every second.
    static func map(_ screen: String) -> String {
        var lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        if !lines.isEmpty { lines.removeLast() }
        return lines.map { $0.split(separator: "│", maxSplits: 1, omittingEmptySubsequences: false)[0] }
            .joined(separator: "\n")
    }

    @Test func panningDownThenUpGivesBackTheSameMap() async throws {
        try await withViewer([Self.group]) { run in
            let session = run.session
            let loaded = await session.waitUntil("the loaded group chat") { ViewerTests.isLoaded($0) }
            let fitted = try #require(zoomLevel(in: loaded))
            try await session.send("+")
            try await session.send("+")
            let zoomed = await session.waitUntil("zoom \(fitted + 2)") { zoomLevel(in: $0) == fitted + 2 }
            let before = Self.map(zoomed)
            try await session.send("j")
            await session.waitUntil("the view moved south") { Self.map($0) != before }
            try await session.send("k")
            await session.waitUntil("the same map after j k") { Self.map($0) == before }
        }
    }

    @Test func cFollowsTheSelectedParticipantUntilAPan() async throws {
        try await withViewer([Self.group]) { run in
            let session = run.session
            await session.waitUntil("the loaded group chat") { ViewerTests.isLoaded($0) }
            try await session.send("2")
            try await session.send("c")
            let handle = Fixtures.ben.handle
            await session.waitUntil("following Ben") { statusLine($0).contains("following \(handle)") }
            try await session.send("l")
            await session.waitUntil("following ended by a pan") { !statusLine($0).contains("following") }
            try await session.send("c")
            await session.waitUntil("following again") { statusLine($0).contains("following \(handle)") }
            try await session.send("c")
            await session.waitUntil("following ended by c") { !statusLine($0).contains("following") }
        }
    }

    /// Lets the pane's program set tmux's paste buffer with OSC 52.
    static func allowClipboard(_ session: TmuxSession) async throws {
        _ = try await session.tmux(["set-option", "-g", "set-clipboard", "on"])
    }

    /// The text after "copied " in the status bar.
    static func copiedText(in screen: String) -> String {
        let after = statusLine(screen).components(separatedBy: "copied ").last ?? ""
        return after.components(separatedBy: " ").first ?? ""
    }

    /// tmux's newest paste buffer, once it holds a `lat,lon` (or "" after 10 s).
    static func pasteBuffer(of session: TmuxSession) async -> String {
        for _ in 0..<200 {
            let buffer = (try? await session.tmux(["show-buffer"])) ?? ""
            if buffer.contains(",") { return buffer }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return ""
    }

    /// The cell (column, row) of `label` on the map (the left `width` columns, above the scale bar's row).
    static func cell(of label: Character, in screen: String, mapWidth: Int, mapHeight: Int) -> (x: Int, y: Int)? {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).prefix(mapHeight - 1)
        for (y, line) in lines.enumerated() {
            if let x = Array(line.prefix(mapWidth)).firstIndex(of: label) { return (x, y) }
        }
        return nil
    }

    @Test func followKeepsAMovingParticipantInTheMiddle() async throws {
        try await withViewer([Self.group, "--interval", "5"]) { run in
            let server = try #require(run.server)
            server.setScenario(.oneMover, forChat: Self.group)
            let session = run.session
            try await session.send("r")
            await session.waitUntil("the flyer listed") { $0.contains("+447700900123") }
            try await session.send("5")
            try await session.send("c")
            await session.waitUntil("following the flyer") { statusLine($0).contains("following +447700900123") }
            for _ in 0..<3 { try await session.send("+") }
            let before = server.requests().count
            // Two more polls move the flyer about 280 km each; the view moves with them.
            let screen = await session.waitUntil("two more polls, the flyer still centred", timeout: .seconds(40)) {
                guard server.requests().count >= before + 2,
                    let cell = Self.cell(of: "5", in: $0, mapWidth: 80, mapHeight: 39)
                else { return false }
                return abs(cell.x - 40) <= 1 && abs(cell.y - 19) <= 1
            }
            #expect(statusLine(screen).contains("following"))
        }
    }

    @Test func retriesAreCountedFromOneOfTwo() async throws {
        try await withViewer([Self.group, "--interval", "5"]) { run in
            let server = try #require(run.server)
            let session = run.session
            await session.waitUntil("the loaded group chat") { ViewerTests.isLoaded($0) }
            server.setScenario(.serverError, forChat: Self.group)
            try await session.send("r")
            await session.waitUntil("the first retry's label") { statusLine($0).contains("retry 1/2 in ") }
        }
    }

    @Test func aRetryAfterOfDaysSaysSoAndPollingGoesOn() async throws {
        try await withViewer([Self.group, "--interval", "5", "--retries", "0"]) { run in
            let server = try #require(run.server)
            let session = run.session
            await session.waitUntil("the loaded group chat") { ViewerTests.isLoaded($0) }
            server.setScenario(.rateLimited(retryAfter: .seconds(1_000_000_000)), forChat: Self.group)
            try await session.send("r")
            let screen = await session.waitUntil("the capped wait") {
                statusLine($0).contains("server asks to wait 11574d; next try in 5m")
            }
            #expect(!screen.contains("16666666m"))
            #expect(ViewerTests.isLoaded(screen), "positions kept")
        }
    }

    @Test func yCopiesThePositionThroughTmux() async throws {
        try await withViewer([Self.group]) { run in
            try await Self.allowClipboard(run.session)
            await run.session.waitUntil("the loaded group chat") { ViewerTests.isLoaded($0) }
            try await run.session.send("y")
            let screen = await run.session.waitUntil("the copy noted") { statusLine($0).contains("copied ") }
            let buffer = await Self.pasteBuffer(of: run.session)
            #expect(buffer.trimmingCharacters(in: .whitespacesAndNewlines) == Self.copiedText(in: screen))
        }
    }

    @Test func slashFindsSomeoneAndEnterSelectsThem() async throws {
        try await withViewer([Self.group]) { run in
            await run.session.waitUntil("the loaded group chat") { ViewerTests.isLoaded($0) }
            try await run.session.send("/")
            try await run.session.send("+12125550102", literal: true)
            await run.session.waitUntil("one match") { statusLine($0).contains("(1 match)") }
            try await run.session.send("Enter")
            await run.session.waitUntil("Ben selected", escapes: true) { highlightedLabels(in: $0) == ["2"] }
        }
    }

    @Test func theWheelZoomsAndAClickOnAPanelRowSelects() async throws {
        try await withViewer([Self.group]) { run in
            let session = run.session
            let loaded = await session.waitUntil("the loaded group chat") { ViewerTests.isLoaded($0) }
            let zoom = try #require(zoomLevel(in: loaded))
            let modes = try await session.tmux([
                "display-message", "-p", "-t", "t", "#{mouse_sgr_flag}#{mouse_button_flag}",
            ])
            #expect(modes.trimmingCharacters(in: .whitespacesAndNewlines) == "11", "SGR reports with drags")
            // tmux passes the SGR report to the pane as typed: what a terminal sends for a wheel turn at 20,10.
            try await session.send("\u{1B}[<64;20;10M", literal: true)
            await session.waitUntil("zoom \(zoom + 1) after the wheel") { zoomLevel(in: $0) == zoom + 1 }
            // The panel starts at column 81 (120 columns, a third of them for the panel); row 3 is Ben's.
            try await session.send("\u{1B}[<0;85;3M\u{1B}[<0;85;3m", literal: true)
            await session.waitUntil("Ben selected by a click", escapes: true) { highlightedLabels(in: $0) == ["2"] }
        }
    }

    @Test func draggingTheMapPansIt() async throws {
        try await withViewer([Self.group]) { run in
            let session = run.session
            let loaded = await session.waitUntil("the loaded group chat") { ViewerTests.isLoaded($0) }
            let zoom = try #require(zoomLevel(in: loaded))
            let before = Self.map(loaded)
            // Press on an empty stretch of the map's bottom-right, drag 6 columns left and 2 rows up, release.
            try await session.send("\u{1B}[<0;70;30M\u{1B}[<32;64;28M\u{1B}[<0;64;28m", literal: true)
            let moved = await session.waitUntil("the map moved") { Self.map($0) != before }
            #expect(zoomLevel(in: moved) == zoom, "a drag never changes the scale")
        }
    }

    @Test func noMouseLeavesTheReportsAsKeys() async throws {
        try await withViewer([Self.group, "--no-mouse"]) { run in
            let session = run.session
            let loaded = await session.waitUntil("the loaded group chat") { ViewerTests.isLoaded($0) }
            #expect(!loaded.isEmpty)
            let modes = try await session.tmux([
                "display-message", "-p", "-t", "t",
                "#{mouse_sgr_flag}#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}",
            ])
            #expect(modes.trimmingCharacters(in: .whitespacesAndNewlines) == "0000", "no mouse mode asked for")
        }
    }
}
