import Foundation
import Testing

/// A private tmux server running one program in a detached session, for end-to-end tests of the viewer.
///
/// Each instance has its own socket (`-L`), ignores the user's configuration (`-f /dev/null`), and is
/// killed by `close()`. Every tmux call runs off the cooperative pool (see `offPool`).
final class TmuxSession: Sendable {
    let socket: String
    let width: Int
    let height: Int

    /// Starts `command` (a shell command line, run by `sh -c`) in a `width` x `height` pane with
    /// `LANG=C.UTF-8`, `TERM=tmux-256color` and `environment` (which may override both).
    ///
    /// The pane stays after the program ends (`remain-on-exit`, set before the program starts, so even one that
    /// exits at once leaves its status) so its last screen and status can be read.
    init(command: String, width: Int = 120, height: Int = 40, environment: [String: String] = [:]) async throws {
        socket = "lm-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        self.width = width
        self.height = height
        var variables = ["LANG": "C.UTF-8", "TERM": "tmux-256color"]
        variables.merge(environment) { _, new in new }
        let options = variables.sorted { $0.key < $1.key }.flatMap { ["-e", "\($0.key)=\($0.value)"] }
        try await tmux(
            ["-f", "/dev/null", "set-option", "-g", "remain-on-exit", "on", ";", "new-session", "-d", "-s", "t"]
                + ["-x", "\(width)", "-y", "\(height)"] + options + ["sh", "-c", command])
    }

    /// Runs tmux with this session's socket; throws when tmux fails.
    ///
    /// NB: tmux answers in milliseconds, so this blocks its caller briefly; waits longer than that poll with
    /// `Task.sleep` in between, leaving the cooperative pool free.
    @discardableResult
    func tmux(_ arguments: [String]) async throws -> String {
        let socket = socket
        let (status, output) = await offPool { TmuxSession.run(socket: socket, arguments) }
        guard status == 0 else { throw TmuxError(arguments: arguments, status: status) }
        return output
    }

    /// Runs one tmux client to completion (blocking); its output goes through a file.
    private static func run(socket: String, _ arguments: [String]) -> (Int32, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lm-tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        guard
            let process = try? SpawnedProcess(
                path: "/usr/bin/tmux", arguments: ["-L", socket] + arguments, environment: environment, stdout: path)
        else { return (-1, "") }
        let status = process.waitForExit()
        let data = FileManager.default.contents(atPath: path) ?? Data()
        return (status, String(decoding: data, as: UTF8.self))
    }

    /// The pane's text now, one line per row; with `escapes`, with the SGR sequences of each cell's style
    /// (`capture-pane -e`); with `history`, from the start of the scrollback (the normal screen's lines that
    /// scrolled away, for reading what a shell printed after the program left the alternate screen), with
    /// wrapped lines joined.
    func screen(escapes: Bool = false, history: Bool = false) async -> String {
        let arguments =
            ["capture-pane", "-p"] + (escapes ? ["-e"] : []) + (history ? ["-J", "-S", "-"] : []) + ["-t", "t"]
        return (try? await tmux(arguments)) ?? ""
    }

    /// Sends keys as tmux key names (`Tab`, `BTab`, `C-l`, `Up`) or literal text with `literal: true`.
    func send(_ keys: String..., literal: Bool = false) async throws {
        // "--" so that a key such as "-" is not read as an option.
        try await tmux(["send-keys", "-t", "t"] + (literal ? ["-l"] : []) + ["--"] + keys)
    }

