import EventHooks
import Foundation
import Synchronization
import Testing

/// A folder of its own with an executable `hook` script holding `body`, and what the runner reported.
private final class HookFixture: Sendable {
    let folder: URL
    let script: String
    private let outcomes = Mutex<[HookOutcome]>([])

    /// What the runner reported so far, in order.
    var reported: [HookOutcome] { outcomes.withLock { $0 } }

    init(_ body: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-hook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        script = folder.appendingPathComponent("hook").path
        try Data("#!/bin/sh\nDIR='\(folder.path)'\n\(body)\n".utf8).write(to: URL(fileURLWithPath: script))
        chmod(script, 0o700)
    }

    func runner(timeout: Duration = .seconds(10), maximumWaiting: Int = 1_000) -> HookRunner {
        HookRunner(
            program: script, environment: ["PATH": "/usr/bin:/bin"], timeout: timeout, maximumWaiting: maximumWaiting
        ) { outcome in
            self.outcomes.withLock { $0.append(outcome) }
        }
    }

    func file(_ name: String) -> String? {
        (try? Data(contentsOf: folder.appendingPathComponent(name))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Polls until `condition` holds or 20 s pass.
    func wait(until condition: () -> Bool) async -> Bool {
        let end = ContinuousClock.now.advanced(by: .seconds(20))
        while !condition() {
            if ContinuousClock.now >= end { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

@Test func theEventArrivesOnStandardInputWithItsKindInTheEnvironment() async throws {
    let fixture = try HookFixture(#"cat > "$DIR/in.json"; printf '%s' "$LINQ_MAP_EVENT" > "$DIR/kind""#)
    fixture.runner().run(input: #"{"kind":"started sharing","participant":"Ana"}"#, kind: "started sharing")
    #expect(await fixture.wait { !fixture.reported.isEmpty })
    #expect(fixture.reported == [.succeeded])
    #expect(fixture.file("in.json") == #"{"kind":"started sharing","participant":"Ana"}"#)
    #expect(fixture.file("kind") == "started sharing")
}

@Test func aFailingProgramReportsItsStatusAndLastErrorLine() async throws {
    let fixture = try HookFixture("echo 'first' >&2; echo 'no webhook configured' >&2; exit 3")
    let runner = fixture.runner()
    runner.run(input: "{}", kind: "left")
    #expect(await fixture.wait { !fixture.reported.isEmpty })
    let outcome = try #require(fixture.reported.first)
    #expect(outcome == .failed(status: 3, detail: "no webhook configured"))
    #expect(outcome.problem(program: runner.program) == "hook hook exited 3: no webhook configured")
}

@Test func aProgramThatRunsTooLongIsKilledWithWhatItStarted() async throws {
    let fixture = try HookFixture(#"sleep 30 & echo $! > "$DIR/child"; wait"#)
    fixture.runner(timeout: .milliseconds(300)).run(input: "{}", kind: "stale")
    #expect(await fixture.wait { !fixture.reported.isEmpty })
    #expect(fixture.reported == [.timedOut(.milliseconds(300))])
    let child = try #require(
        fixture.file("child").flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
    // The group's kill reached the program's own child too (a zombie until init reaps it counts as gone).
    #expect(await fixture.wait { kill(child, 0) != 0 || processState(child) == "Z" })
}

@Test func atMostFourRunAtOnceAndTheRestWaitTheirTurn() async throws {
    let fixture = try HookFixture(
        #"cat > "$DIR/started-$$"; while [ ! -e "$DIR/go" ]; do sleep 0.05; done"#)
    let runner = fixture.runner()
    for _ in 0..<6 { runner.run(input: "{}", kind: "arrived") }
    let started = {
        (try? FileManager.default.contentsOfDirectory(atPath: fixture.folder.path))?.filter { $0.hasPrefix("started-") }
            .count ?? 0
    }
    #expect(await fixture.wait { started() == 4 })
    #expect(runner.load == (4, 2))
    FileManager.default.createFile(atPath: fixture.folder.appendingPathComponent("go").path, contents: Data())
    #expect(await fixture.wait { fixture.reported.count == 6 })
    #expect(started() == 6)
    #expect(fixture.reported.allSatisfy { $0 == .succeeded })
    #expect(runner.load == (0, 0))
}

@Test func runsPastTheWaitingLimitAreDroppedAndSaySo() async throws {
    let fixture = try HookFixture(#"while [ ! -e "$DIR/go" ]; do sleep 0.05; done"#)
    let runner = fixture.runner(maximumWaiting: 1)
    for _ in 0..<6 { runner.run(input: "{}", kind: "left") }
    #expect(fixture.reported == [.dropped(waiting: 1)])
    #expect(runner.load == (4, 1))
    FileManager.default.createFile(atPath: fixture.folder.appendingPathComponent("go").path, contents: Data())
    #expect(await fixture.wait { fixture.reported.count == 6 })
    #expect(fixture.reported.first?.problem(program: "/x/hook") == "hook hook not run: 1 already waiting")
}

@Test func aProgramThatCannotStartSaysWhy() async throws {
    let fixture = try HookFixture("exit 0")
    try Data("not a program".utf8).write(to: URL(fileURLWithPath: fixture.script))
    fixture.runner().run(input: "{}", kind: "arrived")
    #expect(await fixture.wait { !fixture.reported.isEmpty })
    guard case .couldNotStart(let reason)? = fixture.reported.first else {
        Issue.record("expected couldNotStart, got \(fixture.reported)")
        return
    }
    #expect(!reason.isEmpty)
}

@Test func programsAreFoundLikeExecvpFindsThem() {
    #expect(HookRunner.resolve("sh", path: "/nonexistent:/bin") == "/bin/sh")
    #expect(HookRunner.resolve("/bin/sh", path: nil) == "/bin/sh")
    #expect(HookRunner.resolve("no-such-program-here", path: "/bin") == nil)
    #expect(HookRunner.resolve("/bin", path: nil) == nil)
}

private func processState(_ pid: Int32) -> String? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
    else { return nil }
    return stat[stat.index(after: close)...].split(separator: " ").first.map(String.init)
}
