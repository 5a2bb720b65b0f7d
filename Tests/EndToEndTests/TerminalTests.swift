import FakeLinq
import Foundation
import Testing

/// How the viewer leaves the terminal: `q`, signals, first-fetch errors and crashes each restore the terminal
/// modes (`stty -g` before equals after), leave the alternate screen, end the process, and exit with the
/// documented status; terminals the viewer cannot drive exit 78 at once.
///
/// Serialized for the same reason as `ViewerTests`.
@Suite(.serialized) struct TerminalTests {
    static let group = Fixtures.groupChatID

    /// Checks what every way out must leave behind: modes as before, the normal screen, no process.
    func expectRestored(
        _ run: ViewerRun, screen: String, pid: Int32?, sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        let modes = ViewerRun.terminalModes(in: screen)
        #expect(modes != nil, "no stty lines:\n\(screen)", sourceLocation: sourceLocation)
        if let modes {
            #expect(modes.before == modes.after, "terminal modes changed", sourceLocation: sourceLocation)
        }
        #expect(await run.session.isAlternateScreenOn() == false, sourceLocation: sourceLocation)
        if let pid {
            #expect(!isRunning(pid), "linq-map (pid \(pid)) still runs", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [false, true])
    func qExitsZeroRestoresTheTerminalAndLeavesNoProcess(demo: Bool) async throws {
        let arguments = demo ? ["--demo"] : [Self.group]
        let configuration = demo ? nil : FakeLinqConfiguration(apiKey: ViewerRun.key)
        try await withViewer(arguments, configuration: configuration, key: demo ? nil : ViewerRun.key) { run in
            await run.session.waitUntil("the first data") { $0.contains(" sharing") && $0.contains("updated") }
            let pid = try #require(await run.appPID())
            try await run.session.send("q")
            let (status, screen) = await run.waitForExit()
            #expect(status == 0)
            await expectRestored(run, screen: screen, pid: pid)
            #expect(childProcesses(of: pid).isEmpty)
            #expect(!screen.contains("crashed"))
        }
    }

    @Test(arguments: [("TERM", Int32(143)), ("HUP", Int32(129)), ("INT", Int32(130))])
    func signalsExitWithTheirStatusAndRestoreTheTerminal(signal: String, expected: Int32) async throws {
        try await withViewer([Self.group]) { run in
            await run.session.waitFor("8 sharing")
            let pid = try #require(await run.appPID())
            switch signal {
            case "TERM": kill(pid, SIGTERM)
            case "HUP": kill(pid, SIGHUP)
            default: try await run.session.send("C-c")  // from the terminal, as a user sends it
            }
            let (status, screen) = await run.waitForExit()
            #expect(status == expected, "SIG\(signal)")
            await expectRestored(run, screen: screen, pid: pid)
        }
    }

    @Test func controlZSuspendsWithTheTerminalRestoredAndFgRedraws() async throws {
        try await withViewer([Self.group], jobControl: true) { run in
            let session = run.session
            await session.waitFor("8 sharing")
            let pid = try #require(await run.appPID())
            try await session.send("C-z")
            let stopped = await session.waitUntil("the shell's STOPPED line") { $0.contains("STTY-STOPPED=") }
            #expect(ViewerRun.line(startingWith: "STOPPED=", in: stopped) == "\(128 + SIGTSTP)")
            let before = ViewerRun.line(startingWith: "STTY-BEFORE=", in: stopped)
            #expect(before != nil && ViewerRun.line(startingWith: "STTY-STOPPED=", in: stopped) == before)
            #expect(processState(pid) == "T")
            #expect(await session.isAlternateScreenOn() == false)
            // Enter lets the shell go on to `fg`: the viewer takes the screen back and draws again.
            try await session.send("Enter")
            #expect(await waitForAlternateScreen(session), "the viewer did not come back after fg")
            await session.waitFor("8 sharing")
            #expect(isRunning(pid))
            try await session.send("q")
            let (status, screen) = await run.waitForExit()
            #expect(status == 0)
            await expectRestored(run, screen: screen, pid: pid)
        }
    }

    @Test func qWhileTheFirstFetchHangsExitsWithoutWaitingForIt() async throws {
        // The server holds the reply for two minutes and the client would wait 100 s: q must not wait for either.
        let configuration = FakeLinqConfiguration.everyChat(
            .delayed(.seconds(120), then: .aroundTheWorld), apiKey: ViewerRun.key)
        try await withViewer([Self.group, "--timeout", "100"], configuration: configuration) { run in
            await run.session.waitUntil("the first fetch running") { statusLine($0).contains("fetching") }
            let pid = try #require(await run.appPID())
            try await run.session.send("q")
            let (status, screen) = await run.waitForExit(timeout: .seconds(30))
            #expect(status == 0)
            await expectRestored(run, screen: screen, pid: pid)
        }
    }

    @Test func closingThePaneEndsTheViewer() async throws {
        try await withViewer([Self.group]) { run in
            await run.session.waitFor("8 sharing")
            let pid = try #require(await run.appPID())
            await run.session.close()
            let clock = ContinuousClock()
            let end = clock.now.advanced(by: .seconds(30))
            while isRunning(pid) && clock.now < end {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(!isRunning(pid), "linq-map outlived its terminal")
        }
    }

    @Test func controlLRepaintsWhatSomethingElseWroteOnTheTerminal() async throws {
        try await withViewer([Self.group]) { run in
            let session = run.session
            await session.waitFor("8 sharing")
            let pid = try #require(await run.appPID())
            // Another program writes into the pane behind the viewer's back (as `wall` or a stray echo would).
            try writeBehindTheViewer("STRAY-TEXT-FROM-ELSEWHERE", on: try terminal(of: pid))
            await session.waitFor("STRAY-TEXT-FROM-ELSEWHERE")
            try await session.send("C-l")
            await session.waitUntil("the stray text gone after Ctrl-L") {
                !$0.contains("STRAY-TEXT") && $0.contains("8 sharing")
            }
        }
    }

    @Test func continueAfterAnOutsideStopRepaintsAndSetsTheModesAgain() async throws {
        try await withViewer([Self.group]) { run in
            let session = run.session
            await session.waitFor("8 sharing")
            let pid = try #require(await run.appPID())
            let tty = try terminal(of: pid)
            let modes = try await runProcess("/bin/stty", ["-F", tty, "-g"]).stdout
            // A stop the viewer cannot see coming (not Ctrl-Z); meanwhile the terminal gets a shell's cooked modes
            // (as a job-control shell puts back when its job stops) and text from another program.
            kill(pid, SIGSTOP)
            let clock = ContinuousClock()
            let end = clock.now.advanced(by: .seconds(30))
            while processState(pid) != "T" && clock.now < end {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(processState(pid) == "T")
            _ = try await runProcess("/bin/stty", ["-F", tty, "sane"])
            try writeBehindTheViewer("STRAY-TEXT-WHILE-STOPPED", on: tty)
            await session.waitFor("STRAY-TEXT-WHILE-STOPPED")
            kill(pid, SIGCONT)
            await session.waitUntil("the stray text gone after SIGCONT") {
                !$0.contains("STRAY-TEXT") && $0.contains("8 sharing")
            }
            #expect(try await runProcess("/bin/stty", ["-F", tty, "-g"]).stdout == modes)
            // Keys arrive one by one again (no Enter needed, no echo).
            try await session.send("q")
            let (status, screen) = await run.waitForExit()
            #expect(status == 0)
            await expectRestored(run, screen: screen, pid: pid)
        }
    }

    @Test func wrongKeyOnTheFirstFetchExits77WithTheMessageAfterTheRestore() async throws {
        try await withViewer([Self.group], key: "wrong-key-789") { run in
            let (status, screen) = await run.waitForExit()
            #expect(status == 77)
            await expectRestored(run, screen: screen, pid: nil)
            let message = try #require(
                screen.split(separator: "\n").first { $0.contains("error 2004") }, "no 2004 line:\n\(screen)")
            #expect(message.contains("HTTP 401"))
            #expect(!screen.contains("wrong-key-789"))
            // The message comes after the terminal is restored, so it stays readable on the normal screen.
            let lines = screen.split(separator: "\n").map(String.init)
            let before = try #require(lines.firstIndex { $0.hasPrefix("STTY-BEFORE=") })
            let error = try #require(lines.firstIndex { $0.contains("error 2004") })
            #expect(before < error)
        }
    }

    @Test func unknownChatOnTheFirstFetchExits66() async throws {
        try await withViewer([Fixtures.unknownChatID]) { run in
            let (status, screen) = await run.waitForExit()
            #expect(status == 66)
            await expectRestored(run, screen: screen, pid: nil)
            #expect(screen.contains("2001"))
        }
    }

    @Test func forbiddenOnTheFirstFetchExits77() async throws {
        try await withViewer([Self.group], configuration: .everyChat(.forbidden, apiKey: ViewerRun.key)) { run in
            let (status, screen) = await run.waitForExit()
            #expect(status == 77)
            await expectRestored(run, screen: screen, pid: nil)
            #expect(screen.contains("2005"))
        }
    }

    @Test(arguments: ["trap", "segv", "abort"])
    func aCrashRestoresTheTerminalAndWaitsForNoKey(kind: String) async throws {
        try await withViewer([Self.group], environment: ["LINQMAP_DEBUG_CRASH": kind]) { run in
            let (status, screen) = await run.waitForExit(timeout: .seconds(60))
            let signals = [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS].map { 128 + $0 }
            #expect(status.map(signals.contains) == true, "exit status \(String(describing: status))")
            await expectRestored(run, screen: screen, pid: nil)
            #expect(!screen.contains("Press space"), "the backtracer waited for a key")
            #expect(screen.contains("linq-map crashed"))
            let logs = try FileManager.default.contentsOfDirectory(atPath: run.directory.path)
            #expect(logs.contains { $0.hasPrefix("linq-map-") && $0.hasSuffix(".log") }, "backtrace files: \(logs)")
            for log in logs {
                let path = run.directory.appendingPathComponent(log).path
                let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
                #expect(!text.contains(ViewerRun.key), "the API key is in the backtrace \(log)")
                let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
                #expect(mode & 0o077 == 0, "the backtrace \(log) is readable by others: \(String(mode, radix: 8))")
            }
            #expect(!screen.contains(ViewerRun.key))
        }
    }

    @Test(arguments: ["dumb", "no-such-terminal-type"])
    func aTerminalCursesCannotDriveExits78SuggestingOnce(term: String) async throws {
        try await withViewer([Self.group], environment: ["TERM": term]) { run in
            let (status, screen) = await run.waitForExit()
            #expect(status == 78)
            #expect(screen.contains("--once"))
            #expect(screen.contains("TERM=\(term)"))
        }
    }

    /// On a pty that curses cannot drive, only the message reaches it: no restore sequences for a screen that
    /// never opened, and no crash from the atlas preload while the process leaves at once (repeated: it was a race).
    @Test func aDumbTerminalGetsOnlyTheMessage() async throws {
        let binary = Binary.path("linq-map")
        for _ in 0..<10 {
            let result = try await runProcess(
                "/usr/bin/script", ["-qec", "\(binary) --demo", "/dev/null"], environment: ["TERM": "dumb"])
            #expect(result.status == 78, "\(result.stdout)")
            #expect(result.stdout.hasPrefix("linq-map: terminal TERM=dumb"), "\(result.stdout)")
            #expect(!result.stdout.contains("\u{1B}"), "\(result.stdout.debugDescription)")
        }
    }

    @Test func noTerminalExits78SuggestingOnce() async throws {
        let server = try await FakeLinq.start(FakeLinqConfiguration(apiKey: ViewerRun.key))
        let environment = [
            "LINQ_API_V3_API_KEY": ViewerRun.key, "LINQ_API_V3_BASE_URL": server.baseURL.absoluteString,
            "TERM": "xterm-256color",
        ]
        let result = try await runProcess(Binary.path("linq-map"), [Self.group], environment: environment)
        await server.stop()
        #expect(result.status == 78)
        #expect(result.stderr.contains("--once"))
        #expect(result.stdout.isEmpty)
    }
}

/// The terminal device process `pid` writes to (its standard output's target, e.g. `/dev/pts/3`).
func terminal(of pid: Int32, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    try #require(
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/1"), sourceLocation: sourceLocation)
}

/// Writes `text` at row 20, column 3 of terminal `tty`, as another program (`wall`, a stray echo) would.
func writeBehindTheViewer(_ text: String, on tty: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let handle = try #require(FileHandle(forWritingAtPath: tty), sourceLocation: sourceLocation)
    handle.write(Data("\u{1B}[20;3H\(text)".utf8))
    try handle.close()
}

/// Polls until the pane shows the alternate screen again; false after `timeout`.
func waitForAlternateScreen(_ session: TmuxSession, timeout: Duration = .seconds(30)) async -> Bool {
    let clock = ContinuousClock()
    let end = clock.now.advanced(by: timeout)
    while true {
        if await session.isAlternateScreenOn() == true { return true }
        if clock.now >= end { return false }
        try? await Task.sleep(for: .milliseconds(50))
    }
}
