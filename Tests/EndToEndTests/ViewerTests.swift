import FakeLinq
import Foundation
import Testing

/// The interactive viewer as a user sees it: the built binary in a tmux pane against FakeLinq, keys sent with
/// `send-keys`, the pane read back with `capture-pane` until a deadline.
///
/// Serialized: each test runs a whole debug binary that redraws every second, and the machine has two cores.
@Suite(.serialized) struct ViewerTests {
    static let group = Fixtures.groupChatID
    static let handles = Fixtures.aroundTheWorld.map(\.handle)

    /// True once the first poll is on screen: the status bar counts the group chat's eight participants and
    /// the panel lists the last of them.
    static func isLoaded(_ screen: String) -> Bool {
        screen.contains("8 sharing") && screen.contains(Fixtures.joao.handle)
    }

    @Test func startListsEveryoneInThePanelAndSummarisesInTheStatusBar() async throws {
        try await withViewer([Self.group]) { run in
            let screen = await run.session.waitUntil("the loaded group chat") { Self.isLoaded($0) }
            for handle in Self.handles {
                #expect(screen.contains(handle), "\(handle)")
            }
            #expect(screen.contains("San Francisco"))
            #expect(screen.contains("30s ago") || screen.contains("31s ago") || screen.contains(" ago"))
            #expect(screen.contains("unknown"), "Olivia has updated_at null")
            let status = try #require(screen.split(separator: "\n").last { !$0.isEmpty })
            #expect(status.hasPrefix("Around the world "), "the display name from GET /v3/chats/{id}")
            #expect(!status.contains(Self.group))
            #expect(status.contains("8 sharing"))
            #expect(status.contains("updated"))
            #expect(status.contains("? help"))
            #expect(zoomLevel(in: screen) != nil)
            #expect(screen.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) }, "the map is Braille")
        }
    }

    @Test func tabCyclesTheSelectionShiftTabGoesBackAndDigitsJump() async throws {
        try await withViewer([Self.group]) { run in
            let session = run.session
            await session.waitUntil("row 1 highlighted", escapes: true) { highlightedLabels(in: $0) == ["1"] }
            let steps: [(key: String, selected: Character)] = [
                ("Tab", "2"), ("Tab", "3"), ("BTab", "2"), ("BTab", "1"), ("BTab", "8"), ("Tab", "1"),
                ("5", "5"), ("n", "6"), ("p", "5"), ("2", "2"),
            ]
            for step in steps {
                try await session.send(step.key)
                let screen = await session.waitUntil(
                    "row \(step.selected) highlighted after \(step.key)", escapes: true
                ) {
                    highlightedLabels(in: $0) == [step.selected]
                }
                if highlightedLabels(in: screen) != [step.selected] { return }
            }
        }
    }

    @Test func selectionShowsInTheSummaryLineOnNarrowTerminals() async throws {
        try await withViewer([Self.group], width: 60, height: 20) { run in
            let session = run.session
            func summary(_ screen: String) -> String {
                let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
                return lines.count >= 2 ? String(lines[lines.count - 2]) : ""
            }
            await session.waitUntil("Ana in the summary") { summary($0).hasPrefix("1 \(Fixtures.ana.handle)") }
            try await session.send("Tab")
            await session.waitUntil("Ben in the summary") { summary($0).hasPrefix("2 \(Fixtures.ben.handle)") }
            try await session.send("BTab")
            await session.waitUntil("Ana again") { summary($0).hasPrefix("1 \(Fixtures.ana.handle)") }
            try await session.send("g")
            try await session.send("7")
            await session.waitUntil("Olivia after g 7") { summary($0).hasPrefix("7 \(Fixtures.olivia.handle)") }
        }
    }

    @Test func plusAndMinusZoomWShowsTheWorldAndFFitsEveryone() async throws {
        try await withViewer([Self.group]) { run in
            let session = run.session
            let first = await session.waitUntil("the zoom after the first poll") {
                Self.isLoaded($0) && zoomLevel(in: $0) != nil
            }
            let fitted = try #require(zoomLevel(in: first))
            let steps: [(key: String, zoom: Int)] = [
                ("+", fitted + 1), ("-", fitted), ("+", fitted + 1), ("+", fitted + 2), ("w", 0), ("f", fitted),
            ]
            for step in steps {
                try await session.send(step.key)
                let screen = await session.waitUntil("zoom \(step.zoom) after \(step.key)") {
                    zoomLevel(in: $0) == step.zoom
                }
                if zoomLevel(in: screen) != step.zoom { return }
            }
        }
    }