    /// Resizes the window (and with it the only pane).
    func resize(width: Int, height: Int) async throws {
        try await tmux(["resize-window", "-t", "t", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The pane's process id (the `sh -c` that runs the command, or the program itself after `exec`), or nil
    /// once it has ended.
    func panePID() async -> Int32? {
        guard let text = try? await tmux(["display-message", "-p", "-t", "t", "#{pane_dead} #{pane_pid}"]) else {
            return nil
        }
        let parts = text.split(separator: " ")
        guard parts.count == 2, parts[0] == "0" else { return nil }
        return Int32(parts[1].trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The exit status of the pane's program once it has ended (128 + the signal's number when a signal ended
    /// it, as a shell reports it), else nil.
    func exitStatus() async -> Int32? {
        let format = "#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}"
        guard let text = try? await tmux(["display-message", "-p", "-t", "t", format]) else { return nil }
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(
            separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "1" else { return nil }
        if let status = Int32(parts[1]) { return status }
        if let signal = Int32(parts[2]) { return 128 + signal }
        return nil
    }

    /// True while the pane shows the alternate screen (a curses program that has not restored the terminal),
    /// nil when tmux cannot tell.
    func isAlternateScreenOn() async -> Bool? {
        guard let text = try? await tmux(["display-message", "-p", "-t", "t", "#{alternate_on}"]) else { return nil }
        switch text.trimmingCharacters(in: .whitespacesAndNewlines) {
        case "1": return true
        case "0": return false
        default: return nil
        }
    }

    /// Polls the screen until `predicate` holds or `timeout` passes; returns the last screen either way.
    @discardableResult
    func waitForScreen(
        timeout: Duration = .seconds(30), escapes: Bool = false, history: Bool = false,
        _ predicate: (String) -> Bool
    ) async -> (matched: Bool, screen: String) {
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: timeout)
        var last = ""
        while true {
            last = await screen(escapes: escapes, history: history)
            if predicate(last) {
                // A capture can land while the program is redrawing (its top lines new, its bottom ones old): look
                // again a moment later and return that screen if it still matches, so checks made on the returned
                // screen see a whole frame; a state that has already passed keeps the first capture.
                try? await Task.sleep(for: .milliseconds(30))
                let settled = await screen(escapes: escapes, history: history)
                return (true, predicate(settled) ? settled : last)
            }
            if clock.now >= end { return (false, last) }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Waits until the screen contains `text`; records an issue with the screen when it never does.
    @discardableResult
    func waitFor(
        _ text: String, timeout: Duration = .seconds(30), history: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async -> String {
        let (matched, screen) = await waitForScreen(timeout: timeout, history: history) { $0.contains(text) }
        if !matched {
            Issue.record("screen never showed \"\(text)\":\n\(screen)", sourceLocation: sourceLocation)
        }
        return screen
    }

    /// Waits until `predicate` holds for the screen; records an issue naming `what` with the screen when it
    /// never does. Returns the last screen.
    @discardableResult
    func waitUntil(
        _ what: String, timeout: Duration = .seconds(30), escapes: Bool = false, history: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation, _ predicate: (String) -> Bool
    ) async -> String {
        let (matched, screen) = await waitForScreen(
            timeout: timeout, escapes: escapes, history: history, predicate)
        if !matched {
            Issue.record("screen never showed \(what):\n\(screen)", sourceLocation: sourceLocation)
        }
        return screen
    }

    /// Waits until the program has exited and returns its status, or nil after `timeout`.
    func waitForExit(timeout: Duration = .seconds(30)) async -> Int32? {
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: timeout)
        while true {
            if let status = await exitStatus() { return status }
            if clock.now >= end { return nil }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Kills the private tmux server and everything in it (SIGHUP to the pane's processes); waits off the
    /// cooperative pool like every other tmux call.
    func close() async {
        _ = try? await tmux(["kill-server"])
        // NB: tmux 3.3 leaves its socket file behind after kill-server; hundreds piled up in /tmp/tmux-UID.
        let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        unlink("\(directory)/tmux-\(getuid())/\(socket)")
    }
}

/// A tmux command that failed.
struct TmuxError: Error, CustomStringConvertible {
    var arguments: [String]
    var status: Int32
    var description: String { "tmux \(arguments.joined(separator: " ")) exited \(status)" }
}