    @Test func rFetchesAtOnceAndTheServerLogsIt() async throws {
        // The default interval (60 s) is longer than the deadline below: a second request can only be `r`'s.
        try await withViewer([Self.group]) { run in
            let server = try #require(run.server)
            // The viewer asks for the chat's display name and its locations: two requests before `r`.
            await run.session.waitUntil("the loaded group chat, named") {
                Self.isLoaded($0) && statusLine($0).hasPrefix("Around the world")
            }
            let before = server.requests().count
            #expect(before == 2)
            try await run.session.send("r")
            let requests = try #require(await waitForRequests(server, count: before + 1), "no request after r")
            #expect(requests.count == before + 1)
            #expect(requests.last?.path.hasSuffix("/v3/chats/\(Self.group)/location") == true)
            #expect(requests.last?.header("Authorization") == "Bearer \(ViewerRun.key)")
        }
    }

    @Test func aServerErrorShowsInTheStatusBarKeepsThePositionsAndClearsOnRecovery() async throws {
        try await withViewer([Self.group, "--interval", "5", "--retries", "0"]) { run in
            let server = try #require(run.server)
            let session = run.session
            await session.waitUntil("the loaded group chat") { Self.isLoaded($0) }

            server.setScenario(.serverError, forChat: Self.group)
            try await session.send("r")
            let failed = await session.waitUntil("error 3006 in the status bar") {
                statusLine($0).contains("error 3006: Internal server error")
            }
            for handle in Self.handles {
                #expect(failed.contains(handle), "\(handle) kept after the error")
            }
            #expect(statusLine(failed).contains("8 sharing"))

            server.setScenario(.aroundTheWorld, forChat: Self.group)
            // `r` fetches at once (a 500 sets no Retry-After window); if a poll was already running it is
            // refused, and the next poll (10 s after one failure at --interval 5) recovers anyway.
            try await session.send("r")
            let recovered = await session.waitUntil("the error gone") {
                !statusLine($0).contains("3006") && statusLine($0).contains("updated") && Self.isLoaded($0)
            }
            #expect(!recovered.contains("Internal server error"))
        }
    }

    @Test func afterAFailureTheNextPollWaitsTwiceTheInterval() async throws {
        // At --interval 30 the next poll after one failure is due in 60 s; the countdown shows more than 30 s
        // even if the pane is read a little late.
        try await withViewer([Self.group, "--interval", "30", "--retries", "0"]) { run in
            let server = try #require(run.server)
            let session = run.session
            await session.waitUntil("the loaded group chat") { Self.isLoaded($0) }
            server.setScenario(.serverError, forChat: Self.group)
            try await session.send("r")
            let failed = await session.waitUntil("the error and its countdown") {
                statusLine($0).contains("3006") && countdownSeconds(in: $0) != nil
            }
            let seconds = try #require(countdownSeconds(in: failed))
            #expect(seconds > 30 && seconds <= 60, "next in \(seconds) s after one failure at --interval 30")
        }
    }

    @Test func wideCharactersKeepThePanelAligned() async throws {
        try await withViewer([Self.group]) { run in
            let screen = await run.session.waitUntil("Kenji's Tokyo row") { Self.isLoaded($0) && $0.contains("東京") }
            // Every row but the status bar (the last one).
            let lines = screen.split(separator: "\n").dropLast()
            for line in lines {
                #expect(displayColumns(of: line) <= 120, "too wide: \(line)")
                if let divider = line.firstIndex(of: "│") {
                    #expect(displayColumns(of: line[..<divider]) == 80, "divider moved: \(line)")
                }
            }
        }
    }

    @Test func rInsideARetryAfterWindowSaysWhenItIsAllowed() async throws {
        try await withViewer([Self.group, "--interval", "5", "--retries", "0"]) { run in
            let server = try #require(run.server)
            let session = run.session
            await session.waitUntil("the loaded group chat") { Self.isLoaded($0) }
            server.setScenario(.rateLimited(retryAfter: .seconds(50)), forChat: Self.group)
            try await session.send("r")
            await session.waitUntil("the 429 in the status bar") { statusLine($0).contains("error") }
            let count = locationRequests(server)
            try await session.send("r")
            let screen = await session.waitUntil("the refusal") { statusLine($0).contains("refresh allowed in") }
            #expect(Self.isLoaded(screen), "positions kept")
            #expect(locationRequests(server) == count, "no request inside the Retry-After window")
        }
    }

    @Test func narrowTerminalsHideThePanelAndTinyOnesSaySo() async throws {
        try await withViewer([Self.group]) { run in
            let session = run.session
            await session.waitUntil("the loaded group chat") { Self.isLoaded($0) }

            try await session.resize(width: 70, height: 24)
            let narrow = await session.waitUntil("the summary line at 70x24") {
                let lines = $0.split(separator: "\n").filter { !$0.isEmpty }
                return lines.count >= 2 && lines[lines.count - 2].hasPrefix("1 \(Fixtures.ana.handle)")
                    && !$0.contains(Fixtures.kenji.handle)
            }
            #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 70 })

            try await session.send("s")
            await session.waitUntil("the panel overlay") { $0.contains(Fixtures.kenji.handle) }
            try await session.send("s")
            await session.waitUntil("the overlay closed") { !$0.contains(Fixtures.kenji.handle) }

            try await session.resize(width: 30, height: 8)
            await session.waitFor("Terminal too small")

            try await session.resize(width: 120, height: 40)
            let restored = await session.waitUntil("the panel back at 120x40") {
                Self.isLoaded($0) && !$0.contains("too small")
            }
            for handle in Self.handles {
                #expect(restored.contains(handle), "\(handle)")
            }
        }
    }

    @Test(arguments: [(40, 10, false), (39, 10, true), (40, 9, true)])
    func theSmallestUsableSizeIs40x10(width: Int, height: Int, isTooSmall: Bool) async throws {
        try await withViewer([Self.group]) { run in
            let session = run.session
            await session.waitUntil("the loaded group chat") { Self.isLoaded($0) }
            try await session.resize(width: width, height: height)
            if isTooSmall {
                await session.waitFor("Terminal too small")
            } else {
                let screen = await session.waitUntil("the status bar at \(width)x\(height)") {
                    statusLine($0).hasPrefix("Around the world") && $0.split(separator: "\n").count <= height
                }
                #expect(!screen.contains("too small"))
            }
        }
    }

    @Test func helpOverlayNamesTheKeysAndAnyKeyClosesIt() async throws {
        try await withViewer([Self.group]) { run in
            let session = run.session
            let first = await session.waitUntil("the loaded group chat") {
                Self.isLoaded($0) && zoomLevel(in: $0) != nil
            }
            try await session.send("?")
            let help = await session.waitUntil("the help overlay") { $0.contains("refresh now") }
            #expect(help.contains("whole world"))
            // The key that closes the help does nothing else: "+" leaves the zoom alone.
            try await session.send("+")
            let closed = await session.waitUntil("the help closed") { !$0.contains("refresh now") }
            #expect(zoomLevel(in: closed) == zoomLevel(in: first))
        }
    }

    @Test func stalenessTicksEverySecondBetweenPolls() async throws {
        // The default interval (60 s): the age can only change through the once-a-second tick.
        try await withViewer([Self.group]) { run in
            let first = await run.session.waitUntil("Ana's age") { Self.isLoaded($0) && anaAge(in: $0) != nil }
            let age = try #require(anaAge(in: first))
            let later = await run.session.waitUntil("Ana's age to move on from \(age)") {
                anaAge(in: $0).map { $0 != age } == true
            }
            #expect(run.server.map(locationRequests) == 1, "a poll, not the tick, changed the age")
            #expect(anaAge(in: later)?.hasSuffix("s ago") == true || anaAge(in: later)?.hasSuffix("m ago") == true)
        }
    }

    @Test func someoneWhoStopsSharingKeepsADimmedRowAndTheirLabelWhenBack() async throws {
        try await withViewer([Self.group, "--interval", "5"]) { run in
            let server = try #require(run.server)
            let session = run.session
            await session.waitUntil("the loaded group chat") { Self.isLoaded($0) }
            let others = Fixtures.aroundTheWorld.filter { $0.handle != Fixtures.ben.handle }
            server.setScenario(.participants(others), forChat: Self.group)
            try await session.send("r")
            let gone = await session.waitUntil("Ben stopped sharing") {
                statusLine($0).contains("7 sharing") && $0.contains("stopped sharing, last seen")
            }
            #expect(gone.contains("2 \(Fixtures.ben.handle)"), "Ben keeps his row and label")
            server.setScenario(.aroundTheWorld, forChat: Self.group)
            try await session.send("r")
            let back = await session.waitUntil("Ben back") {
                statusLine($0).contains("8 sharing") && !$0.contains("stopped sharing")
            }
            #expect(back.contains("2 \(Fixtures.ben.handle)"), "Ben gets label 2 back")
        }
    }

    @Test func fetchingShowsInTheStatusBarAndTheCountdownBetweenPolls() async throws {
        try await withViewer([Self.group, "--interval", "5"]) { run in
            let server = try #require(run.server)
            let session = run.session
            await session.waitUntil("the countdown") { Self.isLoaded($0) && statusLine($0).contains("next in ") }
            server.setScenario(.delayed(.seconds(4), then: .aroundTheWorld), forChat: Self.group)
            try await session.send("r")
            let fetching = await session.waitUntil("the fetching indicator") { statusLine($0).contains("fetching") }
            #expect(Self.isLoaded(fetching), "positions kept while fetching")
            try await session.send("r")
            await session.waitUntil("r refused while fetching") { statusLine($0).contains("already fetching") }
            await session.waitUntil("the fetch done") {
                !statusLine($0).contains("fetching") && statusLine($0).contains("next in ")
            }
        }
    }

    @Test func zoomAndCenterOptionsSetTheFirstView() async throws {
        try await withViewer([Self.group, "--zoom", "3"]) { run in
            await run.session.waitUntil("zoom 3") { Self.isLoaded($0) && zoomLevel(in: $0) == 3 }
        }
        try await withViewer([Self.group, "--center", "-33.9,151.2", "--zoom", "5"]) { run in
            await run.session.waitUntil("zoom 5") { Self.isLoaded($0) && zoomLevel(in: $0) == 5 }
        }
    }

    @Test func participantsInOneCellSaySameSpot() async throws {
        let twin = FakeParticipant(
            handle: "+14155550199", coordinate: Fixtures.ana.coordinate, locality: "San Francisco")
        var configuration = FakeLinqConfiguration(apiKey: ViewerRun.key)
        configuration.setScenario(.participants([Fixtures.ana, twin, Fixtures.ben]), forChat: Self.group)
        try await withViewer([Self.group], configuration: configuration) { run in
            let screen = await run.session.waitUntil("same spot") { $0.contains("same spot as 2") }
            #expect(screen.contains("same spot as 1"))
        }
    }

    @Test func noColorLeavesOnlyAttributesAndColorAlwaysBeatsIt() async throws {
        try await withViewer([Self.group]) { run in
            let screen = await run.session.waitUntil("colours by default", escapes: true) {
                Self.isLoaded($0) && hasColor($0)
            }
            #expect(hasColor(screen))
        }
        try await withViewer([Self.group], environment: ["NO_COLOR": "1"]) { run in
            let screen = await run.session.waitUntil("the loaded group chat", escapes: true) { Self.isLoaded($0) }
            #expect(!hasColor(screen), "NO_COLOR still coloured")
            #expect(!highlightedLabels(in: screen).isEmpty, "the selection is still reversed")
        }
        try await withViewer([Self.group, "--color", "always"], environment: ["NO_COLOR": "1"]) { run in
            await run.session.waitUntil("colours with --color always", escapes: true) {
                Self.isLoaded($0) && hasColor($0)
            }
        }
        try await withViewer([Self.group, "--color", "never"]) { run in
            let screen = await run.session.waitUntil("the loaded group chat", escapes: true) { Self.isLoaded($0) }
            #expect(!hasColor(screen), "--color never still coloured")
        }
    }

    @Test func oddTimestampsCountAsWarningsInTheStatusBar() async throws {
        var configuration = FakeLinqConfiguration(apiKey: ViewerRun.key)
        configuration.setScenario(.oddTimestamps, forChat: Self.group)
        try await withViewer([Self.group], configuration: configuration) { run in
            let screen = await run.session.waitUntil("a warnings count") { statusLine($0).contains("warning") }
            #expect(statusLine(screen).contains(" sharing"))
            #expect(screen.contains("unknown"), "an unparseable time shows as unknown")
        }
    }

    @Test func demoNeedsNoKeyAndShowsSixOrMorePeople() async throws {
        try await withViewer(["--demo"], configuration: nil, key: nil) { run in
            let screen = await run.session.waitUntil("six or more sharing") { (sharingCount(in: $0) ?? 0) >= 6 }
            #expect(screen.contains("linq-map demo"), "the demo chat's display name")
            // The demo reports each phone's last fix, as Find My does: the courier's is seconds old.
            #expect(screen.contains("just now") || screen.contains("s ago"))
        }
    }

    @Test func emptyChatSaysNobodyIsSharingWithLinqsHint() async throws {
        try await withViewer([Fixtures.emptyGroupChatID]) { run in
            // In the side panel, where the rows would be (wrapped to its width), not over the map.
            let screen = await run.session.waitUntil("the empty-chat message") {
                $0.contains("Nobody is sharing location in this")
            }
            #expect(screen.contains("Find My"))
            #expect(screen.contains("Messages"))
            #expect(statusLine(screen).contains("0 sharing"))
        }
    }

    @Test func asciiDrawsOnlySevenBitASCII() async throws {
        try await withViewer([Self.group, "--ascii"]) { run in
            let screen = await run.session.waitUntil("the loaded group chat") { Self.isLoaded($0) }
            let wide = screen.unicodeScalars.filter { $0.value > 0x7E }
            #expect(wide.isEmpty, "non-ASCII on screen: \(String(String.UnicodeScalarView(wide.prefix(20))))")
        }
    }

    @Test func aLocaleThatIsNotUTF8FallsBackToASCIIAndSaysSo() async throws {
        let locale = ["LANG": "C", "LC_ALL": "", "LC_CTYPE": ""]
        try await withViewer([Self.group], environment: locale) { run in
            let screen = await run.session.waitUntil("the loaded group chat") { Self.isLoaded($0) }
            #expect(statusLine(screen).contains("ASCII: locale is not UTF-8"))
            #expect(!screen.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) }, "no Braille")
        }
    }
}

/// The age at the end of Ana's panel row ("30s ago"), if shown.
func anaAge(in screen: String) -> String? {
    guard let line = screen.split(separator: "\n").first(where: { $0.contains("1 \(Fixtures.ana.handle)") }),
        let range = line.range(of: Fixtures.ana.handle)
    else { return nil }
    let age = line[range.upperBound...].trimmingCharacters(in: .whitespaces)
    return age.isEmpty ? nil : age
}

/// True when an SGR sequence in `escaped` sets a foreground or background colour (30-37, 38, 40-47, 48, 90-97,
/// 100-107), not only attributes.
func hasColor(_ escaped: String) -> Bool {
    var rest = escaped[...]
    while let start = rest.range(of: "\u{1B}[") {
        rest = rest[start.upperBound...]
        guard let end = rest.firstIndex(where: { $0.isLetter }) else { break }
        if rest[end] == "m" {
            let colours = rest[..<end].split(separator: ";").compactMap { Int($0) }.contains {
                (30...48).contains($0) && $0 != 39 || (90...107).contains($0)
            }
            if colours { return true }
        }
        rest = rest[end...]
    }
    return false
}

/// The seconds of the status bar's "next in 42s" or "next in 2m 05s", if shown.
func countdownSeconds(in screen: String) -> Int? {
    let status = statusLine(screen)
    guard let range = status.range(of: "next in ") else { return nil }
    let words = status[range.upperBound...].split(separator: " ").prefix(2)
    guard let first = words.first else { return nil }
    if first.hasSuffix("m"), let minutes = Int(first.dropLast()) {
        let seconds = words.dropFirst().first.flatMap { $0.hasSuffix("s") ? Int($0.dropLast()) : nil } ?? 0
        return minutes * 60 + seconds
    }
    return first.hasSuffix("s") ? Int(first.dropLast()) : nil
}

/// The columns `text` takes on a terminal: two for East Asian wide characters, none for combining marks, one
/// otherwise (enough for the fixtures' text).
func displayColumns(of text: Substring) -> Int {
    text.unicodeScalars.reduce(0) { total, scalar in
        switch scalar.value {
        case 0x300...0x36F, 0x200B...0x200F: total
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6:
            total + 2
        default: total + 1
        }
    }
}

/// The bottom line of `screen` (the status bar).
func statusLine(_ screen: String) -> String {
    screen.split(separator: "\n").last { !$0.isEmpty }.map(String.init) ?? ""
}

/// The "N sharing" count in the status bar, if shown.
func sharingCount(in screen: String) -> Int? {
    let status = statusLine(screen)
    guard let range = status.range(of: " sharing") else { return nil }
    return Int(status[..<range.lowerBound].reversed().prefix { $0.isNumber }.reversed().map(String.init).joined())
}

/// How many location polls `server` has logged (not counting the chat-details request).
func locationRequests(_ server: FakeLinq) -> Int {
    server.requests().count { $0.path.hasSuffix("/location") }
}

/// Waits (event-driven) until `server` has logged `count` requests, or `timeout` passes (nil).
func waitForRequests(_ server: FakeLinq, count: Int, timeout: Duration = .seconds(30)) async -> [RecordedRequest]? {
    let (stream, continuation) = AsyncStream<[RecordedRequest]?>.makeStream()
    // NB: waitForRequests is not cancellable; after a timeout its task stays parked until the server goes.
    let waiter = Task { continuation.yield(await server.waitForRequests(count: count)) }
    let timer = Task {
        try? await Task.sleep(for: timeout)
        continuation.yield(nil)
    }
    var iterator = stream.makeAsyncIterator()
    let result = await iterator.next() ?? nil
    timer.cancel()
    if result != nil { await waiter.value }
    return result
}
